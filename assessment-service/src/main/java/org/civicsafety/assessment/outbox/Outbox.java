package org.civicsafety.assessment.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an event into outbox_event inside the caller's transaction; {@link OutboxRelay} publishes it. */
@ApplicationScoped
public class Outbox {
    @Inject OutboxRepository events;
    @Inject ObjectMapper mapper;
    @Inject org.civicsafety.assessment.common.AssessmentConfig config;

    /** @param data event data without version/occurredAt (added here) */
    public void write(String key, EventType type, long version, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>(data);
        body.put("version", version);
        // ISO_OFFSET_DATE_TIME always writes the seconds (toString() drops ":00"), as RFC 3339 date-time requires
        body.put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)));
        Object rid = MDC.get("requestId");
        String traceparent = null;
        SpanContext sc = Span.current().getSpanContext();
        if (sc.isValid())
            traceparent = "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-" + sc.getTraceFlags().asHex();
        try {
            events.persist(new OutboxEvent(config.kafka().assessmentTopic(), key, type.ceType(),
                    mapper.writeValueAsString(body),
                    rid == null ? null : rid.toString(), traceparent));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
