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
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared limiter against the real Redis, without the gateway around it: two replicas, an outage, a slow store. */
class SharedRateLimiterTest {

    private static final List<RateLimiter.Group> GROUPS = List.of(
            new RateLimiter.Group("default", List.of("/"), Set.of(), 1200, Duration.ofMinutes(1)),
            new RateLimiter.Group("tracking", List.of("/api/v1/cases/track/"), Set.of(), 10, Duration.ofMinutes(1)),
            new RateLimiter.Group("busy", List.of("/busy/"), Set.of(), 1600, Duration.ofMinutes(1)));

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

    @Test
    void aBusyClientsTokensAreLeasedAFewAtATimeAndTwoReplicasStillAdmitTheConfiguredRate() {
        SimpleMeterRegistry metricsA = new SimpleMeterRegistry();
        SimpleMeterRegistry metricsB = new SimpleMeterRegistry();
        SharedRateLimiter replicaA = limiter(RedisRelay.REDIS_URL, Duration.ofSeconds(1), metricsA);
        SharedRateLimiter replicaB = limiter(RedisRelay.REDIS_URL, Duration.ofSeconds(1), metricsB);
        long start = System.nanoTime();
        int admitted = 0;
        for (int i = 0; i < 2000; i++) {
            admitted += check(i % 2 == 0 ? replicaA : replicaB, "/busy/" + i, "user:busy").allowed() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 1600 a minute: leases of at most 32 (2 %), so each replica may hold up to 31 unspent at the end; and
        // never more than the store granted: 1600 at once plus what refilled while the test ran
        assertTrue(admitted >= 1600 - 2 * 31, "admitted " + admitted);
        assertTrue(admitted <= 1600 + (int) Math.ceil(seconds * 1600 / 60) + 1,
                "admitted " + admitted + " in " + seconds + " s");
        double roundTrips = metricsA.get("civic_gateway_rate_limit_store_round_trips").counter().count()
                + metricsB.get("civic_gateway_rate_limit_store_round_trips").counter().count();
        assertTrue(roundTrips < 2000 / 4.0, "a round trip per lease, not per request: " + roundTrips);
        assertTrue(replicaA.shared() && replicaB.shared());
    }

    @Test
    void concurrentRequestsOfOneClientWaitForOneLeaseAndNeverOverrunTheBucket() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SharedRateLimiter limiter = limiter(RedisRelay.REDIS_URL, Duration.ofSeconds(1), metrics);
        long start = System.nanoTime();
        // four event loops each fire 600 checks at once, as the gateway's loops do under load
        List<io.vertx.core.Future<RateLimiter.Decision>> all = java.util.Collections.synchronizedList(
                new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch fired = new java.util.concurrent.CountDownLatch(4);
        for (int loop = 0; loop < 4; loop++) {
            vertx.getOrCreateContext().runOnContext(v -> {
                for (int i = 0; i < 600; i++) {
                    all.add(limiter.check("GET", "/busy/c", "user:concurrent"));
                }
                fired.countDown();
            });
        }
        assertTrue(fired.await(5, TimeUnit.SECONDS));
        io.vertx.core.Future.all(all).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long admitted = all.stream().filter(f -> f.result().allowed()).count();
        assertTrue(admitted >= 1600 - 31 && admitted <= 1600 + (int) Math.ceil(seconds * 1600 / 60) + 1,
                "admitted " + admitted + " of 2400 in " + seconds + " s");
        assertTrue(all.stream().filter(f -> !f.result().allowed()).allMatch(f -> f.result().retryAfterSeconds() >= 1));
        assertTrue(metrics.get("civic_gateway_rate_limit_store_round_trips").counter().count() < 2400 / 4.0);
        assertEquals(0, metrics.get("civic_gateway_rate_limit_fallback_decisions").counter().count());
    }

    @Test
    void aRefusalIsRememberedUntilTheStoreSaidATokenIsFreeAndTightLimitsAreNotLeased() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SharedRateLimiter limiter = limiter(RedisRelay.REDIS_URL, Duration.ofSeconds(1), metrics);
        for (int i = 0; i < 10; i++) {
            assertTrue(check(limiter, "/api/v1/cases/track/T" + i, "ip:192.0.2.10").allowed());
        }
        // 10 a minute is below the 1 % lease floor: every lookup was its own round trip
        assertEquals(10.0, metrics.get("civic_gateway_rate_limit_store_round_trips").counter().count());
        RateLimiter.Decision refused = check(limiter, "/api/v1/cases/track/T10", "ip:192.0.2.10");
        assertFalse(refused.allowed());
        assertEquals(11.0, metrics.get("civic_gateway_rate_limit_store_round_trips").counter().count());
        RateLimiter.Decision again = check(limiter, "/api/v1/cases/track/T11", "ip:192.0.2.10");
        assertFalse(again.allowed());
        assertTrue(again.retryAfterSeconds() >= 1 && again.retryAfterSeconds() <= refused.retryAfterSeconds());
        assertEquals(11.0, metrics.get("civic_gateway_rate_limit_store_round_trips").counter().count(),
                "the store said when a token is free again: no need to ask it before");
    }

    @Test
    void tokensLeftInALeaseExpireAndAnOccasionalClientIsChargedWhatItUses() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        AtomicLong clock = new AtomicLong(System.nanoTime());
        SharedRateLimiter limiter = new SharedRateLimiter(new RateLimiter(GROUPS, System::nanoTime),
                new RedisBuckets(vertx, Redis.createClient(vertx, RedisRelay.REDIS_URL), keyPrefix,
                        Duration.ofMillis(500)),
                16, Duration.ofMillis(200), Duration.ofSeconds(1), metrics, clock::get);
        io.micrometer.core.instrument.Counter roundTrips = metrics.get("civic_gateway_rate_limit_store_round_trips")
                .counter();
        assertTrue(check(limiter, "/busy/1", "user:occasional").allowed());
        assertEquals(1.0, roundTrips.count(), "a first lease of one token");
        assertTrue(check(limiter, "/busy/2", "user:occasional").allowed());
        assertEquals(2.0, roundTrips.count(), "spent within its ttl: the next lease is two");
        assertTrue(check(limiter, "/busy/3", "user:occasional").allowed());
        assertEquals(2.0, roundTrips.count(), "from the lease held");
        assertTrue(check(limiter, "/busy/4", "user:occasional").allowed());
        assertEquals(3.0, roundTrips.count());
        clock.addAndGet(Duration.ofMillis(300).toNanos()); // past the lease's 200 ms ttl
        assertTrue(check(limiter, "/busy/5", "user:occasional").allowed());
        assertEquals(4.0, roundTrips.count(), "what was left of the lease of four expired");
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
