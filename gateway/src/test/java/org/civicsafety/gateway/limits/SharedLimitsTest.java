package org.civicsafety.gateway.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;
import org.civicsafety.gateway.support.RedisRelay;
import org.civicsafety.gateway.support.SharedRedis;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rate limits through the running gateway, shared with another instance through Redis, and what
 * happens without Redis. (The upstreams are FakeUpstreams', registered for all tests.)
 */
@QuarkusTest
@QuarkusTestResource(value = SharedRedis.class, restrictToAnnotatedClass = false)
class SharedLimitsTest {

    @Inject GatewayConfig config;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void cleanUp() {
        SharedRedis.relay.open();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theEleventhTrackingLookupIsRefusedAndAnotherInstanceSpendsTheSameBudget() {
        // a signed-in caller is limited by user, so this test's budget is its own
        String sub = "tracker-" + UUID.randomUUID();
        String bearer = Tokens.bearer(sub, "citizen");
        SharedRateLimiter otherInstance = otherInstance();
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", bearer).when().get("/api/v1/cases/track/T" + i).then().statusCode(200);
        }
        given().header("Authorization", bearer).when().get("/api/v1/cases/track/T10")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-6]"))
                .body("type", equalTo("https://civicsafety.org/problems/rate-limited"))
                .body("status", equalTo(429));
        assertFalse(decide(otherInstance, "user:" + sub).allowed(), "the other instance sees the budget spent here");

        // and the other way round: what the other instance admits, this one no longer does
        String second = "tracker-" + UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            assertTrue(decide(otherInstance, "user:" + second).allowed());
        }
        String secondBearer = Tokens.bearer(second, "citizen");
        int served = 0;
        for (int i = 0; i < 10; i++) {
            served += given().header("Authorization", secondBearer).when().get("/api/v1/cases/track/S" + i)
                    .statusCode() == 200 ? 1 : 0;
        }
        assertEquals(6, served, "4 of the 10 lookups a minute were spent through the other instance");
    }

    @Test
    void withoutTheStoreTheGatewayLimitsLocallyKeepsServingAndSaysSo() {
        double fallbacksBefore = metric("civic_gateway_rate_limit_fallback_decisions_total");
        assertEquals("shared", rateLimitStore());
        SharedRedis.relay.cut();

        String bearer = Tokens.bearer("offline-" + UUID.randomUUID(), "citizen");
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", bearer).when().get("/api/v1/cases/track/T" + i).then().statusCode(200);
        }
        given().header("Authorization", bearer).when().get("/api/v1/cases/track/T10")
                .then().statusCode(429).header("Retry-After", matchesPattern("[1-9]\\d*"));
        given().header("Authorization", bearer).when().get("/api/v1/surveys").then().statusCode(200);
        assertEquals("local-fallback", rateLimitStore());
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertEquals(0.0, metric("civic_gateway_rate_limit_store_shared"));
        assertTrue(metric("civic_gateway_rate_limit_fallback_decisions_total") >= fallbacksBefore + 12,
                "every decision while the store was away was a local one");

        // back without a restart and without traffic: the periodic probe finds it
        SharedRedis.relay.open();
        await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .until(() -> rateLimitStore().equals("shared"));
        assertEquals(1.0, metric("civic_gateway_rate_limit_store_shared"));
        double fallbacksAfter = metric("civic_gateway_rate_limit_fallback_decisions_total");
        given().header("Authorization", bearer).when().get("/api/v1/cases/track/again").then().statusCode(200);
        assertEquals(fallbacksAfter, metric("civic_gateway_rate_limit_fallback_decisions_total"),
                "decided in the store again");
    }

    /** A second gateway instance's limiter: same groups and keys, its own connection to the same Redis. */
    private SharedRateLimiter otherInstance() {
        return new SharedRateLimiter(new RateLimiter(RateLimits.groups(config), System::nanoTime),
                new RedisBuckets(vertx, Redis.createClient(vertx, RedisRelay.REDIS_URL), SharedRedis.keyPrefix,
                        Duration.ofSeconds(2)),
                Duration.ofSeconds(1), new SimpleMeterRegistry());
    }

    private static RateLimiter.Decision decide(SharedRateLimiter limiter, String client) {
        try {
            RateLimiter.Decision decision = limiter.check("GET", "/api/v1/cases/track/X", client)
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertTrue(limiter.shared(), "decided in the shared store");
            return decision;
        } catch (Exception e) {
            throw new AssertionError("no decision", e);
        }
    }

    private static String rateLimitStore() {
        Response health = given().when().get("/q/health/ready");
        return JsonPath.from(health.asString())
                .getString("checks.find { it.name == 'rate-limits' }.data.rateLimitStore");
    }

    private static double metric(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertTrue(value.find(), name + " is exported");
        return Double.parseDouble(value.group(2));
    }
}
