package org.civicsafety.assessment.score;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Tokens;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.*;

/** Real events in, scores, ranks, grades, explanations, warnings and score events out. */
@QuarkusTest
class ScoringFlowTest {
    @Inject EventConsumer consumer;

    @BeforeEach
    void ready() {
        ConsumerReady.await(consumer);
    }

    static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    /**
     * Worked example. Towns T1–T4: 5 GENERAL incidents each, resolved on time; T5: 5 MAJOR incidents resolved late;
     * every town has I9 = I10 = 80 (sample 100). Populations 10,000 each (P = 1).
     * I1: rates 5,5,5,5,50; μ = 14, s² = (4·81 + 1296)/5 = 324, v = 324 − 14 = 310, W = 310/324;
     *     T1 r̃ = 5.3889 → ratio to county (70/5 = 14) 0.385 → 100; T5 r̃ = 48.444 → ratio 3.46 → 0.
     * I2: county p = 20/25 = 0.8; T1 (5 + 16)/25 = 0.84 → 60; T5 (0 + 16)/25 = 0.64 → 10.
     * I3: no escalation → 100. I9, I10: (80 − 60)/40 → 50. Every town also held 5 mediations itself, all agreed:
     * I11 = 1 → 100; I12 (at village or grid level) = 0 → 0. Weights 18+7+6+18+9+5+5 = 68 → coverage 0.68.
     * T1 = (1800 + 420 + 600 + 900 + 450 + 500 + 0)/68 = 68.68 BASIC;
     * T5 = (0 + 70 + 600 + 900 + 450 + 500 + 0)/68 = 37.06 UNQUALIFIED.
     */
    @Test
    void rankedGradedCountyWithExplanation() throws Exception {
        Flow.County c = Flow.county(5);
        String quarter = currentQuarter();
        for (String t : c.towns()) {
            Flow.survey(t, quarter, "I9", 80, 100);
            Flow.survey(t, quarter, "I10", 80, 100);
        }
        try (KafkaConsumer<String, byte[]> out = TestEvents.tail("civicsafety.assessment.v1")) {
            for (int i = 0; i < 4; i++)
                Flow.incidents(c.towns().get(i), c.path(c.towns().get(i)), 5, "GENERAL", true, Flow.now());
            String t5 = c.towns().get(4);
            Flow.incidents(t5, c.path(t5), 5, "MAJOR", false, Flow.now());
            for (String town : c.towns())
                Flow.mediations(town, c.path(town), "TOWNSHIP", 5, "AGREED", Flow.now());

            Wait.untilAsserted(Duration.ofSeconds(30), () -> {
                JsonPath l = Flow.list(c.code(), null);
                assertEquals(List.of(1, 1, 1, 1, 5), l.getList("items.rank"));
            });
            JsonPath l = Flow.list(c.code(), null);
            assertEquals(t5, l.getString("items[4].areaCode"));
            assertEquals(5, l.getInt("items[4].rankOf"));
            assertEquals(68.68, l.getDouble("items[0].score"), 0.001);
            assertEquals("BASIC", l.getString("items[0].grade"));
            assertEquals(37.06, l.getDouble("items[4].score"), 0.001);
            assertEquals("UNQUALIFIED", l.getString("items[4].grade"));
            assertEquals(0.68, l.getDouble("items[4].coverage"), 0.0001);

            JsonPath t = Flow.detail(t5, null);
            assertEquals(50.0, d(Flow.indicator(t, "I1", "numerator")), 1e-6);
            assertEquals(48.4444, d(Flow.indicator(t, "I1", "smoothed")), 1e-3);
            assertEquals(0.0, d(Flow.indicator(t, "I1", "normalised")), 1e-6);
            assertEquals(0.0, d(Flow.indicator(t, "I2", "raw")), 1e-6);
            assertEquals(0.64, d(Flow.indicator(t, "I2", "smoothed")), 1e-6);
            assertEquals(10.0, d(Flow.indicator(t, "I2", "normalised")), 1e-6);
            assertEquals(5.0, d(Flow.indicator(t, "I3", "denominator")), 1e-6);
            assertEquals(false, Flow.indicator(t, "I4", "available"));
            // points lost: I1 18·100/68 = 26.47, I9 18·50/68 = 13.24, I2 7·90/68 = 9.26 (I12 5·100/68 = 7.35)
            assertEquals(List.of("I1", "I9", "I2"), t.getList("topLosers"));
            assertEquals(9.26, d(Flow.indicator(t, "I2", "pointsLost")), 0.001);
            assertEquals(26.47, d(Flow.indicator(t, "I1", "pointsLost")), 0.001);
            assertEquals(1.0, d(Flow.indicator(t, "I11", "raw")), 1e-6);
            assertEquals(0.0, d(Flow.indicator(t, "I12", "raw")), 1e-6);
            assertEquals(7.35, d(Flow.indicator(t, "I12", "pointsLost")), 0.001);
            assertEquals(5, t.getInt("rank"));
            assertEquals("running", t.getString("period.key"));

            // score.changed events through the outbox, CloudEvents binary mode
            List<ConsumerRecord<String, byte[]>> ev = TestEvents.await(out, r -> t5.equals(r.key())
                    && "org.civicsafety.score.changed.v1".equals(TestEvents.header(r, "ce_type"))
                    && json(r).path("grade").asText().equals("UNQUALIFIED")
                    && json(r).path("period").asText().equals("running"), 1, Duration.ofSeconds(20));
            assertFalse(ev.isEmpty(), "score.changed for T5 with its grade");
            ConsumerRecord<String, byte[]> r = ev.get(0);
            assertEquals("/assessment-service", TestEvents.header(r, "ce_source"));
            assertEquals("1.0", TestEvents.header(r, "ce_specversion"));
            assertNotNull(TestEvents.header(r, "ce_id"));
            JsonNode data = json(r);
            assertEquals(t5, data.get("areaCode").asText());
            assertEquals(5, data.get("rank").asInt());
            assertEquals(Flow.activeModelVersion(), data.get("modelVersion").asInt());
            assertTrue(
                    data.has("version") && data.has("occurredAt") && data.has("previousGrade") && data.has("period"));
        }
        // scope: an analyst of T1 sees T1, not T2
        given().auth().oauth2(Tokens.token("analyst", c.towns().get(0))).when()
                .get("/api/v1/scores/" + c.towns().get(1))
                .then().statusCode(404);
        given().auth().oauth2(Tokens.token("analyst", c.towns().get(0))).when()
                .get("/api/v1/scores/" + c.towns().get(0))
                .then().statusCode(200).body("areaCode", equalTo(c.towns().get(0)));
        given().auth().oauth2(Tokens.admin()).queryParam("period", "2026-W1").when()
                .get("/api/v1/scores/" + c.towns().get(0))
                .then().statusCode(400).body("errors[0].field", equalTo("period"));
        // level filter: all townships of the county in one ranked list
        given().auth().oauth2(Tokens.token("analyst", c.code())).queryParam("level", "TOWNSHIP")
                .when().get("/api/v1/scores").then().statusCode(200).body("items.size()", equalTo(5));
    }

