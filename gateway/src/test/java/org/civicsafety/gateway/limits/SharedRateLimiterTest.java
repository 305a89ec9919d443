package org.civicsafety.gateway.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.redis.client.Redis;
import org.civicsafety.gateway.support.RedisRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared limiter against the real Redis, without the gateway around it: two replicas, an outage, a slow store. */
class SharedRateLimiterTest {

    private static final List<RateLimiter.Group> GROUPS = List.of(
            new RateLimiter.Group("default", List.of("/"), Set.of(), 1200, Duration.ofMinutes(1)),
            new RateLimiter.Group("tracking", List.of("/api/v1/cases/track/"), Set.of(), 10, Duration.ofMinutes(1)));

    private final Vertx vertx = Vertx.vertx();
    private final String keyPrefix = "civic:gateway-test:" + UUID.randomUUID() + ":";

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void twoReplicasTogetherAdmitTheConfiguredRateNotTwiceIt() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SharedRateLimiter replicaA = limiter(RedisRelay.REDIS_URL, Duration.ofSeconds(1), metrics);
        SharedRateLimiter replicaB = limiter(RedisRelay.REDIS_URL, Duration.ofSeconds(1), new SimpleMeterRegistry());
        int admitted = 0;
        RateLimiter.Decision refused = null;
        for (int i = 0; i < 20; i++) {
            RateLimiter.Decision decision = check(i % 2 == 0 ? replicaA : replicaB, "/api/v1/cases/track/T" + i,
                    "ip:203.0.113.7");
            if (decision.allowed()) {
                admitted++;
            } else {
                refused = decision;
            }
        }
        assertEquals(10, admitted, "20 lookups spread over two replicas: the limit is 10 per minute in all");
        assertEquals("tracking", refused.group());
        assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 6,
                "one lookup refills every 6 s: " + refused.retryAfterSeconds());
        assertTrue(check(replicaB, "/api/v1/cases/track/X", "ip:203.0.113.8").allowed(),
                "another client has its own budget");
        assertTrue(check(replicaA, "/api/v1/cases/1", "ip:203.0.113.7").allowed(), "another group has its own budget");
        assertTrue(replicaA.shared() && replicaB.shared());
        assertEquals(0, metrics.get("civic_gateway_rate_limit_fallback_decisions").counter().count());
    }

    @Test
    void anUnreachableStoreFallsBackToLocalLimitsAndIsFoundAgain() {
        RedisRelay relay = new RedisRelay(vertx);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SharedRateLimiter limiter = limiter(relay.url(), Duration.ofMillis(200), metrics);
        // nothing listens on the relay's port yet: every decision is this instance's own, and still a limit
        int admitted = 0;
        for (int i = 0; i < 11; i++) {
            admitted += check(limiter, "/api/v1/cases/track/T" + i, "ip:198.51.100.1").allowed() ? 1 : 0;
        }
        assertEquals(10, admitted);
        assertFalse(limiter.shared());
        assertEquals(0.0, metrics.get("civic_gateway_rate_limit_store_shared").gauge().value());
        assertEquals(11.0, metrics.get("civic_gateway_rate_limit_fallback_decisions").counter().count());

        relay.open();
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(() -> {
            limiter.probe();
            return limiter.shared();
        });
        assertEquals(1.0, metrics.get("civic_gateway_rate_limit_store_shared").gauge().value());
        // shared again: the client's budget is the store's, which has not seen it yet
        double fallbacks = metrics.get("civic_gateway_rate_limit_fallback_decisions").counter().count();
        assertTrue(check(limiter, "/api/v1/cases/track/again", "ip:198.51.100.1").allowed());
        assertEquals(fallbacks, metrics.get("civic_gateway_rate_limit_fallback_decisions").counter().count());
        relay.cut();
    }

    @Test
    void aStoreThatDoesNotAnswerIsNotWaitedForBeyondTheTimeout() {
        // accepts connections and never answers: a hung Redis
        NetServer silent = vertx.createNetServer().connectHandler(socket -> socket.handler(bytes -> {}));
        int port = silent.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SharedRateLimiter limiter = new SharedRateLimiter(new RateLimiter(GROUPS, System::nanoTime),
                new RedisBuckets(vertx, Redis.createClient(vertx, "redis://127.0.0.1:" + port), keyPrefix,
                        Duration.ofMillis(100)),
                Duration.ofMinutes(1), metrics);
        // decided (locally) although the store never answers: check() waits at most 5 s, the timeout is 100 ms
        assertTrue(check(limiter, "/api/v1/cases/track/T", "ip:198.51.100.2").allowed());
        assertFalse(limiter.shared());
        // while the store is out, requests do not even try it: decided at once
        io.vertx.core.Future<RateLimiter.Decision> next = limiter.check("GET", "/api/v1/cases/track/T2",
                "ip:198.51.100.2");
        assertTrue(next.isComplete() && next.result().allowed());
        assertEquals(2.0, metrics.get("civic_gateway_rate_limit_fallback_decisions").counter().count());
    }

    private SharedRateLimiter limiter(String redisUrl, Duration retryInterval, SimpleMeterRegistry metrics) {
        return new SharedRateLimiter(new RateLimiter(GROUPS, System::nanoTime),
                new RedisBuckets(vertx, Redis.createClient(vertx, redisUrl), keyPrefix, Duration.ofMillis(500)),
                retryInterval, metrics);
    }

    private static RateLimiter.Decision check(SharedRateLimiter limiter, String path, String client) {
        try {
            return limiter.check("GET", path, client).toCompletionStage().toCompletableFuture().get(5,
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no decision", e);
        }
    }
}
