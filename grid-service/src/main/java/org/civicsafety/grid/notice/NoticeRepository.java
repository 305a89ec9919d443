package org.civicsafety.grid.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.SqlRow;
import org.civicsafety.grid.privacy.EncryptedTable;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tables notice, notice_delivery and notice_attempt, in native SQL: the once-per-stage insert, the relay's SKIP
 * LOCKED claim and the keyset lists are what SQL is for, and a notice is never changed but for its read mark.
 * {@code notice_delivery.address_enc} is sealed by {@link PersonalDataCipher}.
 */
@ApplicationScoped
public class NoticeRepository implements EncryptedTable {
    private static final String ADDRESS_ON_OTHER_KEY = "address_enc IS NOT NULL AND "
            + EncryptedTable.textOnOtherKey("address_enc");
    private static final String NOTICE_COLUMNS = "n.id, n.seq, n.recipient_type, n.recipient, n.notice_type, n.title,"
            + " n.body, n.subject_type, n.subject_id, n.subject_number, n.urgent, n.created_at, n.read_at";

    @Inject EntityManager em;

    /** A delivery row to write with its notice. */
    record NewDelivery(Channel channel, String addressEnc, String addressMasked, DeliveryStatus status,
            Instant nextAttemptAt) {}

    /**
     * Inserts the notice; false when it is a once-per-stage notice that exists already (nothing written then).
     */
    boolean insert(UUID id, NoticeRequest r, NoticeLanguage language, NoticeTemplates.Rendered text, boolean urgent) {
        // SQL: ON CONFLICT DO NOTHING against the partial unique index of once-per-stage notices
        return query("INSERT INTO notice (id, recipient_type, recipient, area_path, notice_type, subject_type,"
                + " subject_id, subject_number, lang, title, body, urgent, stage)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS text), ?, ?, ?, ?, CAST(? AS text)) ON CONFLICT DO NOTHING",
                Arrays.asList(id, r.recipientType().name(), r.recipient(), r.areaPath(), r.type().name(),
                        r.subjectType(), r.subjectId(), r.subjectNumber(), language.tag(), text.title(), text.body(),
                        urgent, r.stage()))
                .executeUpdate() == 1;
    }

    void insertDelivery(UUID noticeId, NewDelivery d) {
        query("INSERT INTO notice_delivery (id, notice_id, channel, address_enc, address_masked, status,"
                + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                List.of(UUID.randomUUID(), noticeId, d.channel().name(), d.addressEnc(), d.addressMasked(),
                        d.status().name(), utc(d.nextAttemptAt())))
                .executeUpdate();
    }

    /**
     * Queues a notice's delivery to a unit's webhook URL with the CloudEvent it sends ({@code payload}, whose id is
     * the notice's), so that every try sends the same bytes.
     */
    void insertNoticeWebhook(UUID noticeId, String addressEnc, String addressMasked, String eventType,
            String payload) {
        query("INSERT INTO notice_delivery (id, notice_id, channel, address_enc, address_masked, status,"
                + " next_attempt_at, event_id, event_type, payload) VALUES (?, ?, 'WEBHOOK', ?, ?, 'PENDING', now(), ?,"
                + " ?, ?)",
                List.of(UUID.randomUUID(), noticeId, addressEnc, addressMasked, noticeId, eventType,
                        payload))
                .executeUpdate();
    }

    /** Queues the delivery of a partner's event (a CloudEvent, {@code payload}) to its subscription's receiver. */
    void insertEventDelivery(UUID id, UUID subscription, String addressEnc, String addressMasked, UUID eventId,
            String eventType, String payload) {
        query("INSERT INTO notice_delivery (id, subscription_id, channel, address_enc, address_masked, status,"
                + " next_attempt_at, event_id, event_type, payload) VALUES (?, ?, 'WEBHOOK', ?, ?, 'PENDING', now(), ?,"
                + " ?, ?)", List.of(id, subscription, addressEnc, addressMasked, eventId, eventType, payload))
                .executeUpdate();
    }

    /** A partner's event delivery as its log shows it. */
    record EventDeliveryRow(DeliveryRow delivery, UUID eventId, String eventType, String payload) {}

    private static final String EVENT_DELIVERY_COLUMNS = "id, notice_id, channel, address_masked, status, attempts,"
            + " last_error, sent_at, next_attempt_at, created_at, event_id, event_type, payload";

