package org.civicsafety.grid.incident;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.civicsafety.grid.TopicProbe;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reporter's feedback on a resolution (notices.md, 回访), the feedback window and the 12345 three rates. */
@QuarkusTest
class ReporterFeedbackTest {
    static final String T = IncidentFlowTest.T;

    @Inject AgroalDataSource ds;
    @Inject FeedbackJob job;

    record Parties(Fixtures.Hierarchy h, String citizen, String handler, String supervisor) {}

    static Parties parties() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        return new Parties(h, Tokens.token("citizen-" + Fixtures.suffix(), "citizen", null, null, null),
                Tokens.token("h-" + Fixtures.suffix(), "handler", null, "unit-" + h.village(), null),
                Tokens.token("s-" + Fixtures.suffix(), "supervisor", h.county(), null, null));
    }

    /** A citizen's report, started and resolved by the village's unit; returns its id. */
    static String resolved(Parties p, double dLat) {
        Map<String, Object> body = IncidentFlowTest.report(p.h(), "STREET_LIGHT", Map.of());
        body.put("lat", p.h().lat() + dLat);
        String id = given().auth().oauth2(p.citizen()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        act(p.handler(), id, Map.of("action", "START")).then().statusCode(200);
        act(p.handler(), id, Map.of("action", "RESOLVE", "note", "Lamp replaced")).then().statusCode(200);
        return id;
    }

    static io.restassured.response.Response act(String token, String id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents/" + id + "/transitions");
    }

    @Test
    void theReporterRatesOnceThenConfirmsAndTheEventsSaySo() {
        Parties p = parties();
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            String id = resolved(p, 0.001);
            given().auth().oauth2(p.citizen()).get("/api/v1/incidents/" + id).then().statusCode(200)
                    .body("allowedActions", contains("REOPEN", "CONFIRM", "RATE"));
            // another citizen does not see it at all
            given().auth().oauth2(Tokens.token("other-" + Fixtures.suffix(), "citizen", null, null, null))
                    .get("/api/v1/incidents/" + id).then().statusCode(404);

            act(p.citizen(), id, Map.of("action", "RATE")).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains("satisfaction"));
            act(p.citizen(), id, Map.of("action", "RATE", "satisfaction", "VERY_HAPPY")).then().statusCode(400);
            act(p.citizen(), id, Map.of("action", "RATE", "satisfaction", "BASICALLY_SATISFIED")).then()
                    .statusCode(200).body("state", equalTo("RESOLVED"))
                    .body("satisfaction", equalTo("BASICALLY_SATISFIED"))
                    .body("allowedActions", contains("REOPEN", "CONFIRM"));
            ConsumerRecord<String, String> rated = probe.await(TopicProbe.keyAndType(id, T + "rated.v1"),
                    Duration.ofSeconds(20));
            assertTrue(rated.value().contains("\"satisfaction\":\"BASICALLY_SATISFIED\""), rated.value());
            // the same resolution again: 409 naming what is allowed
            act(p.citizen(), id, Map.of("action", "RATE", "satisfaction", "SATISFIED")).then().statusCode(409)
                    .body("type", endsWith("/illegal-transition"))
                    .body("allowedActions", containsInAnyOrder("REOPEN", "CONFIRM"));

            act(p.citizen(), id, Map.of("action", "CONFIRM")).then().statusCode(200).body("state", equalTo("CLOSED"));
            ConsumerRecord<String, String> verified = probe.await(TopicProbe.keyAndType(id, T + "verified.v1"),
                    Duration.ofSeconds(20));
            assertTrue(verified.value().contains("\"closedBy\":\"CONFIRM\""), verified.value());
            assertTrue(verified.value().contains("\"actorRole\":\"citizen\""), verified.value());
            given().auth().oauth2(p.supervisor()).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                    .body("items.action", contains("REPORT", "DISPATCH", "START", "RESOLVE", "RATE", "CONFIRM"))
                    .body("items.find { it.action == 'CONFIRM' }.role", equalTo("citizen"));
        }
    }

    @Test
    void theReporterReopensAndAHandlerRecordsACallBack() {
        Parties p = parties();
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            String id = resolved(p, 0.002);
            act(p.citizen(), id, Map.of("action", "REOPEN")).then().statusCode(400)
                    .body("errors.field", contains("reason"));
            act(p.citizen(), id, Map.of("action", "RATE", "satisfaction", "DISSATISFIED")).then().statusCode(200);
            act(p.citizen(), id, Map.of("action", "REOPEN", "reason", "Still dark at night")).then()
                    .statusCode(200).body("state", equalTo("IN_PROGRESS")).body("resolvedAt", nullValue());
            probe.await(TopicProbe.keyAndType(id, T + "reopened.v1"), Duration.ofSeconds(20));
            // the unit's work again; its new resolution is rated by a call-back the handler records
            act(p.handler(), id, Map.of("action", "RESOLVE", "note", "Cable replaced")).then().statusCode(200);
            act(p.handler(), id, Map.of("action", "RATE", "satisfaction", "SATISFIED")).then().statusCode(200)
                    .body("satisfaction", equalTo("SATISFIED"));
            act(p.handler(), id, Map.of("action", "CONFIRM")).then().statusCode(200).body("state", equalTo("CLOSED"));
            // a grid worker of another grid cannot
            String stranger = Tokens.token("w-" + Fixtures.suffix(), "grid_worker", "ELSEWHERE", null, null);
            act(stranger, id, Map.of("action", "RATE", "satisfaction", "SATISFIED")).then().statusCode(404);
        }
    }

    @Test
    void aResolutionNobodyAnswersClosesAfterTheWindowAndCanStillBeRated() throws Exception {
        Parties p = parties();
        String late = resolved(p, 0.003);
        String recent = resolved(p, 0.004);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE incident SET resolved_at = resolved_at - interval '8 days' WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(late));
            ps.executeUpdate();
        }
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            assertTrue(job.runOnce() >= 1);
            given().auth().oauth2(p.citizen()).get("/api/v1/incidents/" + late).then().statusCode(200)
                    .body("state", equalTo("CLOSED")).body("allowedActions", contains("RATE"));
            given().auth().oauth2(p.citizen()).get("/api/v1/incidents/" + recent).then().statusCode(200)
                    .body("state", equalTo("RESOLVED"));
            ConsumerRecord<String, String> closed = probe.await(TopicProbe.keyAndType(late, T + "verified.v1"),
                    Duration.ofSeconds(20));
            assertTrue(closed.value().contains("\"closedBy\":\"AUTO_CLOSE\""), closed.value());
            assertTrue(closed.value().contains("\"actorRole\":\"system\""), closed.value());
        }
        given().auth().oauth2(p.supervisor()).get("/api/v1/incidents/" + late + "/history").then().statusCode(200)
                .body("items.action", hasItem("AUTO_CLOSE")).body("items.find { it.action == 'AUTO_CLOSE' }.role",
                        equalTo("system"));
        act(p.citizen(), late, Map.of("action", "RATE", "satisfaction", "SATISFIED")).then().statusCode(200)
                .body("state", equalTo("CLOSED"));
    }

    @Test
    void statsGainTheThreeRates() throws Exception {
        Parties p = parties();
        String satisfied = resolved(p, 0.005);
        String dissatisfied = resolved(p, 0.006);
        resolved(p, 0.007);
        Map<String, Object> open = IncidentFlowTest.report(p.h(), "RUBBISH", Map.of());
        String slow = given().auth().oauth2(p.citizen()).contentType(ContentType.JSON).body(open)
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        act(p.citizen(), satisfied, Map.of("action", "RATE", "satisfaction", "SATISFIED")).then().statusCode(200);
        act(p.citizen(), dissatisfied, Map.of("action", "RATE", "satisfaction", "DISSATISFIED")).then()
                .statusCode(200);
        // one incident was dispatched two hours after it was reported: not a response within the hour
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE incident SET dispatched_at = reported_at + interval '2 hours' WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(slow));
            ps.executeUpdate();
        }
        given().auth().oauth2(p.supervisor()).get("/api/v1/incidents/stats?areaCode=" + p.h().village()).then()
                .statusCode(200).body("total.incidents", equalTo(4)).body("total.respondedInTime", equalTo(3))
                .body("total.rated", equalTo(2)).body("total.satisfied", equalTo(1))
                .body("total.responseRate", equalTo(0.75f)).body("total.resolutionRate", equalTo(0.75f))
                .body("total.satisfactionRate", equalTo(0.5f))
                .body("areas[0].areaCode", equalTo(p.h().grid())).body("areas[0].satisfactionRate", equalTo(0.5f));
        // no incident, no rate
        Fixtures.Hierarchy empty = Fixtures.hierarchy();
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/stats?areaCode=" + empty.village()).then()
                .statusCode(200).body("total.responseRate", nullValue()).body("total.resolutionRate", nullValue())
                .body("total.satisfactionRate", nullValue());
    }
}
