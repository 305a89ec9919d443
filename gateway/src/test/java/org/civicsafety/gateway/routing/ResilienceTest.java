package org.civicsafety.gateway.routing;

import io.quarkus.test.junit.QuarkusTest;
import org.civicsafety.gateway.support.FakeUpstreams;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An upstream that is down or slow answers 503 within its timeout; the other routes keep working; it recovers by itself. */
@QuarkusTest
class ResilienceTest {

    private static String token() {
        return Tokens.bearer("resilience", "admin");
    }

    @Test
    void slowUpstreamAnswers503WithinItsTimeout() {
        given().header("Authorization", token()).when().get("/api/v1/calendar").then().statusCode(200);
        long start = System.nanoTime();
        given().header("Authorization", token())
                .when().get("/api/v1/calendar/slow?delayMs=8000")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .body("status", equalTo(503));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < 6000, "answered after " + millis + " ms, timeout is 1500 ms, the service takes 8000 ms");
        // a slow request under the timeout still goes through
        given().header("Authorization", token())
                .when().get("/api/v1/calendar/slow?delayMs=200")
                .then().statusCode(200);
    }

    @Test
    void downUpstreamIs503WhileOtherRoutesWorkAndItRecoversByItself() throws Exception {
        // warm up (token signing, HTTP client) so the timings below measure the gateway only
        given().header("Authorization", token()).when().get("/api/v1/scores").then().statusCode(200);
        FakeUpstreams.assessment.stop();
        try {
            for (int i = 0; i < 4; i++) {
                long start = System.nanoTime();
                given().header("Authorization", token())
                        .when().get("/api/v1/scores?parentCode=C01")
                        .then().statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", matchesPattern("\\d+"))
                        .body("type", equalTo("https://civicsafety.org/problems/unavailable"));
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertTrue(millis < 3000, "503 after " + millis + " ms in round " + i);
                given().header("Authorization", token())
                        .when().get("/api/v1/areas")
                        .then().statusCode(200)
                        .body("instance", equalTo("grid"));
            }
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_upstream_breaker_open")
                    && l.contains("upstream=\"assessment\"") && l.trim().endsWith(" 1.0")),
                    "breaker state is exported");
        } finally {
            FakeUpstreams.assessment.start();
        }
        await().alias("assessment routes recover after the upstream came back")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().header("Authorization", token()).when().get("/api/v1/scores").statusCode() == 200);
    }

    @Test
    void oneDeadInstanceOfSeveralIsRoutedAround() {
        FakeUpstreams.casesB.stop();
        try {
            for (int i = 0; i < 6; i++) {
                given().header("Authorization", token())
                        .when().get("/api/v1/cases/1")
                        .then().statusCode(200)
                        .body("instance", equalTo("cases-a"));
            }
        } finally {
            FakeUpstreams.casesB.start();
        }
    }

    @Test
    void anInstanceThatStartsListeningTakesItsShareBeforeTheFullOpenPeriod() {
        FakeUpstreams.casesB.stop();
        try {
            // its connections are refused: the breaker opens, for the short period of a refusal
            for (int i = 0; i < 6; i++) {
                given().header("Authorization", token()).when().get("/api/v1/cases/1").then().statusCode(200)
                        .body("instance", equalTo("cases-a"));
            }
        } finally {
            FakeUpstreams.casesB.start();
        }
        await().alias("the started instance is probed and serves (a breaker opened by other failures waits 5 s)")
                .atMost(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(50))
                .until(() -> "cases-b".equals(given().header("Authorization", token()).when().get("/api/v1/cases/1")
                        .then().statusCode(200).extract().path("instance")));
    }
}
