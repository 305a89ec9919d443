package org.civicsafety.gateway.limits;

import io.quarkus.test.junit.QuarkusTest;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rate limits per client and route group, and CORS for the configured origins. */
@QuarkusTest
class LimitsTest {

    @Test
    void publicTrackingLookupIsLimitedTightlyPerIp() {
        // the bucket may already be partly used by other tests of this run: count, don't expect an exact position
        int ok = 0;
        io.restassured.response.Response refused = null;
        for (int i = 0; i < 11; i++) {
            io.restassured.response.Response response = given().when().get("/api/v1/cases/track/T" + i);
            if (response.statusCode() == 200) {
                ok++;
            } else if (refused == null) {
                refused = response;
            }
        }
        assertTrue(ok <= 10, ok + " of 11 lookups within a minute passed; the limit is 10");
        assertTrue(refused != null, "some lookup was refused");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("type", equalTo("https://civicsafety.org/problems/rate-limited"));
        // a mediation party's tracking lookup draws on the same bucket
        given().when().get("/api/v1/mediations/track/M1").then().statusCode(429);
        // other groups of the same client are not affected
        given().when().get("/api/v1/categories").then().statusCode(200);
    }

    @Test
    void writtenNoticeVerificationIsLimitedTightlyPerIpLikeTracking() {
        int ok = 0;
        io.restassured.response.Response refused = null;
        for (int i = 0; i < 11; i++) {
            io.restassured.response.Response response = given().when()
                    .get("/api/v1/cases/written-notices/verify/V" + i);
            if (response.statusCode() == 200) {
                ok++;
            } else if (refused == null) {
                refused = response;
            }
        }
        assertTrue(ok <= 10, ok + " of 11 verifications within a minute passed; the limit is 10");
        assertTrue(refused != null, "some verification was refused");
        refused.then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("type", equalTo("https://civicsafety.org/problems/rate-limited"));
    }

    @Test
    void limitsArePerUserAndPerGroup() {
        String alice = Tokens.bearer("alice-" + UUID.randomUUID(), "citizen");
        String bob = Tokens.bearer("bob-" + UUID.randomUUID(), "citizen");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", alice).when().get("/api/v1/surveys/limited").then().statusCode(200);
        }
        given().header("Authorization", alice).when().get("/api/v1/surveys/limited")
                .then().statusCode(429).header("Retry-After", matchesPattern("[1-9]\\d*"));
        given().header("Authorization", bob).when().get("/api/v1/surveys/limited").then().statusCode(200);
        given().header("Authorization", alice).when().get("/api/v1/surveys").then().statusCode(200);
    }

    @Test
    void corsForConfiguredOrigins() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .when().options("/api/v1/incidents")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
        given().header("Origin", "http://localhost:3000")
                .header("Authorization", Tokens.bearer("cors", "citizen"))
                .when().get("/api/v1/incidents")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
        String allowed = given().header("Origin", "https://evil.example")
                .header("Authorization", Tokens.bearer("cors", "citizen"))
                .when().get("/api/v1/incidents")
                .header("Access-Control-Allow-Origin");
        assertTrue(allowed == null, "no CORS grant for an unknown origin");
    }
}