    /** A page of a subscription's deliveries, newest first, after the one at ({@code beforeAt}, {@code beforeId}). */
    List<EventDeliveryRow> eventDeliveries(UUID subscription, OffsetDateTime beforeAt, UUID beforeId, int limit) {
        // SQL: keyset paging over (created_at, id) of the subscription's index
        String sql = "SELECT " + EVENT_DELIVERY_COLUMNS + " FROM notice_delivery WHERE subscription_id = ?"
                + (beforeAt == null ? "" : " AND (created_at, id) < (?, ?)") + " ORDER BY created_at DESC, id DESC"
                + " LIMIT ?";
        List<Object> args = new ArrayList<>();
        args.add(subscription);
        if (beforeAt != null) {
            args.add(beforeAt);
            args.add(beforeId);
        }
        args.add(limit);
        return SqlRow.list(query(sql, args), NoticeRepository::eventDelivery);
    }

    Optional<EventDeliveryRow> eventDelivery(UUID subscription, UUID delivery) {
        return SqlRow.list(query("SELECT " + EVENT_DELIVERY_COLUMNS + " FROM notice_delivery WHERE subscription_id = ?"
                + " AND id = ?", List.of(subscription, delivery)), NoticeRepository::eventDelivery).stream()
                .findFirst();
    }

    /** The subscription's deliveries not sent yet will never be: SUPPRESSED with {@code reason}. */
    void suppressPending(UUID subscription, String reason) {
        query("UPDATE notice_delivery SET status = 'SUPPRESSED', next_attempt_at = NULL, last_error = ?"
                + " WHERE subscription_id = ? AND status IN ('PENDING', 'DEFERRED')", List.of(reason, subscription))
                .executeUpdate();
    }

    private static EventDeliveryRow eventDelivery(SqlRow r) {
        return new EventDeliveryRow(delivery(r), r.uuid("event_id"), r.string("event_type"), r.string("payload"));
    }

    /** A claimed row, its address still sealed. */
    record Claimed(UUID id, UUID noticeId, Channel channel, String addressEnc, int attempts, Instant firstAttemptAt,
            String title, String body, boolean urgent, UUID subscriptionId, UUID eventId, String payload) {}

    /**
     * Leases up to {@code limit} due deliveries to this instance for {@code lease}, oldest due first; rows another
     * instance holds are skipped.
     */
    List<Claimed> claim(int limit, Duration lease) {
        // SQL: FOR UPDATE SKIP LOCKED claim that sets a lease, so several instances share the work and a crashed
        // instance's rows are taken over when the lease ends
        return SqlRow.list(query("WITH claimed AS (UPDATE notice_delivery d SET lease_until = now() + ? * interval"
                + " '1 millisecond' WHERE d.id IN (SELECT id FROM notice_delivery WHERE status IN ('PENDING',"
                + " 'DEFERRED') AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())"
                + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING d.id, d.notice_id, d.channel, d.address_enc, d.attempts, d.subscription_id, d.event_id,"
                + " d.payload) SELECT c.id, c.notice_id, c.channel, c.address_enc, c.attempts,"
                + " (SELECT min(a.at) FROM notice_attempt a WHERE a.delivery_id = c.id) AS first_attempt_at,"
                + " n.title, n.body, n.urgent, c.subscription_id, c.event_id, c.payload"
                + " FROM claimed c LEFT JOIN notice n ON n.id = c.notice_id",
                List.of(lease.toMillis(), limit)),
                r -> new Claimed(r.uuid("id"), r.uuid("notice_id"), Channel.valueOf(r.string("channel")),
                        r.string("address_enc"), r.integer("attempts"), r.instant("first_attempt_at"),
                        r.string("title"), r.string("body"), r.bool("urgent"), r.uuid("subscription_id"),
                        r.uuid("event_id"), r.string("payload")));
    }

    /**
     * Records one attempt and where the delivery stands after it: its status, the next try (null if none) and,
     * once sent, when.
     */
    void record(UUID delivery, Instant at, Integer statusCode, int latencyMs, String error, DeliveryStatus status,
            Instant nextAttemptAt) {
        query("INSERT INTO notice_attempt (delivery_id, at, status_code, latency_ms, error)"
                + " VALUES (?, ?, CAST(? AS int), ?, CAST(? AS text))",
                Arrays.asList(delivery, utc(at), statusCode, latencyMs, error)).executeUpdate();
        query("UPDATE notice_delivery SET attempts = attempts + 1, status = ?, lease_until = NULL,"
                + " next_attempt_at = CAST(? AS timestamptz), last_error = CAST(? AS text),"
                + " sent_at = CASE WHEN ? THEN CAST(? AS timestamptz) ELSE sent_at END WHERE id = ?",
                Arrays.asList(status.name(), utc(nextAttemptAt), error, status == DeliveryStatus.SENT, utc(at),
                        delivery))
                .executeUpdate();
    }

