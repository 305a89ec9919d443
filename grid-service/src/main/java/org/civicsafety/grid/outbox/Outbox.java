package org.civicsafety.grid.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.common.RequestTrace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events into {@code outbox_event} inside the caller's transaction, so an event exists
 * exactly when the change it describes was committed. The relay publishes them later.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    AgroalDataSource ds;
    @Inject
    ObjectMapper json;

    /** One event to append. {@code data} must already carry {@code version} and {@code occurredAt}. */
    public record Event(String topic, String key, String type, Map<String, Object> data) {
    }

    /** A fresh W3C trace context, so consumers can correlate even events that had no incoming trace. */
    static String newTraceparent() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", r.nextLong(), r.nextLong() | 1, r.nextLong() | 1);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, String type, Map<String, Object> data) {
        appendAll(List.of(new Event(topic, key, type, data)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        String requestId = null;
        String traceparent = null;
        if (Arc.container().requestContext().isActive()) {
            RequestTrace trace = Arc.container().instance(RequestTrace.class).get();
            requestId = trace.requestId();
            traceparent = trace.traceparent();
        }
        if (traceparent == null) {
            traceparent = newTraceparent();
        }
        String sql = "INSERT INTO outbox_event (event_id, topic, msg_key, ce_type, payload, request_id, traceparent)"
                + " VALUES (?, ?, ?, ?, ?::json, ?, ?)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 0;
            for (Event e : events) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, e.topic());
                ps.setString(3, e.key());
                ps.setString(4, e.type());
                ps.setString(5, json.writeValueAsString(e.data()));
                ps.setString(6, requestId);
                ps.setString(7, traceparent);
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException | JsonProcessingException ex) {
            throw new IllegalStateException("Could not write outbox event", ex);
        }
    }
}