    /** A new event shows in the running score of its area and every ancestor within 2 s. */
    @Test
    void freshnessAcrossTheHierarchy() {
        Flow.County c = Flow.county(2);
        String town = c.towns().get(0);
        String village = town + "-V1";
        TestEvents.publishArea(village, "Village", "VILLAGE", town, List.of(c.code(), town, village), 2000, 1);
        Wait.until(Duration.ofSeconds(20), () -> Flow.list(town, null).getList("items").size() == 1);
        List<Long> latencies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int expected = i;
            long t0 = System.nanoTime();
            Flow.publishIncident("reported", Flow.incident(UUID.randomUUID().toString(), 1, village,
                    List.of(c.code(), town, village), "GENERAL", Flow.now()));
            // Counters of the area and all its ancestors change in one transaction: watch the county, the farthest.
            Wait.until(Duration.ofSeconds(5), Duration.ofMillis(20),
                    () -> d(Flow.indicator(Flow.detail(c.code(), null), "I3", "denominator")) == expected);
            latencies.add((System.nanoTime() - t0) / 1_000_000);
            for (String a : List.of(village, town)) {
                assertEquals(expected, d(Flow.indicator(Flow.detail(a, null), "I3", "denominator")), 1e-9);
            }
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.println("FRESHNESS publish→visible at village, township and county (ms): " + latencies);
        // The bar is 2 s; the median must meet it even on a loaded 2-core CI box, single outliers get headroom.
        assertTrue(sorted.get(2) < 2000, "median publish→visible below 2 s, got " + latencies);
        assertTrue(sorted.get(4) < 5000, "every event visible within 5 s, got " + latencies);
    }

    @Test
    void vetoAndPenalties() {
        Flow.County c = Flow.county(1);
        String t = c.towns().get(0);
        Flow.publishIncident("reported",
                Flow.incident(UUID.randomUUID().toString(), 1, t, c.path(t), "CRITICAL", Flow.now())
                        .put("deaths", 1));
        Wait.untilAsserted(Duration.ofSeconds(20), () -> assertEquals(true, Flow.detail(t, null).getBoolean("veto")));
        JsonPath dt = Flow.detail(t, null);
        assertEquals("UNQUALIFIED", dt.getString("grade"));
        assertEquals(7.0, dt.getDouble("penalties.points"), 1e-6); // 1 CRITICAL · 2 + 1 death · 5
        assertEquals(1, dt.getList("vetoTriggers").size());
        Wait.untilAsserted(Duration.ofSeconds(20), () -> given().auth().oauth2(Tokens.token("supervisor", c.code()))
                .queryParam("areaCode", t).queryParam("type", "VETO").queryParam("period", "running")
                .when().get("/api/v1/warnings").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].areaCode", equalTo(t)));
        // the county holds the incident too (pooled counts): it is vetoed as well
        assertEquals("UNQUALIFIED", Flow.detail(c.code(), null).getString("grade"));
    }

