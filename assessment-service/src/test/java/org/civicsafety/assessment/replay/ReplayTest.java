package org.civicsafety.assessment.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Delivering the same events again (redelivery, replay from the start) leaves every score unchanged. */
@QuarkusTest
class ReplayTest {
    @Inject EventConsumer consumer;
    @Inject AgroalDataSource ds;

    record Sent(String topic, String key, String type, ObjectNode data, String ceId) {}

    @Test
    void sameEventsTwiceGiveTheSameScores() throws Exception {
        ConsumerReady.await(consumer);
        Flow.County c = Flow.county(2);
        List<Sent> events = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String town = c.towns().get(t);
            for (int i = 0; i < 6; i++) {
                String inc = UUID.randomUUID().toString();
                events.add(new Sent("civicsafety.grid.v1", inc, "org.civicsafety.incident.reported.v1",
                        Flow.incident(inc, 1, town, c.path(town), i % 2 == 0 ? "GENERAL" : "SERIOUS", Flow.now()),
                        UUID.randomUUID().toString()));
                events.add(new Sent("civicsafety.grid.v1", inc, "org.civicsafety.incident.resolved.v1",
                        Flow.incident(inc, 2, town, c.path(town), "GENERAL", Flow.now()).put("onTime", i < 4 - t),
                        UUID.randomUUID().toString()));
                String cs = UUID.randomUUID().toString();
                events.add(new Sent("civicsafety.cases.v1", cs, "org.civicsafety.case.registered.v1",
                        Flow.caseData(cs, 1, town, c.path(town), Flow.now()).put("repeat", i == 0),
                        UUID.randomUUID().toString()));
                events.add(new Sent("civicsafety.cases.v1", cs, "org.civicsafety.case.accepted.v1",
                        Flow.caseData(cs, 2, town, c.path(town), Flow.now()).put("onTime", true),
                        UUID.randomUUID().toString()));
                events.add(new Sent("civicsafety.cases.v1", cs, "org.civicsafety.case.answered.v1",
                        Flow.caseData(cs, 3, town, c.path(town), Flow.now()).put("onTime", i != 1).put("decision",
                                "SUPPORTED"),
                        UUID.randomUUID().toString()));
                events.add(new Sent("civicsafety.cases.v1", cs, "org.civicsafety.case.rated.v1",
                        Flow.caseData(cs, 4, town, c.path(town), Flow.now()).put("satisfaction",
                                i < 3 ? "SATISFIED" : "BASICALLY_SATISFIED"),
                        UUID.randomUUID().toString()));
            }
        }
        events.forEach(e -> TestEvents.publish(e.topic(), e.key(), e.type(), "/test", e.data(), e.ceId()));
        Wait.untilAsserted(Duration.ofSeconds(30), () -> {
            var county = Flow.detail(c.code(), null);
            assertEquals(12.0, ((Number) Flow.indicator(county, "I3", "denominator")).doubleValue(), 1e-9);
            assertEquals(12.0, ((Number) Flow.indicator(county, "I8", "denominator")).doubleValue(), 1e-9);
        });
        String before = snapshot(c);

        // the same events again (same ce_id), then copies with new ids but old versions
        events.forEach(e -> TestEvents.publish(e.topic(), e.key(), e.type(), "/test", e.data(), e.ceId()));
        List<String> staleIds = new ArrayList<>();
        for (Sent e : events)
            staleIds.add(TestEvents.publish(e.topic(), e.key(), e.type(), "/test", e.data()));
        // per key, each stale copy comes after the redelivery: once all copies are recorded, everything was consumed
        Wait.until(Duration.ofSeconds(30), () -> consumed(staleIds) == staleIds.size());

        assertEquals(before, snapshot(c));
    }

    private String snapshot(Flow.County c) {
        StringBuilder sb = new StringBuilder(Flow.list(c.code(), null).prettify());
        for (String a : List.of(c.code(), c.towns().get(0), c.towns().get(1)))
            sb.append(Flow.detail(a, null).prettify());
        return sb.toString();
    }

    private int consumed(List<String> ids) throws Exception {
        try (Connection con = ds.getConnection();
                PreparedStatement ps = con
                        .prepareStatement("SELECT count(*) FROM consumed_event WHERE ce_id = ANY(?)")) {
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
