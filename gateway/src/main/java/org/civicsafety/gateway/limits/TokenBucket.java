package org.civicsafety.gateway.limits;

/**
 * A token bucket: {@code capacity} requests at once, refilled evenly over {@code periodNanos}.
 * Smooth (no burst at window edges) and tells how long until the next request would pass.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(int capacity, long periodNanos, long now) {
        this.capacity = capacity;
        this.perNano = capacity / (double) periodNanos;
        this.tokens = capacity;
        this.last = now;
    }

    /** Takes one token; returns 0 when allowed, else the nanoseconds until one is available. */
    synchronized long tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** True when the bucket is full again, i.e. indistinguishable from a fresh one. */
    synchronized boolean idle(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long elapsed = Math.max(0, now - last);
        tokens = Math.min(capacity, tokens + elapsed * perNano);
        last = now;
    }
}
