package org.civicsafety.gateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A per-instance circuit breaker: closed until {@code threshold} consecutive failures, then open
 * for {@code openDuration}; after that exactly one probe request is let through (half-open), whose
 * outcome closes or re-opens the breaker. So a dead instance costs callers nothing while open and
 * is found again by itself once it is back. A breaker opened by refused connections (nothing listens
 * there: an instance stopped or still starting) probes again sooner, after {@code refusedOpenDuration}:
 * such a probe costs one round trip and finds a new instance as soon as it listens.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int threshold;
    private final long openNanos;
    private final long refusedOpenNanos;
    private final LongSupplier clock;

    private State state = State.CLOSED;
    private int failures;
    /** While OPEN: when the next probe may go (clock nanos). */
    private long probeAt;
    private boolean probeInFlight;

    public CircuitBreaker(int threshold, Duration openDuration, LongSupplier nanoClock) {
        this(threshold, openDuration, openDuration, nanoClock);
    }

    public CircuitBreaker(int threshold, Duration openDuration, Duration refusedOpenDuration, LongSupplier nanoClock) {
        this.threshold = Math.max(1, threshold);
        this.openNanos = openDuration.toNanos();
        this.refusedOpenNanos = Math.min(refusedOpenDuration.toNanos(), openNanos);
        this.clock = nanoClock;
    }

    /** Asks to send a request; true means go ahead and report the outcome with {@link #onSuccess}/{@link #onFailure}. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED :
                return true;
            case OPEN :
                if (clock.getAsLong() - probeAt >= 0) {
                    state = State.HALF_OPEN;
                    probeInFlight = true;
                    return true;
                }
                return false;
            default :
                if (!probeInFlight) {
                    probeInFlight = true;
                    return true;
                }
                return false;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        probeInFlight = false;
    }

    public synchronized void onFailure() {
        failed(openNanos);
    }

    /** The connection was refused: nothing listens at the instance's address (yet). */
    public synchronized void onRefused() {
        failed(refusedOpenNanos);
    }

    private void failed(long openNanosIfOpening) {
        probeInFlight = false;
        if (state == State.HALF_OPEN || ++failures >= threshold) {
            state = State.OPEN;
            probeAt = clock.getAsLong() + openNanosIfOpening;
            failures = 0;
        }
    }

    /** A request that was let through ended without telling anything about the instance's health. */
    public synchronized void onNeutral() {
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Whole seconds until a probe will be let through (at least 1), for Retry-After. */
    public synchronized long secondsUntilProbe() {
        if (state != State.OPEN) {
            return 1;
        }
        long remaining = probeAt - clock.getAsLong();
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
}
