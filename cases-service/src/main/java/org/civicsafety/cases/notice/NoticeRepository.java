package org.civicsafety.cases.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
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

    /** A delivery the relay has leased, with what it sends. */
    record Claimed(UUID id, UUID noticeId, Channel channel, String addressEnc, int attempts, String title,
            String body) {}

    @Inject EntityManager em;

    /** False when the notice's stage was already told (the once-per-stage key). */
    boolean insertNotice(UUID id, RecipientType recipientType, NoticeRequest r, String lang,
            NoticeTemplates.Text text, Instant at) {
        return em.createNativeQuery("""
                INSERT INTO notice (id, recipient_type, recipient, area_path, notice_type, subject_type, subject_id,
                                    subject_number, lang, title, body, urgent, stage, created_at)
                VALUES (?1, ?2, ?3, string_to_array(?4, ','), ?5, 'case', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, id).setParameter(2, recipientType.name()).setParameter(3, r.recipient())
                .setParameter(4, String.join(",", r.subject().areaPath())).setParameter(5, r.type().name())
                .setParameter(6, r.subject().id()).setParameter(7, r.subject().number()).setParameter(8, lang)
                .setParameter(9, text.title()).setParameter(10, text.body()).setParameter(11, r.type().urgent())
                .setParameter(12, r.stage()).setParameter(13, at.atOffset(ZoneOffset.UTC))
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
                RETURNING d.id, d.notice_id, d.channel, d.address_enc, d.attempts, n.title, n.body""")
                .setParameter(1, limit).setParameter(2, leaseSeconds),
                r -> new Claimed(r.uuid("id"), r.uuid("notice_id"), Channel.valueOf(r.string("channel")),
                        r.string("address_enc"), r.integer("attempts"), r.string("title"), r.string("body")));
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

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