    /** Month scores: T5 last among 5 in October and November → YELLOW_CARD. */
    @Test
    void yellowCardForLastTwoPeriodsRunning() {
        Flow.County c = Flow.county(5);
        YearMonth thisMonth = YearMonth.from(LocalDate.now(ZoneOffset.ofHours(8)));
        YearMonth lastMonth = thisMonth.minusMonths(1);
        OffsetDateTime inLastMonth = lastMonth.atDay(5).atTime(12, 0).atOffset(ZoneOffset.ofHours(8));
        for (String t : c.towns()) {
            for (YearMonth m : List.of(thisMonth, lastMonth)) {
                Flow.survey(t, m.toString(), "I9", 80, 100);
                Flow.survey(t, m.toString(), "I10", 80, 100);
            }
        }
        for (OffsetDateTime at : List.of(Flow.now(), inLastMonth)) {
            for (int i = 0; i < 4; i++)
                Flow.incidents(c.towns().get(i), c.path(c.towns().get(i)), 5, "GENERAL", true, at);
            Flow.incidents(c.towns().get(4), c.path(c.towns().get(4)), 5, "MAJOR", false, at);
            // mediations bring the available weight above 65 %, so that the towns are graded and ranked
            for (String t : c.towns())
                Flow.mediations(t, c.path(t), "TOWNSHIP", 5, "AGREED", at);
        }
        String t5 = c.towns().get(4);
        Wait.untilAsserted(Duration.ofSeconds(30), () -> given().auth().oauth2(Tokens.admin())
                .queryParam("areaCode", t5).queryParam("type", "YELLOW_CARD").queryParam("period", thisMonth.toString())
                .when().get("/api/v1/warnings").then().statusCode(200).body("items.size()", equalTo(1)));
        assertEquals(5, Flow.detail(t5, lastMonth.toString()).getInt("rank"));
        // only T5 gets one
        given().auth().oauth2(Tokens.admin()).queryParam("areaCode", c.code()).queryParam("type", "YELLOW_CARD")
                .when().get("/api/v1/warnings").then().statusCode(200).body("items.size()", equalTo(1));
        // the list shows it and the history holds both months
        Wait.untilAsserted(Duration.ofSeconds(10), () -> assertEquals(List.of("YELLOW_CARD"),
                Flow.list(c.code(), thisMonth.toString()).getList("items[4].warnings")));
        Wait.untilAsserted(Duration.ofSeconds(10), () -> {
            List<String> periods = given().auth().oauth2(Tokens.admin()).when().get("/api/v1/scores/" + t5 + "/history")
                    .then().statusCode(200).extract().jsonPath().getList("items.period");
            assertTrue(periods.containsAll(List.of("running", thisMonth.toString(), lastMonth.toString())),
                    periods.toString());
        });
    }

    /** Events of a month frozen long ago are not added to it; an open old month still takes late events. */
    @Test
    void frozenPeriodsIgnoreLateEvents() {
        Flow.County c = Flow.county(1);
        String t = c.towns().get(0);
        OffsetDateTime old = Flow.now().minusDays(800);
        OffsetDateTime recent = Flow.now().minusDays(300);
        Flow.publishIncident("reported", Flow.incident(UUID.randomUUID().toString(), 1, t, c.path(t), "GENERAL", old));
        Flow.publishIncident("reported",
                Flow.incident(UUID.randomUUID().toString(), 1, t, c.path(t), "GENERAL", recent));
        String recentMonth = YearMonth.from(recent).toString();
        Wait.untilAsserted(Duration.ofSeconds(20),
                () -> assertEquals(1.0, d(Flow.indicator(Flow.detail(t, recentMonth), "I3", "denominator")), 1e-6));
        JsonPath frozen = Flow.detail(t, YearMonth.from(old).toString());
        assertEquals(0.0, d(Flow.indicator(frozen, "I3", "denominator")), 1e-6);
        assertTrue(frozen.getBoolean("period.frozen"));
    }

    static JsonNode json(ConsumerRecord<String, byte[]> r) {
        try {
            return TestEvents.JSON.readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String currentQuarter() {
        LocalDate d = LocalDate.now(ZoneOffset.ofHours(8));
        return d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
    }
}
