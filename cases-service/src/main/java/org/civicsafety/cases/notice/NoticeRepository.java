package org.civicsafety.cases.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;

/**
 * The {@code notice}, {@code notice_delivery} and {@code notice_attempt} tables. SQL throughout: notices are
 * appended, claimed as a queue ({@code FOR UPDATE SKIP LOCKED} leases) and read as keyset pages, never loaded and
 * saved as objects.
 */
@ApplicationScoped
public class NoticeRepository {

    /** A delivery the relay has leased, with its notice as it was written (unread). */
    record Claimed(UUID id, Channel channel, String addressEnc, int attempts, Row notice) {}

    /** A notice as lists show it. */
    record Row(UUID id, long seq, String recipientType, String recipient, String type, String subjectType,
            UUID subjectId, String subjectNumber, String title, String body, boolean urgent, Instant createdAt,
            Instant readAt) {}

    record DeliveryRow(UUID id, UUID noticeId, String channel, String addressMasked, String status, int attempts,
            String lastError, Instant sentAt, Instant nextAttemptAt) {}

    record AttemptRow(UUID deliveryId, Instant at, Integer statusCode, Integer latencyMs, String error) {}

    /** The delivery log's filters, checked; null means any. */
    record LogFilter(RecipientType recipientType, Channel channel, DeliveryStatus status, OffsetDateTime from,
            OffsetDateTime to, Long beforeSeq, int limit) {}

    /** What a notice is when written; it never changes but for its read mark. */
    private static final String NOTICE_WRITTEN = """
            n.id, n.seq, n.recipient_type, n.recipient, n.notice_type, n.subject_type, n.subject_id, n.subject_number,
            n.title, n.body, n.urgent, n.created_at""";
    private static final String COLUMNS = NOTICE_WRITTEN + ", n.read_at";

    @Inject EntityManager em;

