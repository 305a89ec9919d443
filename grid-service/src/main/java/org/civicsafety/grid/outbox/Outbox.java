package org.civicsafety.grid.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.RequestTrace;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events into {@code outbox_event} inside the caller's transaction, so an event exists
 * exactly when the change it describes was committed. The relay publishes them later.
 */
@ApplicationScoped
public class Outbox {
    @Inject EntityManager em;
    @Inject ObjectMapper json;

    /**
     * One event to append. {@code data} must already carry {@code version} and {@code occurredAt}; {@code id} is its
     * {@code ce_id}, which a partner's webhook delivery of the same event carries too.
     */
    public record Event(UUID id, String topic, String key, String type, Map<String, Object> data) {
        public Event(String topic, String key, String type, Map<String, Object> data) {
            this(UUID.randomUUID(), topic, key, type, data);
        }
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
        // SQL: one multi-row statement per chunk: a 50,000-area import appends its events in a few round trips
        String sql = "INSERT INTO outbox_event (event_id, topic, msg_key, ce_type, payload, request_id, traceparent)"
                + " SELECT t.id, t.topic, t.k, t.type, t.payload::json, cast(? as text), cast(? as text)"
                + " FROM unnest(?::uuid[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS t(id, topic, k, type, payload, ord)"
                + " ORDER BY t.ord";
        int chunk = 5000;
        for (int from = 0; from < events.size(); from += chunk) {
            List<Event> part = events.subList(from, Math.min(events.size(), from + chunk));
            NativeQueries.bind(em.createNativeQuery(sql), Arrays.asList(requestId, traceparent,
                    part.stream().map(Event::id).toArray(UUID[]::new),
                    part.stream().map(Event::topic).toArray(String[]::new),
                    part.stream().map(Event::key).toArray(String[]::new),
                    part.stream().map(Event::type).toArray(String[]::new),
                    part.stream().map(e -> payload(e.data())).toArray(String[]::new))).executeUpdate();
        }
    }

    private String payload(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Could not write outbox event", ex);
        }
    }
}
