package org.civicsafety.assessment.risk;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class RiskApiTest {
    @Inject EventConsumer consumer;

    Flow.County c;
    String town;
    String analyst;

    @BeforeEach
    void setUp() {
        ConsumerReady.await(consumer);
        c = Flow.county(1);
        town = c.towns().get(0);
        analyst = Tokens.token("analyst", c.code());
    }

    String create(Map<String, Object> body) {
        return given().auth().oauth2(analyst).contentType("application/json").body(body)
                .when().post("/api/v1/risk-assessments").then().statusCode(201)
                .header("ETag", "\"1\"").extract().path("id");
    }

    Response post(String path, Object body) {
        return given().auth().oauth2(analyst).contentType("application/json").body(body).when().post(path);
    }

    @Test
    void lifecycleWithMatrixMitigationsLegalityGateAndDecision() throws Exception {
        String id = create(Map.of("title", "Landfill expansion", "decisionOwner", "County government",
                "areaCodes", List.of(town), "oppositionRate", 10));
        String base = "/api/v1/risk-assessments/" + id;
        String land = post(base + "/factors", Map.of("dimension", "CONTROLLABILITY", "category", "LAND_AND_DEMOLITION",
                "description", "relocation of 40 households", "likelihood", 4, "consequence", 4))
                .then().statusCode(201).header("Location", base).header("ETag", "\"2\"")
                .body("inherentLevel", equalTo("HIGH")).extract().path("factors[0].id");
        String legal = post(base + "/factors", Map.of("dimension", "LEGALITY", "category", "PLANNING_AND_APPROVALS",
                "description", "land-use permit pending", "likelihood", 3, "consequence", 2))
                .then().statusCode(201).body("factors[1].level", equalTo("MEDIUM")).extract().path("factors[1].id");

        // mitigate land only: residual MEDIUM (legality keeps L3 C2) and the legality gate forbids proceeding
        post(base + "/mitigations", Map.of("factorId", land, "measure", "compensation agreement", "owner", "Township",
                "deadline", "2027-03-31", "residualLikelihood", 2, "residualConsequence", 2))
                .then().statusCode(201).header("Location", base)
                .body("inherentLevel", equalTo("HIGH"))
                .body("residualLevel", equalTo("MEDIUM"))
                .body("impliedDecision", equalTo("DO_NOT_PROCEED"))
                .body("explanation.legalityGate", equalTo(true))
                .body("factors[0].residualLevel", equalTo("LOW"))
                .body("factors[1].residualLikelihood", equalTo(3));
        // mitigate legality too: residual LOW → PROCEED, mitigations become binding conditions
        post(base + "/mitigations",
                Map.of("factorId", legal, "measure", "obtain the permit first", "owner", "Planning bureau",
                        "deadline", "2027-01-31", "residualLikelihood", 1, "residualConsequence", 2))
                .then().statusCode(201)
                .body("residualLevel", equalTo("LOW"))
                .body("impliedDecision", equalTo("PROCEED"))
                .body("decision", nullValue())
                .body("conditions", hasSize(2))
                .body("allowedActions", contains("DECIDE", "WITHDRAW"));

        String etag = given().auth().oauth2(analyst).when().get(base).then().statusCode(200).extract().header("ETag");
        assertEquals("\"5\"", etag);
        given().auth().oauth2(analyst).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("action", "DECIDE")).when().post(base + "/transitions")
                .then().statusCode(412).contentType("application/problem+json");

        try (KafkaConsumer<String, byte[]> out = TestEvents.tail("civicsafety.assessment.v1")) {
            given().auth().oauth2(analyst).contentType("application/json").header("If-Match", etag)
                    .body(Map.of("action", "DECIDE")).when().post(base + "/transitions")
                    .then().statusCode(200).header("ETag", "\"6\"")
                    .body("state", equalTo("DECIDED")).body("decision", equalTo("PROCEED"))
                    .body("decidedAt", notNullValue()).body("allowedActions", contains("REOPEN"));
            List<ConsumerRecord<String, byte[]>> ev = TestEvents.await(out, r -> id.equals(r.key())
                    && "org.civicsafety.risk-assessment.decided.v1".equals(TestEvents.header(r, "ce_type")), 1,
                    Duration.ofSeconds(20));
            assertEquals(1, ev.size());
            var data = TestEvents.JSON.readTree(ev.get(0).value());
            assertEquals("HIGH", data.get("inherentLevel").asText());
            assertEquals("LOW", data.get("residualLevel").asText());
            assertEquals("PROCEED", data.get("decision").asText());
            assertEquals(town, data.get("areaCodes").get(0).asText());
            assertEquals(6, data.get("version").asInt());
        }
        // decided: no more factors, and WITHDRAW is not an allowed action
        post(base + "/factors", Map.of("dimension", "FEASIBILITY", "category", "OTHER", "description", "late",
                "likelihood", 1, "consequence", 1)).then().statusCode(409).contentType("application/problem+json");
        post(base + "/transitions", Map.of("action", "WITHDRAW")).then().statusCode(409)
                .body("detail", containsString("REOPEN"));
        // scope and roles
        given().auth().oauth2(Tokens.token("analyst", "ELSEWHERE")).when().get(base).then().statusCode(404);
        given().auth().oauth2(Tokens.token("citizen", c.code())).when().get(base).then().statusCode(403);
        given().auth().oauth2(analyst).when().get("/api/v1/risk-assessments/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().auth().oauth2(analyst).when().get("/api/v1/risk-assessments/" + UUID.randomUUID()).then()
                .statusCode(404);
    }

    @Test
    void validationListsEveryBadFieldAndBadJsonIs400() {
        Map<String, Object> bad = Map.of("title", "", "areaCodes", List.of(), "oppositionRate", 150);
        post("/api/v1/risk-assessments", bad).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("title", "decisionOwner", "areaCodes", "oppositionRate"))
                .body("type", equalTo("https://civicsafety.org/problems/validation"));
        post("/api/v1/risk-assessments", "{\"title\": ").then().statusCode(400).contentType("application/problem+json");
        post("/api/v1/risk-assessments",
                Map.of("title", "x", "decisionOwner", "y", "areaCodes", List.of("NOPE-" + c.code())))
                .then().statusCode(400).body("errors[0].field", equalTo("areaCodes[0]"));
        post("/api/v1/risk-assessments", Map.of("title", "x", "decisionOwner", "y", "areaCodes", "notalist"))
                .then().statusCode(400).body("errors[0].field", equalTo("areaCodes"));
        String id = create(Map.of("title", "t", "decisionOwner", "o", "areaCodes", List.of(town)));
        post("/api/v1/risk-assessments/" + id + "/factors", Map.of("dimension", "FOO", "category", "OTHER",
                "description", "d", "likelihood", 1, "consequence", 1))
                .then().statusCode(400).body("errors[0].field", equalTo("dimension"))
                .body("errors[0].message", containsString("LEGALITY"));
        post("/api/v1/risk-assessments/" + id + "/factors", Map.of("dimension", "LEGALITY", "category", "OTHER",
                "description", "d", "likelihood", 7, "consequence", 0))
                .then().statusCode(400).body("errors.field", containsInAnyOrder("likelihood", "consequence"));
        post("/api/v1/risk-assessments/" + id + "/mitigations", Map.of("factorId", UUID.randomUUID().toString(),
                "measure", "m", "owner", "o", "deadline", "31/12/2027", "residualLikelihood", 1, "residualConsequence",
                1))
                .then().statusCode(400).body("errors[0].field", equalTo("deadline"));
    }

    @Test
    void idempotentCreate() {
        String key = "risk-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("title", "Bridge", "decisionOwner", "County", "areaCodes", List.of(town));
        String first = given().auth().oauth2(analyst).header("Idempotency-Key", key).contentType("application/json")
                .body(body).when().post("/api/v1/risk-assessments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(analyst).header("Idempotency-Key", key).contentType("application/json")
                .body(body).when().post("/api/v1/risk-assessments").then().statusCode(201).body("id", equalTo(first));
        given().auth().oauth2(analyst).header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("title", "Other", "decisionOwner", "County", "areaCodes", List.of(town)))
                .when().post("/api/v1/risk-assessments").then().statusCode(422).contentType("application/problem+json");
    }

    /** Racing creates with one key create one assessment; racing DECIDEs: exactly one wins. */
    @Test
    void racesHaveOneWinner() throws Exception {
        String key = "race-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("title", "Race", "decisionOwner", "County", "areaCodes", List.of(town));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> creates = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                creates.add(pool.submit(() -> given().auth().oauth2(analyst).header("Idempotency-Key", key)
                        .contentType("application/json").body(body).when().post("/api/v1/risk-assessments")
                        .then().statusCode(201).extract().<String>path("id")));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var f : creates)
                ids.add(f.get());
            assertEquals(1, ids.size(), "one assessment for one key");

            String id = ids.iterator().next();
            post("/api/v1/risk-assessments/" + id + "/factors", Map.of("dimension", "FEASIBILITY", "category", "OTHER",
                    "description", "d", "likelihood", 1, "consequence", 1)).then().statusCode(201);
            List<java.util.concurrent.Future<Integer>> decides = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                decides.add(pool.submit(() -> given().auth().oauth2(analyst).contentType("application/json")
                        .header("If-Match", "\"2\"").body(Map.of("action", "DECIDE"))
                        .when().post("/api/v1/risk-assessments/" + id + "/transitions").then().extract().statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var f : decides)
                codes.add(f.get());
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertTrue(codes.stream().allMatch(c -> c == 200 || c == 412), codes.toString());
        } finally {
            pool.shutdown();
        }
    }

    /** After the decision, a trend alert in the affected area raises REASSESS on the assessment. */
    @Test
    void trendAlertAfterDecisionAsksForReassessment() {
        String id = create(
                Map.of("title", "Market relocation", "decisionOwner", "Township", "areaCodes", List.of(town)));
        String base = "/api/v1/risk-assessments/" + id;
        post(base + "/factors", Map.of("dimension", "FEASIBILITY", "category", "ECONOMIC_INTERESTS",
                "description", "vendors' income", "likelihood", 1, "consequence", 1)).then().statusCode(201);
        post(base + "/transitions", Map.of("action", "DECIDE")).then().statusCode(200).body("decision",
                equalTo("PROCEED"));

        // 11 incidents now against 3 a year in each of the last 3 years: z = 2(√11 − √3) = 3.17 ≥ 3
        for (int i = 0; i < 11; i++) {
            Flow.publishIncident("reported",
                    Flow.incident(UUID.randomUUID().toString(), 1, town, c.path(town), "GENERAL", Flow.now()));
        }
        // the history arrives after the present has been scored: it must still make the alert
        Wait.until(Duration.ofSeconds(30),
                () -> Flow.indicator(Flow.detail(town, null), "I1", "numerator") instanceof Number n
                        && n.doubleValue() > 0);
        for (int y = 1; y <= 3; y++) {
            for (int i = 0; i < 3; i++) {
                Flow.publishIncident("reported",
                        Flow.incident(UUID.randomUUID().toString(), 1, town, c.path(town), "GENERAL",
                                Flow.now().minusYears(y).minusDays(5)));
            }
        }
        Wait.untilAsserted(Duration.ofSeconds(30), () -> given().auth().oauth2(analyst)
                .queryParam("areaCode", town).queryParam("type", "REASSESS")
                .when().get("/api/v1/warnings").then().statusCode(200)
                .body("items.assessmentId", hasItem(id)));
        // month, quarter and year may alert first; the running window's own alert follows
        Wait.untilAsserted(Duration.ofSeconds(30), () -> given().auth().oauth2(analyst).queryParam("areaCode", town)
                .queryParam("type", "TREND_ALERT").queryParam("period", "running")
                .when().get("/api/v1/warnings").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].reason", containsString("z = ")));
        given().auth().oauth2(analyst).queryParam("type", "SOMETHING").when().get("/api/v1/warnings")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
    }
}
