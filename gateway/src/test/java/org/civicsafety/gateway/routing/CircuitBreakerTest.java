package org.civicsafety.gateway.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(5), Duration.ofMillis(500),
            now::get);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        assertEquals(5, breaker.secondsUntilProbe());
    }

    @Test
    void halfOpenLetsOneProbeThroughWhichClosesOrReopens() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(breaker.tryAcquire(), "probe");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "only one probe at a time");
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void refusedConnectionsProbeSoonerThanOtherFailures() {
        for (int i = 0; i < 3; i++) {
            breaker.onRefused();
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(Duration.ofMillis(499).toNanos());
        assertFalse(breaker.tryAcquire(), "still open just before the short period ends");
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertTrue(breaker.tryAcquire(), "a starting instance is probed again after 500 ms");
        breaker.onFailure();
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertFalse(breaker.tryAcquire(), "an instance that accepted and then failed waits the full open period");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }
}
