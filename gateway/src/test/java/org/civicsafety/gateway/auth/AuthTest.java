package org.civicsafety.gateway.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Bearer tokens are checked at the gateway before anything reaches a service. */
@QuarkusTest
class AuthTest {

    private static void assertUnauthorized(io.restassured.response.ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://civicsafety.org/problems/unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void noTokenIs401() {
        assertUnauthorized(given().when().get("/api/v1/incidents").then());
        assertUnauthorized(given().contentType("application/json").body("{}").when().post("/api/v1/cases").then());
    }

    @Test
    void expiredTokenIs401() {
        Instant past = Instant.now().minusSeconds(7200);
        String expired = Jwt.subject("late").groups(Set.of("admin")).issuedAt(past).expiresAt(past.plusSeconds(600))
                .jws().keyId("dev-idp").sign();
        assertUnauthorized(given().header("Authorization", "Bearer " + expired).when().get("/api/v1/incidents").then());
    }

    @Test
    void tokenSignedWithAnUnknownKeyIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.subject("mallory").groups(Set.of("admin")).expiresIn(600)
                .jws().keyId("dev-idp").sign(generator.generateKeyPair().getPrivate());
        assertUnauthorized(given().header("Authorization", "Bearer " + forged).when().get("/api/v1/incidents").then());
        assertUnauthorized(
                given().header("Authorization", "Bearer not.a.token").when().get("/api/v1/incidents").then());
        assertUnauthorized(
                given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/api/v1/incidents").then());
    }

    @Test
    void validTokenReachesTheServiceWithItsAuthorization() {
        String token = Tokens.user("alice", "citizen");
        given().header("Authorization", "Bearer " + token)
                .when().get("/api/v1/incidents")
                .then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void aRememberedTokenVouchesOnlyForItselfNotForATamperedCopy() {
        String token = Tokens.user("carol", "citizen");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/incidents")
                    .then().statusCode(200).body("headers.authorization", equalTo("Bearer " + token));
        }
        // same header and payload, signature altered: must be checked again, not taken from memory
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertUnauthorized(
                given().header("Authorization", "Bearer " + tampered).when().get("/api/v1/incidents").then());
    }

    @Test
    void publicPathsNeedNoLogin() {
        given().when().get("/api/v1/categories").then().statusCode(200).body("instance", equalTo("grid"));
        given().when().get("/api/v1/categories/fights").then().statusCode(200);
        given().when().get("/api/v1/cases/track/XF7Q2").then().statusCode(200).body("instance", startsWith("cases-"));
        given().when().get("/open311/v2/discovery.json").then().statusCode(200);
        given().when().get("/open311/v2/services.xml").then().statusCode(200);
        given().when().get("/open311/v2/requests/abc.json").then().statusCode(200);
        given().when().get("/open311/v2/tokens/t1.json").then().statusCode(200);
        given().when().get("/open311/v2/servicerequestupdates.json").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        // a stale or bad credential on a public read is ignored, not passed on
        given().header("Authorization", "Bearer expired.or.bad").when().get("/api/v1/cases/track/XF7Q3")
                .then().statusCode(200).body("headers.authorization", org.hamcrest.Matchers.nullValue());
        given().header("X-API-Key", "csp_unknown").when().get("/open311/v2/services.json")
                .then().statusCode(200).body("headers.x-api-key", org.hamcrest.Matchers.nullValue());
        // but writing to them is not public
        assertUnauthorized(given().contentType("application/json").body("{}").when().post("/api/v1/categories").then());
        given().when().get("/api/v1/cases/track/").then().statusCode(401);
        // a written notice's verification page is public too, the lookup alone: nothing below it
        given().when().get("/api/v1/cases/written-notices/verify/WN7Q2KX9").then().statusCode(200)
                .body("instance", startsWith("cases-"));
        given().when().get("/api/v1/cases/written-notices/verify/WN7Q2KX9/pdf").then().statusCode(401);
        given().when().get("/api/v1/cases/written-notices/verify/").then().statusCode(401);
        given().when().get("/api/v1/cases/track/XF7Q2/history").then().statusCode(401);
        // a mediation party's tracking code, and the published reception days — not their statistics or bookings
        given().when().get("/api/v1/mediations/track/TJ7Q2KX9AB12").then().statusCode(200)
                .body("instance", startsWith("cases-"));
        given().when().get("/api/v1/mediations/track/TJ7Q2KX9AB12/history").then().statusCode(401);
        given().when().get("/api/v1/mediations").then().statusCode(401);
        given().when().get("/api/v1/reception-days").then().statusCode(200).body("instance", startsWith("cases-"));
        given().when().get("/api/v1/reception-days/3f0c1a52-6a5e-4a8e-9d7e-0c1b2a3d4e5f").then().statusCode(200);
        given().when().get("/api/v1/reception-days/stats").then().statusCode(401);
        given().when().get("/api/v1/reception-days/3f0c1a52-6a5e-4a8e-9d7e-0c1b2a3d4e5f/bookings").then()
                .statusCode(401);
        given().when().get("/api/v1/reception-days/bookings/mine").then().statusCode(401);
    }

    @Test
    void open311WritesWithoutAKeyAreRefusedInOpen311Format() {
        given().contentType("application/x-www-form-urlencoded").body("service_code=fights&lat=1&long=2")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(403)
                .body("[0].code", equalTo(403));
        given().contentType("application/x-www-form-urlencoded").body("service_code=fights")
                .when().post("/open311/v2/requests.xml")
                .then().statusCode(403)
                .contentType(startsWith("text/xml"))
                .body("errors.error.code", equalTo("403"));
    }
}
