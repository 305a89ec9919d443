package org.civicsafety.gateway.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(List.of(
            new RateLimiter.Group("default", List.of("/"), Set.of(), 100, Duration.ofMinutes(1)),
            new RateLimiter.Group("tracking", List.of("/api/v1/cases/track/"), Set.of(), 2, Duration.ofMinutes(1)),
            new RateLimiter.Group("writes", List.of("/open311/v2/requests"), Set.of("POST"), 1,
                    Duration.ofSeconds(10))),
            now::get);

    @Test
    void longestPrefixAndMethodChooseTheGroup() {
        assertEquals("tracking", limiter.groupFor("GET", "/api/v1/cases/track/X1").orElseThrow().name());
        assertEquals("default", limiter.groupFor("GET", "/api/v1/cases/1").orElseThrow().name());
        assertEquals("writes", limiter.groupFor("POST", "/open311/v2/requests.json").orElseThrow().name());
        assertEquals("default", limiter.groupFor("GET", "/open311/v2/requests.json").orElseThrow().name());
    }

    @Test
    void refusesOverTheLimitAndRefillsOverThePeriod() {
        assertTrue(limiter.check("GET", "/api/v1/cases/track/A", "ip:1").allowed());
        assertTrue(limiter.check("GET", "/api/v1/cases/track/B", "ip:1").allowed());
        RateLimiter.Decision refused = limiter.check("GET", "/api/v1/cases/track/C", "ip:1");
        assertFalse(refused.allowed());
        assertEquals(30, refused.retryAfterSeconds());
        assertTrue(limiter.check("GET", "/api/v1/cases/track/C", "ip:2").allowed(),
                "another client has its own bucket");
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertTrue(limiter.check("GET", "/api/v1/cases/track/C", "ip:1").allowed());
        assertFalse(limiter.check("GET", "/api/v1/cases/track/D", "ip:1").allowed());
    }

    @Test
    void idleBucketsAreForgotten() {
        limiter.check("GET", "/x", "ip:1");
        limiter.check("GET", "/x", "ip:2");
        assertEquals(2, limiter.bucketCount());
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        limiter.evictIdle();
        assertEquals(0, limiter.bucketCount());
    }
}
