package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A relay re-sending after a Kafka outage may deliver an incident's later events before its report: every fact
 * still counts exactly once, and the version only keeps stale copies from overwriting newer state.
 */
@QuarkusTest
class OutOfOrderFactsTest {
    static final String TOPIC = "civicsafety.grid.v1";

    @Inject EventConsumer consumer;

    @BeforeEach
    void ready() {
        ConsumerReady.await(consumer);
    }

    static double indicator(String area, String id, String field) {
        Object v = Flow.indicator(Flow.detail(area, null), id, field);
        return v == null ? 0.0 : ((Number) v).doubleValue();
    }

    static String publish(String kind, ObjectNode data, String ceId) {
        return TestEvents.publish(TOPIC, data.get("incidentId").asText(), "org.civicsafety.incident." + kind + ".v1",
                "/grid-service", data, ceId);
    }

    /** The county's towns: T1 gets a report in order (the reference weight), T2 the same report out of order. */
    @Test
    void reportArrivingAfterDispatchIsCountedOnce() {
        Flow.County c = Flow.county(2);
        String ref = c.towns().get(0), town = c.towns().get(1);
        OffsetDateTime at = Flow.now();
        Flow.publishIncident("reported", Flow.incident(UUID.randomUUID().toString(), 1, ref, c.path(ref), "MAJOR", at));
        Wait.until(Duration.ofSeconds(20), () -> indicator(ref, "I1", "numerator") > 0);
        double weight = indicator(ref, "I1", "numerator");

        String id = UUID.randomUUID().toString();
        // dispatched carries no severity: the count must come from the late report's own data
        ObjectNode dispatched = Flow.incident(id, 2, town, c.path(town), "MAJOR", at).put("state", "DISPATCHED");
        dispatched.remove("severity");
        ObjectNode reported = Flow.incident(id, 1, town, c.path(town), "MAJOR", at);
        String dispatchedId = publish("dispatched", dispatched, UUID.randomUUID().toString());
        String reportedId = publish("reported", reported, UUID.randomUUID().toString());
        Wait.untilAsserted(Duration.ofSeconds(20),
                () -> assertEquals(weight, indicator(town, "I1", "numerator"), 1e-9));
        assertEquals(1.0, indicator(town, "I3", "denominator"), 1e-9);

        // The relay re-sends both again: the same ce_ids (deduplicated) and new ones (stale versions, facts flagged).
        publish("dispatched", dispatched, dispatchedId);
        publish("reported", reported, reportedId);
        publish("dispatched", dispatched, UUID.randomUUID().toString());
        publish("reported", reported, UUID.randomUUID().toString());
        // A newer event on the same key (same partition) marks when every re-sent copy has been consumed.
        publish("escalated", Flow.incident(id, 3, town, c.path(town), "MAJOR", at).put("state", "ESCALATED"),
                UUID.randomUUID().toString());
        Wait.untilAsserted(Duration.ofSeconds(20), () -> assertEquals(1.0, indicator(town, "I3", "numerator"), 1e-9));
        assertEquals(weight, indicator(town, "I1", "numerator"), 1e-9);
        assertEquals(1.0, indicator(town, "I3", "denominator"), 1e-9);
        assertEquals(weight, indicator(c.code(), "I1", "numerator") / 2, 1e-9);
    }

    /** A rejection overtaking its report: the late report is not counted at all. */
    @Test
    void reportArrivingAfterRejectionIsNotCounted() {
        Flow.County c = Flow.county(1);
        String town = c.towns().get(0);
        OffsetDateTime at = Flow.now();
        String id = UUID.randomUUID().toString();
        publish("rejected", Flow.incident(id, 2, town, c.path(town), "MAJOR", at).put("state", "REJECTED"),
                UUID.randomUUID().toString());
        publish("reported", Flow.incident(id, 1, town, c.path(town), "MAJOR", at), UUID.randomUUID().toString());
        publish("escalated", Flow.incident(id, 3, town, c.path(town), "MAJOR", at).put("state", "ESCALATED"),
                UUID.randomUUID().toString());
        Wait.untilAsserted(Duration.ofSeconds(20), () -> assertEquals(1.0, indicator(town, "I3", "numerator"), 1e-9));
        assertEquals(0.0, indicator(town, "I1", "numerator"), 1e-9);
        assertEquals(0.0, indicator(town, "I3", "denominator"), 1e-9);
    }
}
