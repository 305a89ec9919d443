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
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an event into outbox_event inside the caller's transaction; {@link OutboxRelay} publishes it. */
@ApplicationScoped
public class Outbox {
    public static final String SCORE_CHANGED = "org.civicsafety.score.changed.v1";
    public static final String WARNING_RAISED = "org.civicsafety.warning.raised.v1";
    public static final String RISK_DECIDED = "org.civicsafety.risk-assessment.decided.v1";

    @Inject OutboxRepository events;
    @Inject ObjectMapper mapper;
    @Inject org.civicsafety.assessment.common.AssessmentConfig config;

    /** @param data event data without version/occurredAt (added here) */
    public void write(String key, String type, long version, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>(data);
        body.put("version", version);
        body.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        Object rid = MDC.get("requestId");
        String traceparent = null;
        SpanContext sc = Span.current().getSpanContext();
        if (sc.isValid())
            traceparent = "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-" + sc.getTraceFlags().asHex();
        try {
            events.persist(new OutboxEvent(config.kafka().assessmentTopic(), key, type, mapper.writeValueAsString(body),
                    rid == null ? null : rid.toString(), traceparent));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
