package org.civicsafety.gateway.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** http.server.requests is exported as a histogram the dashboard can aggregate. */
@QuarkusTest
class HttpServerHistogramsTest {

    @Test
    void requestDurationsHaveHistogramBuckets() {
        given().header("Authorization", Tokens.bearer("histogram", "admin"))
                .when().get("/api/v1/areas/h1").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{")
                && l.contains("uri=\"/api/v1/areas/*\"") && l.contains("le=\"+Inf\"")),
                "the +Inf bucket of the proxied route is exported");
        long buckets = metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket{")
                && l.contains("uri=\"/api/v1/areas/*\"")).count();
        assertTrue(buckets > 10, "histogram buckets of the route: " + buckets);
    }
}
