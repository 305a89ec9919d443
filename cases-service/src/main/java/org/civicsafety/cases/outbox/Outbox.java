package org.civicsafety.cases.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events into {@code outbox_event} inside the caller's transaction; the relay publishes them. SQL: a queue
 * row is appended and never loaded back as an object.
 */
@ApplicationScoped
public class Outbox {

    @Inject EntityManager em;
    @Inject ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String ceType, String subject, Map<String, Object> data) {
        String requestId = null;
        String traceparent = null;
        if (Arc.container().requestContext().isActive()) {
            RequestMeta meta = Arc.container().instance(RequestMeta.class).get();
            requestId = meta.requestId();
            traceparent = meta.traceparent();
        }
        if (traceparent == null) {
            // A fresh W3C trace context so consumers can still correlate the event's processing.
            byte[] ids = new byte[24];
            random.nextBytes(ids);
            String hex = HexFormat.of().formatHex(ids);
            traceparent = "00-" + hex.substring(0, 32) + "-" + hex.substring(32) + "-01";
        }
        String payload;
        try {
            payload = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data not serialisable", e);
        }
        em.createNativeQuery("""
                INSERT INTO outbox_event (ce_id, ce_type, subject, payload, request_id, traceparent)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, ceType)
                .setParameter(3, subject)
                .setParameter(4, payload)
                .setParameter(5, requestId)
                .setParameter(6, traceparent)
                .executeUpdate();
    }
}
