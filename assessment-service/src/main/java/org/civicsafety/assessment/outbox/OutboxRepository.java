package org.civicsafety.assessment.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.civicsafety.assessment.common.SqlRow;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** An unpublished event as the relay sends it. */
    record Pending(long id, UUID ceId, String topic, String key, String type, String subject, String data,
            String requestId, String traceparent, OffsetDateTime createdAt) {}

    /**
     * The oldest unpublished events, locked. SQL: FOR UPDATE SKIP LOCKED lets several relays share the backlog,
     * and the rows are only read to be sent, never changed as entities.
     */
    List<Pending> claim(int limit) {
        return SqlRow.list(getEntityManager().createNativeQuery("""
                SELECT id, ce_id, topic, msg_key, ce_type, subject, cast(data AS text) AS data, request_id, traceparent, created_at
                FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
                """).setParameter("limit", limit), r -> new Pending(r.lng("id"), r.uuid("ce_id"), r.string("topic"),
                r.string("msg_key"), r.string("ce_type"), r.string("subject"), r.string("data"), r.string("request_id"),
                r.string("traceparent"), r.offsetDateTime("created_at")));
    }

    void markPublished(List<Long> ids) {
        getEntityManager()
                .createNativeQuery("UPDATE outbox_event SET published_at = now() WHERE id = ANY(cast(:ids AS int8[]))")
                .setParameter("ids", ids.toArray(Long[]::new)).executeUpdate();
    }

    long backlog() {
        return count("publishedAt is null");
    }
}
