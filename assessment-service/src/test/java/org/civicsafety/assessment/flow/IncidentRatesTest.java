package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.score.IncidentRates;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The 12345 "three rates" of incidents in the score's statistics (notices.md "Reporter feedback"): response
 * (dispatched within an hour of the report), resolution and satisfaction, from grid-service's events.
 */
@QuarkusTest
class IncidentRatesTest {
    @Inject EventConsumer consumer;

    @BeforeEach
    void ready() {
        ConsumerReady.await(consumer);
    }

    static String publish(String kind, ObjectNode data, String ceId) {
        return TestEvents.publish("civicsafety.grid.v1", data.get("incidentId").asText(),
                "org.civicsafety.incident." + kind + ".v1", "/grid-service", data, ceId);
    }

    /** An incident reported at {@code at}, dispatched {@code minutes} later; resolved and rated when asked. */
    static void incident(Flow.County c, String town, OffsetDateTime at, long minutes, String satisfaction) {
        String id = UUID.randomUUID().toString();
        publish("reported", Flow.incident(id, 1, town, c.path(town), "GENERAL", at), UUID.randomUUID().toString());
        OffsetDateTime dispatchedAt = at.plusMinutes(minutes);
        ObjectNode dispatched = Flow.incident(id, 2, town, c.path(town), "GENERAL", dispatchedAt)
                .put("state", "DISPATCHED").put("reportedAt", at.toString());
        String dispatchedCeId = publish("dispatched", dispatched, UUID.randomUUID().toString());
        publish("dispatched", dispatched, dispatchedCeId); // a re-sent copy: counted once
        if (satisfaction != null) {
            publish("resolved", Flow.incident(id, 3, town, c.path(town), "GENERAL", dispatchedAt.plusMinutes(1))
                    .put("state", "RESOLVED").put("onTime", true), UUID.randomUUID().toString());
            String rated = publish("rated", Flow.incident(id, 4, town, c.path(town), "GENERAL",
                    dispatchedAt.plusMinutes(2)).put("state", "RESOLVED").put("satisfaction", satisfaction),
                    UUID.randomUUID().toString());
            publish("rated", Flow.incident(id, 4, town, c.path(town), "GENERAL", dispatchedAt.plusMinutes(2))
                    .put("state", "RESOLVED").put("satisfaction", satisfaction), rated); // the same rating again
        }
    }

    @Test
    void theScoreStatisticsCarryTheThreeRates() {
        Flow.County c = Flow.county(2);
        String town = c.towns().get(0);
        OffsetDateTime at = Flow.now().minusHours(3);
        incident(c, town, at, 5, "SATISFIED");
        incident(c, town, at, 30, "BASICALLY_SATISFIED");
        incident(c, town, at, 59, "DISSATISFIED");
        incident(c, town, at, 90, null);

        Wait.untilAsserted(Duration.ofSeconds(20), () -> {
            JsonPath d = Flow.detail(town, null);
            assertEquals(4, d.getInt("incidentRates.reported"));
            assertEquals(3, d.getInt("incidentRates.respondedInTime"));
            assertEquals(3, d.getInt("incidentRates.resolved"));
            assertEquals(3, d.getInt("incidentRates.rated"));
            assertEquals(2, d.getInt("incidentRates.satisfied"));
            assertEquals(0.75, d.getDouble("incidentRates.responseRate"), 1e-9);
            assertEquals(0.75, d.getDouble("incidentRates.resolutionRate"), 1e-9);
            assertEquals(2.0 / 3, d.getDouble("incidentRates.satisfactionRate"), 1e-6);
        });
        // the county pools its towns; the other town has no incidents: no rates
        assertEquals(0.75, Flow.detail(c.code(), null).getDouble("incidentRates.responseRate"), 1e-9);
        JsonPath empty = Flow.detail(c.towns().get(1), null);
        assertNull(empty.get("incidentRates.responseRate"));
        assertNull(empty.get("incidentRates.satisfactionRate"));
    }

    @Test
    void ratesAreFractionsOrNull() {
        IncidentRates r = IncidentRates.of(Map.of("inc_reported", 4.0, "inc_responded_in_time", 2.0,
                "inc_resolved", 1.0));
        assertEquals(0.5, r.responseRate());
        assertEquals(0.25, r.resolutionRate());
        assertNull(r.satisfactionRate());
        assertNull(IncidentRates.of(Map.of()).responseRate());
    }
}
