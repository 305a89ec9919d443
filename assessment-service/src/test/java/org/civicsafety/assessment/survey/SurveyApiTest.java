package org.civicsafety.assessment.survey;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.Tokens;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class SurveyApiTest {
    @Inject EventConsumer consumer;

    @Test
    void surveysFeedI9AndI10AndPoolUpward() {
        ConsumerReady.await(consumer);
        Flow.County c = Flow.county(2);
        String year = Integer.toString(Flow.now().getYear());
        Flow.survey(c.towns().get(0), year, "I9", 90, 30); // (90 − 60)/40 → 75
        Flow.survey(c.towns().get(1), year, "I9", 70, 10);
        Wait.untilAsserted(Duration.ofSeconds(10), () -> assertEquals(75.0,
                ((Number) Flow.indicator(Flow.detail(c.towns().get(0), null), "I9", "normalised")).doubleValue(),
                1e-9));
        // the county has no survey of its own: sample-weighted pool (90·30 + 70·10)/40 = 85
        assertEquals(85.0, ((Number) Flow.indicator(Flow.detail(c.code(), null), "I9", "raw")).doubleValue(), 1e-9);
        // a newer upload for the same area and period replaces the value
        Flow.survey(c.towns().get(0), year, "I9", 60, 30);
        assertEquals(0.0,
                ((Number) Flow.indicator(Flow.detail(c.towns().get(0), null), "I9", "normalised")).doubleValue(), 1e-9);
    }

    @Test
    void rolesValidationAndIdempotency() {
        ConsumerReady.await(consumer);
        Flow.County c = Flow.county(1);
        String t = c.towns().get(0);
        Map<String, Object> ok = Map.of("areaCode", t, "period", "2026-Q4", "indicator", "I10", "value", 88.5,
                "sampleSize", 200);
        given().auth().oauth2(Tokens.token("supervisor", c.code())).contentType("application/json").body(ok)
                .when().post("/api/v1/surveys").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(ok).when().post("/api/v1/surveys").then().statusCode(401);
        given().auth().oauth2(Tokens.token("analyst", c.code())).contentType("application/json")
                .body(Map.of("areaCode", "", "period", "soon", "indicator", "I11", "value", 101, "sampleSize", 0))
                .when().post("/api/v1/surveys").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("areaCode", "period", "indicator", "value", "sampleSize"));
        given().auth().oauth2(Tokens.token("analyst", c.code())).contentType("application/json")
                .body("{\"areaCode\": \"" + t + "\", \"value\": \"high\"}")
                .when().post("/api/v1/surveys").then().statusCode(400).body("errors[0].field", equalTo("value"));
        given().auth().oauth2(Tokens.token("analyst", c.code())).contentType("application/json").body("{nope")
                .when().post("/api/v1/surveys").then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(containsString("Exception")));
        given().auth().oauth2(Tokens.token("analyst", "ELSEWHERE")).contentType("application/json").body(ok)
                .when().post("/api/v1/surveys").then().statusCode(400).body("errors[0].field", equalTo("areaCode"));
        String key = UUID.randomUUID().toString();
        String id = given().auth().oauth2(Tokens.token("analyst", c.code())).header("Idempotency-Key", key)
                .contentType("application/json").body(ok).when().post("/api/v1/surveys").then().statusCode(201)
                .body("value", equalTo(88.5f)).extract().path("id");
        given().auth().oauth2(Tokens.token("analyst", c.code())).header("Idempotency-Key", key)
                .contentType("application/json").body(ok).when().post("/api/v1/surveys").then().statusCode(201)
                .body("id", equalTo(id));
        // Location names the survey, readable by analysts in its subtree only
        String location = given().auth().oauth2(Tokens.token("analyst", c.code())).contentType("application/json")
                .body(ok).when().post("/api/v1/surveys").then().statusCode(201).body("id", equalTo(id))
                .extract().header("Location");
        assertEquals("/api/v1/surveys/" + id, location);
        given().auth().oauth2(Tokens.token("analyst", t)).when().get(location).then().statusCode(200)
                .body("id", equalTo(id)).body("areaCode", equalTo(t)).body("indicator", equalTo("I10"))
                .body("value", equalTo(88.5f)).body("sampleSize", equalTo(200));
        given().auth().oauth2(Tokens.token("analyst", "ELSEWHERE")).when().get(location).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.token("supervisor", c.code())).when().get(location).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/surveys/" + UUID.randomUUID()).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/surveys/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
