package org.civicsafety.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import org.civicsafety.gateway.routing.CircuitBreaker;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The rate limits every gateway instance enforces together: decisions are taken in Redis
 * ({@link RedisBuckets}), so the configured rate holds across replicas; a busy client's tokens
 * are taken from it a few at a time ({@link LeasedBuckets}, which states the bounds), not one
 * round trip per request. When Redis fails or is
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
    private final LeasedBuckets leases;
    private final CircuitBreaker breaker;
    private final Counter fallbacks;

    SharedRateLimiter(RateLimiter local, RedisBuckets store, Duration retryInterval, MeterRegistry registry) {
        this(local, store, 32, Duration.ofSeconds(2), retryInterval, registry, System::nanoTime);
    }

    /** {@code nanoClock} times the store's breaker and the leases (tests move it instead of waiting). */
    SharedRateLimiter(RateLimiter local, RedisBuckets store, int maxLease, Duration leaseTtl, Duration retryInterval,
            MeterRegistry registry, LongSupplier nanoClock) {
        this.local = local;
        this.store = store;
        this.breaker = new CircuitBreaker(1, retryInterval, nanoClock);
        Gauge.builder("civic_gateway_rate_limit_store_shared", this, l -> l.shared() ? 1 : 0)
                .description(
                        "1 while rate limits are decided in the shared store, 0 while this instance falls back to its own")
                .register(registry);
        this.fallbacks = Counter.builder("civic_gateway_rate_limit_fallback_decisions")
                .description(
                        "Rate-limit decisions taken by this instance alone because the shared store failed or was slow")
                .register(registry);
        Counter roundTrips = Counter.builder("civic_gateway_rate_limit_store_round_trips")
                .description(
                        "Round trips to the shared rate-limit store (a busy client's tokens are leased a few at once)")
                .register(registry);
        this.leases = new LeasedBuckets(store, maxLease, leaseTtl, nanoClock, roundTrips::increment);
    }

    public Future<RateLimiter.Decision> check(String method, String path, String client) {
        Optional<RateLimiter.Group> group = local.groupFor(method, path);
        if (group.isEmpty()) {
            return Future.succeededFuture(new RateLimiter.Decision(true, 0, null));
        }
        RateLimiter.Group g = group.get();
        // a token leased from the store, or a refusal it gave, decides without a round trip (also while the store is out)
        LeasedBuckets.Answer held = leases.takeHeld(g, client);
        if (held != null) {
            return Future.succeededFuture(decision(g, held.verdict()));
        }
        if (!breaker.tryAcquire()) {
            return Future.succeededFuture(fallback(method, path, client));
        }
        return leases.take(g, client)
                .map(answer -> {
                    if (answer.asked()) {
                        storeAnswered();
                    } else {
                        // another request's lease arrived meanwhile: the store was not asked, nor is a probe due
                        breaker.onNeutral();
                    }
                    return decision(g, answer.verdict());
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

    private static RateLimiter.Decision decision(RateLimiter.Group g, RedisBuckets.Verdict verdict) {
        return verdict.allowed()
                ? new RateLimiter.Decision(true, 0, g.name())
                : new RateLimiter.Decision(false, Math.max(1, (verdict.waitMicros() + 999_999) / 1_000_000), g.name());
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

    /** Forgets the local buckets that filled up again, and the leases that hold nothing. */
    public void evictIdle() {
        local.evictIdle();
        leases.evictIdle();
    }

    private RateLimiter.Decision fallback(String method, String path, String client) {
        fallbacks.increment();
        return local.check(method, path, client);
    }
}
