package org.civicsafety.gateway.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.civicsafety.gateway.support.FakeUpstreams;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = FakeUpstreams.class, restrictToAnnotatedClass = false)
class RoutingTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v1/cases/123?x=1, cases-",
            "/api/v1/calendar/holidays, cases-",
            "/api/v1/mediations/m1/transitions, cases-",
            "/api/v1/mediators?areaCode=C01, cases-",
            "/api/v1/reception-days, cases-",
            "/api/v1/units/U-C01/notice-channels, grid",
            "/api/v1/webhooks/w1/deliveries, grid",
            "/api/v1/routing-rules, grid",
            "/api/v1/areas?parentCode=C01, grid",
            "/api/v1/incidents/abc/history, grid",
            "/open311/v2/requests.json?status=open, grid",
            "/api/v1/scores?parentCode=C01, assessment",
            "/api/v1/warnings, assessment",
            "/api/v1/surveys/1, assessment",
            "/api/v1/scoring-models, assessment",
            "/api/v1/risk-assessments/9, assessment"})
    void routesEveryPrefixToItsServiceWithThePathUnchanged(String uri, String instancePrefix) {
        given().header("Authorization", Tokens.bearer("router", "admin"))
                .when().get(uri)
                .then().statusCode(200)
                .body("instance", startsWith(instancePrefix))
                .body("uri", equalTo(uri))
                .body("method", equalTo("GET"));
    }

    @Test
    void forwardsMethodBodyAndHeaders() {
        given().header("Authorization", Tokens.bearer("router", "admin"))
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("X-Request-Id", "abc-123")
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .when().put("/api/v1/areas/C01")
                .then().statusCode(200)
                .header("X-Request-Id", "abc-123")
                .body("method", equalTo("PUT"))
                .body("body", equalTo("{\"name\":\"x\"}"))
                .body("headers.traceparent", equalTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .body("headers.x-request-id", equalTo("abc-123"))
                .body("headers.x-forwarded-for", notNullValue())
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", containsString("127.0.0.1"))
                .body("headers.content-type", startsWith("application/json"));
    }

    @Test
    void generatesARequestIdWhenMissingOrMalformed() {
        Response response = given().header("Authorization", Tokens.bearer("router", "admin"))
                .header("X-Request-Id", "bad id with spaces\u0001")
                .when().get("/api/v1/warnings");
        response.then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("headers.x-request-id"));
    }

    @Test
    void dropsHopByHopHeadersBothWays() {
        given().header("Authorization", Tokens.bearer("router", "admin"))
                .header("Connection", "keep-alive, X-Hop")
                .header("X-Hop", "secret")
                .header("Proxy-Authorization", "Basic eDp5")
                .when().get("/api/v1/calendar")
                .then().statusCode(200)
                .body("headers.x-hop", equalTo(null))
                .body("headers.proxy-authorization", equalTo(null))
                .header("Keep-Alive", equalTo(null))
                .header("X-Upstream", startsWith("cases-"));
    }

    @Test
    void balancesAcrossInstancesRoundRobin() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            seen.add(given().header("Authorization", Tokens.bearer("router", "admin"))
                    .when().get("/api/v1/cases/rr").then().statusCode(200).extract().path("instance"));
        }
        assertEquals(Set.of("cases-a", "cases-b"), seen);
    }

    @Test
    void unknownPathsAreProblem404() {
        given().header("Authorization", Tokens.bearer("router", "admin"))
                .when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("https://civicsafety.org/problems/not-found"));
        // a prefix only matches on a segment boundary
        given().header("Authorization", Tokens.bearer("router", "admin"))
                .when().get("/api/v1/casesx")
                .then().statusCode(404);
    }

    @Test
    void dotSegmentsCannotEscapeARoute() {
        given().header("Authorization", Tokens.bearer("router", "admin"))
                .urlEncodingEnabled(false)
                .when().get("/api/v1/cases/../scores/1")
                .then().statusCode(200)
                .body("instance", equalTo("assessment"))
                .body("uri", equalTo("/api/v1/scores/1"));
    }

    @Test
    void securityHeadersOnEveryResponse() {
        given().header("Authorization", Tokens.bearer("router", "admin"))
                .when().get("/api/v1/warnings")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("frame-ancestors"))
                .header("Strict-Transport-Security", equalTo(null));
        given().header("X-Forwarded-Proto", "https").when().get("/q/health/live")
                .then().header("Strict-Transport-Security", startsWith("max-age="))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void healthAndMetricsOfTheGatewayItself() {
        given().when().get("/q/health/live").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("http_server_requests"), "gateway metrics are exported");
    }
}