    /** Deliveries waiting to be sent (PENDING or DEFERRED), per channel. */
    Map<Channel, Long> pending() {
        // SQL: a grouped count on the relay's partial index
        Map<Channel, Long> counts = new EnumMap<>(Channel.class);
        Arrays.stream(Channel.values()).forEach(c -> counts.put(c, 0L));
        SqlRow.list(query("SELECT channel, count(*) AS n FROM notice_delivery WHERE status IN ('PENDING',"
                + " 'DEFERRED') GROUP BY channel", List.of()),
                r -> counts.put(Channel.valueOf(r.string("channel")),
                        r.lng("n")));
        return counts;
    }

    /** A page of the caller's notices, newest first, before {@code beforeSeq} (null: from the newest). */
    List<NoticeRow> inbox(NoticeScope scope, Boolean unread, Long beforeSeq, int limit) {
        // SQL: keyset paging by seq over the recipient index
        StringBuilder sql = new StringBuilder("SELECT " + NOTICE_COLUMNS + " FROM notice n WHERE " + scope.sql());
        List<Object> args = new ArrayList<>(scope.args());
        if (unread != null) {
            sql.append(unread ? " AND n.read_at IS NULL" : " AND n.read_at IS NOT NULL");
        }
        if (beforeSeq != null) {
            sql.append(" AND n.seq < ?");
            args.add(beforeSeq);
        }
        sql.append(" ORDER BY n.seq DESC LIMIT ?");
        args.add(limit);
        return SqlRow.list(query(sql.toString(), args), NoticeRepository::notice);
    }

    long unread(NoticeScope scope) {
        // SQL: a count on the unread partial index
        return SqlRow.first(query("SELECT count(*) AS n FROM notice n WHERE n.read_at IS NULL AND " + scope.sql(),
                scope.args()), r -> r.lng("n"));
    }

    /** The caller's notices after {@code seq}, oldest first (the stream). */
    List<NoticeRow> after(NoticeScope scope, long seq, int limit) {
        // SQL: keyset by seq
        List<Object> args = new ArrayList<>(scope.args());
        args.add(seq);
        args.add(limit);
        return SqlRow.list(query("SELECT " + NOTICE_COLUMNS + " FROM notice n WHERE " + scope.sql()
                + " AND n.seq > ? ORDER BY n.seq LIMIT ?", args), NoticeRepository::notice);
    }

    /** One notice as it is stored (in the transaction that wrote it, too). */
    NoticeRow find(UUID id) {
        return SqlRow.first(query("SELECT " + NOTICE_COLUMNS + " FROM notice n WHERE n.id = ?", List.of(id)),
                NoticeRepository::notice);
    }

    /** The newest notice's seq (0 when there is none): where a stream without Last-Event-ID starts. */
    long lastSeq() {
        return SqlRow.first(query("SELECT coalesce(max(seq), 0) AS s FROM notice", List.of()), r -> r.lng("s"));
    }

    /** Marks the notice read if the caller reads it as theirs (idempotent); false when it is not theirs. */
    boolean markRead(UUID id, NoticeScope scope) {
        List<Object> args = new ArrayList<>();
        args.add(id);
        args.addAll(scope.args());
        return query("UPDATE notice n SET read_at = coalesce(n.read_at, now()) WHERE n.id = ? AND " + scope.sql(),
                args).executeUpdate() == 1;
    }

    /** What the delivery log filters by; null fields do not filter. */
    record LogFilter(RecipientType recipientType, Channel channel, DeliveryStatus status, OffsetDateTime from,
            OffsetDateTime to) {}