    /** False when the notice's stage was already told (the once-per-stage key). */
    boolean insertNotice(UUID id, RecipientType recipientType, NoticeRequest r, String lang,
            NoticeTemplates.Text text, Instant at) {
        return em.createNativeQuery("""
                INSERT INTO notice (id, recipient_type, recipient, area_path, notice_type, subject_type, subject_id,
                                    subject_number, lang, title, body, urgent, stage, created_at)
                VALUES (?1, ?2, ?3, string_to_array(?4, ','), ?5, ?14, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, id).setParameter(2, recipientType.name()).setParameter(3, r.recipient())
                .setParameter(4, String.join(",", r.subject().areaPath())).setParameter(5, r.type().name())
                .setParameter(6, r.subject().id()).setParameter(7, r.subject().number()).setParameter(8, lang)
                .setParameter(9, text.title()).setParameter(10, text.body()).setParameter(11, r.type().urgent())
                .setParameter(12, r.stage()).setParameter(13, at.atOffset(ZoneOffset.UTC))
                .setParameter(14, r.subject().type())
                .executeUpdate() == 1;
    }

    void insertDelivery(UUID id, UUID noticeId, Channel channel, String addressEnc, String addressMasked,
            DeliveryStatus status, Instant nextAttemptAt, String lastError, Instant at) {
        em.createNativeQuery("""
                INSERT INTO notice_delivery (id, notice_id, channel, address_enc, address_masked, status,
                                             next_attempt_at, last_error, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, id).setParameter(2, noticeId).setParameter(3, channel.name())
                .setParameter(4, addressEnc).setParameter(5, addressMasked).setParameter(6, status.name())
                .setParameter(7, utc(nextAttemptAt)).setParameter(8, lastError)
                .setParameter(9, at.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    /**
     * Leases up to {@code limit} due deliveries for {@code leaseSeconds}. SQL: {@code FOR UPDATE SKIP LOCKED} lets
     * instances share the queue; the lease (not a held lock) covers the sending, which happens outside any
     * transaction, and lets another instance take a delivery whose sender died.
     */
    List<Claimed> claim(int limit, int leaseSeconds) {
        return SqlRow.list(em.createNativeQuery("""
                UPDATE notice_delivery d SET lease_until = now() + ?2 * interval '1 second'
                FROM notice n
                WHERE n.id = d.notice_id AND d.id IN (
                    SELECT id FROM notice_delivery
                    WHERE status IN ('PENDING', 'DEFERRED') AND next_attempt_at <= now()
                      AND (lease_until IS NULL OR lease_until < now())
                    ORDER BY next_attempt_at LIMIT ?1 FOR UPDATE SKIP LOCKED)
                RETURNING d.id AS delivery_id, d.channel, d.address_enc, d.attempts, %s,
                          CAST(NULL AS timestamptz) AS read_at""".formatted(NOTICE_WRITTEN))
                .setParameter(1, limit).setParameter(2, leaseSeconds),
                r -> new Claimed(r.uuid("delivery_id"), Channel.valueOf(r.string("channel")), r.string("address_enc"),
                        r.integer("attempts"), row(r)));
    }

    /** When the delivery was first tried (now, for its first attempt). */
    Instant firstAttempt(UUID deliveryId, Instant now) {
        Instant first = SqlRow
                .first(em.createNativeQuery("SELECT min(at) AS first FROM notice_attempt WHERE delivery_id = ?1")
                        .setParameter(1, deliveryId), r -> r.instant("first"));
        return first == null ? now : first;
    }

    /** Records an attempt and the delivery's new state; the lease ends. */
    void record(UUID deliveryId, Instant at, Integer statusCode, int latencyMs, String error, DeliveryStatus status,
            Instant nextAttemptAt) {
        em.createNativeQuery(
                """
                INSERT INTO notice_attempt (delivery_id, at, status_code, latency_ms, error) VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, deliveryId).setParameter(2, at.atOffset(ZoneOffset.UTC)).setParameter(3, statusCode)
                .setParameter(4, latencyMs).setParameter(5, error).executeUpdate();
        em.createNativeQuery("""
                UPDATE notice_delivery SET status = ?2, attempts = attempts + 1, next_attempt_at = ?3,
                       lease_until = NULL, last_error = ?4, sent_at = ?5
                WHERE id = ?1""")
                .setParameter(1, deliveryId).setParameter(2, status.name()).setParameter(3, utc(nextAttemptAt))
                .setParameter(4, error)
                .setParameter(5, status == DeliveryStatus.SENT ? at.atOffset(ZoneOffset.UTC) : null)
                .executeUpdate();
    }

    /** Deliveries waiting to be sent, per channel. */
    Map<Channel, Long> pendingByChannel() {
        Map<Channel, Long> pending = new EnumMap<>(Channel.class);
        SqlRow.list(em.createNativeQuery("""
                SELECT channel, count(*) AS n FROM notice_delivery WHERE status IN ('PENDING', 'DEFERRED')
                GROUP BY channel"""), r -> pending.put(Channel.valueOf(r.string("channel")), r.lng("n")));
        return pending;
    }

    /**
     * A page of the reader's notices by seq: newest first below {@code beforeSeq}, or (the stream) oldest first above
     * {@code afterSeq}. SQL: keyset paging over the recipient and area-path indexes.
     */
    List<Row> inbox(Reader reader, Long beforeSeq, Long afterSeq, boolean unreadOnly, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(scope(reader, params));
        if (beforeSeq != null) {
            params.put("before", beforeSeq);
            where.append(" AND n.seq < :before");
        }
        if (afterSeq != null) {
            params.put("after", afterSeq);
            where.append(" AND n.seq > :after");
        }
        if (unreadOnly) {
            where.append(" AND n.read_at IS NULL");
        }
        return rows("SELECT " + COLUMNS + " FROM notice n WHERE " + where + " ORDER BY n.seq "
                + (afterSeq != null ? "ASC" : "DESC") + " LIMIT " + limit, params);
    }

    long unread(Reader reader) {
        Map<String, Object> params = new LinkedHashMap<>();
        return count("SELECT count(*) FROM notice n WHERE " + scope(reader, params) + " AND n.read_at IS NULL",
                params);
    }

    /** The reader's newest seq (0 without any): where a stream without Last-Event-ID starts. */
    long latestSeq(Reader reader) {
        Map<String, Object> params = new LinkedHashMap<>();
        return count("SELECT coalesce(max(n.seq), 0) FROM notice n WHERE " + scope(reader, params), params);
    }

    /** Marks the reader's notice read (the first time only); false when it is not the reader's. */
    boolean markRead(Reader reader, UUID id) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        var q = em.createNativeQuery("UPDATE notice n SET read_at = coalesce(n.read_at, now()) WHERE n.id = :id AND "
                + scope(reader, params));
        params.forEach(q::setParameter);
        return q.executeUpdate() == 1;
    }

    /** A page of the delivery log, newest first: every notice, or (supervisors) those of their area subtree. */
    List<Row> log(LogFilter f, String areaScope) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("TRUE");
        if (areaScope != null) {
            params.put("area", areaScope);
            where.append(" AND n.area_path @> ARRAY[CAST(:area AS text)]");
        }
        if (f.recipientType() != null) {
            params.put("recipientType", f.recipientType().name());
            where.append(" AND n.recipient_type = :recipientType");
        }
        if (f.channel() != null || f.status() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM notice_delivery d WHERE d.notice_id = n.id");
            if (f.channel() != null) {
                params.put("channel", f.channel().name());
                where.append(" AND d.channel = :channel");
            }
            if (f.status() != null) {
                params.put("status", f.status().name());
                where.append(" AND d.status = :status");
            }
            where.append(")");
        }
        if (f.from() != null) {
            params.put("from", f.from());
            where.append(" AND n.created_at >= :from");
        }
        if (f.to() != null) {
            params.put("to", f.to());
            where.append(" AND n.created_at < :to");
        }
        if (f.beforeSeq() != null) {
            params.put("before", f.beforeSeq());
            where.append(" AND n.seq < :before");
        }
        return rows("SELECT " + COLUMNS + " FROM notice n WHERE " + where + " ORDER BY n.seq DESC LIMIT " + f.limit(),
                params);
    }

    List<DeliveryRow> deliveries(List<UUID> noticeIds) {
        return SqlRow.list(em.createNativeQuery("""
                SELECT id, notice_id, channel, address_masked, status, attempts, last_error, sent_at, next_attempt_at
                FROM notice_delivery WHERE notice_id = ANY (CAST(string_to_array(?1, ',') AS uuid[]))
                ORDER BY created_at, channel""").setParameter(1, join(noticeIds)),
                r -> new DeliveryRow(r.uuid("id"), r.uuid("notice_id"), r.string("channel"), r.string("address_masked"),
                        r.string("status"), r.integer("attempts"), r.string("last_error"), r.instant("sent_at"),
                        r.instant("next_attempt_at")));
    }

    List<AttemptRow> attempts(List<UUID> deliveryIds) {
        return SqlRow.list(em.createNativeQuery("""
                SELECT delivery_id, at, status_code, latency_ms, error FROM notice_attempt
                WHERE delivery_id = ANY (CAST(string_to_array(?1, ',') AS uuid[])) ORDER BY id""")
                .setParameter(1, join(deliveryIds)),
                r -> new AttemptRow(r.uuid("delivery_id"), r.instant("at"), r.nullableInt("status_code"),
                        r.nullableInt("latency_ms"), r.string("error")));
    }

    /** The notices a reader receives, as SQL over {@code notice n}. */
    static String scope(Reader reader, Map<String, Object> params) {
        List<String> ors = new ArrayList<>();
        if (reader.sub() != null) {
            params.put("sub", reader.sub());
            ors.add("(n.recipient_type = 'USER' AND n.recipient = :sub)");
        }
        if (reader.has("handler") && reader.unit() != null) {
            params.put("unit", reader.unit());
            ors.add("(n.recipient_type = 'UNIT' AND n.recipient = :unit)");
        }
        if (reader.has("admin")) {
            ors.add("n.recipient_type = 'AREA'");
        } else if (reader.has("supervisor") && reader.area() != null) {
            params.put("area", reader.area());
            // "@>": the containment operator can use the GIN index on the path
            ors.add("(n.recipient_type = 'AREA' AND n.area_path @> ARRAY[CAST(:area AS text)])");
        }
        return ors.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ors) + ")";
    }

    private List<Row> rows(String sql, Map<String, Object> params) {
        var q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        return SqlRow.list(q, NoticeRepository::row);
    }

    private static Row row(SqlRow r) {
        return new Row(r.uuid("id"), r.lng("seq"), r.string("recipient_type"), r.string("recipient"),
                r.string("notice_type"), r.string("subject_type"), r.uuid("subject_id"), r.string("subject_number"),
                r.string("title"), r.string("body"), r.bool("urgent"), r.instant("created_at"), r.instant("read_at"));
    }

    private long count(String sql, Map<String, Object> params) {
        var q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        return ((Number) q.getSingleResult()).longValue();
    }

    private static String join(List<UUID> ids) {
        return String.join(",", ids.stream().map(UUID::toString).toList());
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
