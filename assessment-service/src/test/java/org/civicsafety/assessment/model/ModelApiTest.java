package org.civicsafety.assessment.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.Sql;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Tokens;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ModelApiTest {
    @Inject EventConsumer consumer;
    @Inject Sql sql;

    /**
     * The default is the version the migrations added last (V11: I11 and I12 weigh 5 each), active, its weights
     * totalling 100; version 1 stays as it was, I11 and I12 weighing 0 in it.
     */
    @Test
    void theActiveVersionIsTheSpecDefaultAndVersionOneWeighsTheMediationIndicatorsZero() throws Exception {
        int v = (int) sql.count("SELECT max(version) FROM scoring_model WHERE created_by = 'migration'");
        assertTrue(v > 1, "the migrations added a version after 1");
        assertEquals(v, Flow.activeModelVersion(), "the migration's version is the active one");
        String body = given().auth().oauth2(Tokens.admin()).when().get("/api/v1/scoring-models/" + v).then()
                .statusCode(200).body("version", equalTo(v)).body("active", equalTo(true))
                .body("model.indicators.I11.weight", equalTo(5.0f)).body("model.indicators.I12.weight", equalTo(5.0f))
                .extract().path("model").toString();
        var stored = given().auth().oauth2(Tokens.admin()).when().get("/api/v1/scoring-models/" + v).then().extract()
                .jsonPath().getObject("model", ScoringModel.class);
        assertEquals(ScoringModel.defaults(v), stored, body);
        assertEquals(100, stored.indicators().values().stream().mapToDouble(ScoringModel.IndicatorSettings::weight)
                .sum(), 1e-9);
        // activated as a model activation is: the running period of every group was re-scored with it
        Wait.until(Duration.ofSeconds(60), () -> sql.count(
                "SELECT count(*) FROM area_score WHERE period = 'running' AND model_version < ?", v) == 0);
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/scoring-models/1").then().statusCode(200)
                .body("active", equalTo(false)).body("model.indicators.I1.weight", equalTo(20.0f))
                .body("model.indicators.I11.weight", equalTo(0.0f))
                .body("model.indicators.I12.weight", equalTo(0.0f));
        given().auth().oauth2(Tokens.token("analyst", "C01")).when().get("/api/v1/scoring-models").then()
                .statusCode(403);
        given().when().get("/api/v1/scoring-models").then().statusCode(401);
    }

    @Test
    void invalidModelsAreRejectedWithEveryProblem() {
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(Map.of("indicators", Map.of("I1", Map.of("weight", -1)), "minCoverage", 2))
                .when().post("/api/v1/scoring-models").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field",
                        hasItems("indicators.I1.weight", "indicators.I2", "minCoverage", "severityWeights", "grades"));
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"smoothingM\": \"lots\"}")
                .when().post("/api/v1/scoring-models").then().statusCode(400)
                .body("errors[0].field", equalTo("smoothingM"));
        given().auth().oauth2(Tokens.admin()).when().post("/api/v1/scoring-models/abc/activate").then().statusCode(400);
        given().auth().oauth2(Tokens.admin()).when().post("/api/v1/scoring-models/999999/activate").then()
                .statusCode(404);
    }

    /** A new version changes nothing until activated; activation re-scores open periods with it. */
    @Test
    void publishAndActivate() throws Exception {
        ConsumerReady.await(consumer);
        int defaultVersion = Flow.activeModelVersion();
        Flow.County c = Flow.county(1);
        String t = c.towns().get(0);
        Flow.survey(t, Flow.now().getYear() + "", "I9", 100, 50);
        ObjectNode m = (ObjectNode) TestEvents.JSON.valueToTree(ScoringModel.defaults(0));
        ((ObjectNode) m.get("indicators").get("I1")).put("weight", 0); // only I9 is left with data
        var created = given().auth().oauth2(Tokens.admin()).contentType("application/json").body(m.toString())
                .when().post("/api/v1/scoring-models").then().statusCode(201)
                .body("active", equalTo(false)).extract();
        int v = created.path("version");
        assertEquals("/api/v1/scoring-models/" + v, created.header("Location"));
        Wait.untilAsserted(Duration.ofSeconds(20),
                () -> assertEquals(defaultVersion, Flow.detail(t, null).getInt("modelVersion")));
        try {
            given().auth().oauth2(Tokens.admin()).when().post("/api/v1/scoring-models/" + v + "/activate")
                    .then().statusCode(200).body("active", equalTo(true));
            var d = Flow.detail(t, null);
            assertEquals(v, d.getInt("modelVersion"));
            assertEquals(0.0, ((Number) Flow.indicator(d, "I1", "weight")).doubleValue(), 1e-9);
            assertEquals(100.0, d.getDouble("score"), 1e-9);
            // every open period of the group is queued for recomputation (or already recomputed) with the new version
            for (String period : List.of("running", Integer.toString(Flow.now().getYear()))) {
                assertTrue(sql.count("SELECT count(*) FROM dirty_group WHERE parent_code = ? AND period = ?", c.code(),
                        period)
                        + sql.count(
                                "SELECT count(*) FROM area_score WHERE area_code = ? AND period = ? AND model_version = "
                                        + v,
                                t, period) > 0,
                        period + " is recomputed");
            }
        } finally {
            given().auth().oauth2(Tokens.admin()).when().post("/api/v1/scoring-models/" + defaultVersion + "/activate")
                    .then().statusCode(200);
        }
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/scoring-models").then().statusCode(200)
                .body("items.find { it.active }.version", equalTo(defaultVersion));
    }
}