    /**
     * A page of every recipient's notices, newest first: within {@code area}'s subtree unless it is null (admin),
     * matching {@code f}; a channel or status matches notices with such a delivery.
     */
    List<NoticeRow> log(LogFilter f, String area, Long beforeSeq, int limit) {
        // SQL: keyset paging with optional filters; the delivery conditions as EXISTS over its notice index
        StringBuilder sql = new StringBuilder("SELECT " + NOTICE_COLUMNS + " FROM notice n WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (area != null) {
            sql.append(" AND n.area_path @> ARRAY[?::text]");
            args.add(area);
        }
        if (f.recipientType() != null) {
            sql.append(" AND n.recipient_type = ?");
            args.add(f.recipientType().name());
        }
        if (f.channel() != null || f.status() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM notice_delivery d WHERE d.notice_id = n.id");
            if (f.channel() != null) {
                sql.append(" AND d.channel = ?");
                args.add(f.channel().name());
            }
            if (f.status() != null) {
                sql.append(" AND d.status = ?");
                args.add(f.status().name());
            }
            sql.append(")");
        }
        if (f.from() != null) {
            sql.append(" AND n.created_at >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND n.created_at < ?");
            args.add(f.to());
        }
        if (beforeSeq != null) {
            sql.append(" AND n.seq < ?");
            args.add(beforeSeq);
        }
        sql.append(" ORDER BY n.seq DESC LIMIT ?");
        args.add(limit);
        return SqlRow.list(query(sql.toString(), args), NoticeRepository::notice);
    }

    /** A delivery as the logs show it, its address masked. */
    record DeliveryRow(UUID id, UUID noticeId, Channel channel, String addressMasked, DeliveryStatus status,
            int attempts, String lastError, OffsetDateTime sentAt, OffsetDateTime nextAttemptAt,
            OffsetDateTime createdAt) {}

    /** One attempt of a delivery. */
    record AttemptRow(UUID deliveryId, OffsetDateTime at, Integer statusCode, Integer latencyMs, String error) {}

    List<DeliveryRow> deliveriesOf(List<UUID> notices) {
        return SqlRow.list(query("SELECT id, notice_id, channel, address_masked, status, attempts, last_error, sent_at,"
                + " next_attempt_at, created_at FROM notice_delivery WHERE notice_id = ANY(?) ORDER BY created_at, id",
                Collections.singletonList(notices.toArray(UUID[]::new))), NoticeRepository::delivery);
    }

    List<AttemptRow> attemptsOf(List<UUID> deliveries) {
        return SqlRow.list(query("SELECT delivery_id, at, status_code, latency_ms, error FROM notice_attempt"
                + " WHERE delivery_id = ANY(?) ORDER BY id",
                Collections.singletonList(deliveries.toArray(UUID[]::new))),
                r -> new AttemptRow(r.uuid("delivery_id"), r.offsetDateTime("at"), r.nullableInt("status_code"),
                        r.nullableInt("latency_ms"), r.string("error")));
    }

    static DeliveryRow delivery(SqlRow r) {
        return new DeliveryRow(r.uuid("id"), r.uuid("notice_id"), Channel.valueOf(r.string("channel")),
                r.string("address_masked"), DeliveryStatus.valueOf(r.string("status")), r.integer("attempts"),
                r.string("last_error"), r.offsetDateTime("sent_at"), r.offsetDateTime("next_attempt_at"),
                r.offsetDateTime("created_at"));
    }

    private static NoticeRow notice(SqlRow r) {
        return new NoticeRow(r.uuid("id"), r.lng("seq"), RecipientType.valueOf(r.string("recipient_type")),
                r.string("recipient"), NoticeType.valueOf(r.string("notice_type")), r.string("title"),
                r.string("body"), r.string("subject_type"), r.uuid("subject_id"), r.string("subject_number"),
                r.bool("urgent"), r.offsetDateTime("created_at"), r.offsetDateTime("read_at"));
    }

    @Override
    public String table() {
        return "notice_delivery";
    }

    @Override
    public long countOnOtherKeys(byte[] header) {
        // SQL: a byte comparison on the sealed column
        return SqlRow.first(query("SELECT count(*) AS n FROM notice_delivery WHERE " + ADDRESS_ON_OTHER_KEY,
                List.of(header.length, header)), r -> r.lng("n"));
    }

    @Override
    public int reencrypt(PersonalDataCipher with, int limit) {
        record Row(UUID id, String address) {}
        byte[] header = with.currentHeader();
        // SQL: FOR UPDATE SKIP LOCKED claim, then a one-column update
        List<Row> rows = SqlRow.list(query("SELECT id, address_enc FROM notice_delivery WHERE " + ADDRESS_ON_OTHER_KEY
                + " LIMIT ? FOR UPDATE SKIP LOCKED", List.of(header.length, header, limit)),
                r -> new Row(r.uuid("id"), r.string("address_enc")));
        for (Row r : rows) {
            query("UPDATE notice_delivery SET address_enc = ? WHERE id = ?", List.of(with.reencrypt(r.address()),
                    r.id())).executeUpdate();
        }
        return rows.size();
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private Query query(String sql, List<?> args) {
        return NativeQueries.bind(em.createNativeQuery(sql), args);
    }
}
