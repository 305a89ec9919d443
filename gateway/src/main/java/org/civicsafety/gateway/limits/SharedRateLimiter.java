package org.civicsafety.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import org.civicsafety.gateway.routing.CircuitBreaker;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * The rate limits every gateway instance enforces together: decisions are taken in Redis
 * ({@link RedisBuckets}), so the configured rate holds across replicas. When Redis fails or is
 * slower than its timeout the request is decided by this instance's own buckets instead
 * ({@link RateLimiter}: the same limits, per instance) — the gateway keeps serving, with limits
 * that are only as tight as one instance's. A breaker keeps a dead store from costing every
 * request its timeout: after a failure, Redis is asked again only by one probe per retry
 * interval (a request, or {@link #probe()} when there is no traffic), and the first answer brings
 * the shared limits back.
 */
public final class SharedRateLimiter {

    private static final Logger LOG = Logger.getLogger(SharedRateLimiter.class);

    private final RateLimiter local;
    private final RedisBuckets store;
    private final CircuitBreaker breaker;
    private final Counter fallbacks;

    SharedRateLimiter(RateLimiter local, RedisBuckets store, Duration retryInterval, MeterRegistry registry) {
        this.local = local;
        this.store = store;
        this.breaker = new CircuitBreaker(1, retryInterval, System::nanoTime);
        Gauge.builder("civic_gateway_rate_limit_store_shared", this, l -> l.shared() ? 1 : 0)
                .description(
                        "1 while rate limits are decided in the shared store, 0 while this instance falls back to its own")
                .register(registry);
        this.fallbacks = Counter.builder("civic_gateway_rate_limit_fallback_decisions")
                .description(
                        "Rate-limit decisions taken by this instance alone because the shared store failed or was slow")
                .register(registry);
    }

    public Future<RateLimiter.Decision> check(String method, String path, String client) {
        Optional<RateLimiter.Group> group = local.groupFor(method, path);
        if (group.isEmpty()) {
            return Future.succeededFuture(new RateLimiter.Decision(true, 0, null));
        }
        RateLimiter.Group g = group.get();
        if (!breaker.tryAcquire()) {
            return Future.succeededFuture(fallback(method, path, client));
        }
        return store.take(g, client)
                .map(verdict -> {
                    storeAnswered();
                    return verdict.allowed()
                            ? new RateLimiter.Decision(true, 0, g.name())
                            : new RateLimiter.Decision(false, Math.max(1, (verdict.waitMicros() + 999_999) / 1_000_000),
                                    g.name());
                })
                .recover(e -> {
                    if (breaker.state() == CircuitBreaker.State.CLOSED) {
                        LOG.warnf("rate-limit store unavailable (%s); limiting per instance until it is back",
                                e.getMessage());
                    }
                    breaker.onFailure();
                    return Future.succeededFuture(fallback(method, path, client));
                });
    }

    /** True while decisions are taken in the shared store (false from a failure until a probe succeeds). */
    public boolean shared() {
        return breaker.state() == CircuitBreaker.State.CLOSED;
    }

    /** Asks the store whether it is back, if it is due to be asked; keeps health and metrics true on an idle instance. */
    public void probe() {
        if (!shared() && breaker.tryAcquire()) {
            store.ping().onComplete(result -> {
                if (result.succeeded()) {
                    storeAnswered();
                } else {
                    breaker.onFailure();
                }
            });
        }
    }

    private void storeAnswered() {
        if (!shared()) {
            LOG.info("rate-limit store is back; limits are shared again");
        }
        breaker.onSuccess();
    }

    /** Forgets the local buckets that filled up again. */
    public void evictIdle() {
        local.evictIdle();
    }

    private RateLimiter.Decision fallback(String method, String path, String client) {
        fallbacks.increment();
        return local.check(method, path, client);
    }
}
