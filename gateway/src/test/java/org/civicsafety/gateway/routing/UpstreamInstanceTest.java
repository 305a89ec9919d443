package org.civicsafety.gateway.routing;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a connection that could not be opened counts against an instance's breaker (proxied and composed calls). */
class UpstreamInstanceTest {

    private final AtomicLong now = new AtomicLong();

    /** An instance whose breaker opens after 3 failures (5 s, 500 ms when refused), after 3 failed connects. */
    private Upstream.Instance failedThrice(Throwable cause) {
        Upstream.Instance instance = new Upstream.Instance(URI.create("http://127.0.0.1:1"), null, null,
                new CircuitBreaker(3, Duration.ofSeconds(5), Duration.ofMillis(500), now::get));
        for (int i = 0; i < 3; i++) {
            instance.connectFailed(cause);
        }
        return instance;
    }

    @Test
    void aRefusedConnectionIsProbedAgainAfterTheShortPeriod() {
        Upstream.Instance refused = failedThrice(new ConnectException("Connection refused"));
        assertEquals(CircuitBreaker.State.OPEN, refused.breaker().state());
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertTrue(refused.breaker().tryAcquire());
    }

    @Test
    void aConnectThatTimedOutWaitsTheFullOpenPeriod() {
        Upstream.Instance silent = failedThrice(new ConnectTimeoutException("connection timed out"));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertFalse(silent.breaker().tryAcquire(), "a timeout is not a refusal");
        assertEquals(5, silent.breaker().secondsUntilProbe());
        now.addAndGet(Duration.ofMillis(4500).toNanos());
        assertTrue(silent.breaker().tryAcquire());
    }

    @Test
    void anyOtherFailureToConnectWaitsTheFullOpenPeriod() {
        Upstream.Instance broken = failedThrice(new javax.net.ssl.SSLHandshakeException("bad certificate"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertFalse(broken.breaker().tryAcquire());
    }
}
