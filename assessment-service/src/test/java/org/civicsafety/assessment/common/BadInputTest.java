package org.civicsafety.assessment.common;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Requests found by fault injection: never a 500, and the role is checked before the body. */
@QuarkusTest
class BadInputTest {
    @Inject EventConsumer consumer;

    @Test
    void nulInAreaCodesIsNotFoundOrBadRequest() {
        String admin = Tokens.admin();
        given().urlEncodingEnabled(false).auth().oauth2(admin).when().get("/api/v1/scores/%00")
                .then().statusCode(404).contentType("application/problem+json");
        given().urlEncodingEnabled(false).auth().oauth2(admin).when().get("/api/v1/scores/%00/history")
                .then().statusCode(404).contentType("application/problem+json");
        given().urlEncodingEnabled(false).auth().oauth2(admin).when().get("/api/v1/scores?parentCode=%00nul")
                .then().statusCode(404).contentType("application/problem+json");
        given().urlEncodingEnabled(false).auth().oauth2(admin).when().get("/api/v1/warnings?areaCode=%00nul")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("areaCode"));
    }

    @Test
    void nulInAStoredTextIsABadRequest() {
        ConsumerReady.await(consumer);
        Flow.County c = Flow.county(1);
        // Passes validation, then PostgreSQL refuses the NUL (SQLState 22021): a data error, the client's.
        given().auth().oauth2(Tokens.token("analyst", c.code())).contentType("application/json")
                .body(Map.of("title", "a\u0000b", "decisionOwner", "Mayor", "areaCodes", List.of(c.code())))
                .when().post("/api/v1/risk-assessments")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void fractionalSampleSizeIsRejectedNotTruncated() {
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"areaCode\":\"NOPE\",\"period\":\"2026-11\",\"indicator\":\"I9\",\"value\":1,\"sampleSize\":1.5}")
                .when().post("/api/v1/surveys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sampleSize"))
                .body("instance", equalTo("/api/v1/surveys"));
    }

    @Test
    void roleIsCheckedBeforeTheBody() {
        given().auth().oauth2(Tokens.token("citizen", "C01")).contentType("application/json").body("{\"title\":\"x\"}")
                .when().post("/api/v1/risk-assessments")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(Tokens.token("citizen", "C01")).contentType("application/json")
                .body("{\"areaCode\":\"x\",\"sampleSize\":1.5}")
                .when().post("/api/v1/surveys")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body("{\"title\":\"x\"}")
                .when().post("/api/v1/risk-assessments")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
