package org.civicsafety.gateway.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.civicsafety.gateway.config.GatewayConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds the gateway's rate limiter from configuration, on the Redis client of quarkus.redis.hosts. */
@ApplicationScoped
public class RateLimits {

    @Produces
    @Singleton
    SharedRateLimiter limiter(GatewayConfig config, Vertx vertx, Redis redis, MeterRegistry registry) {
        GatewayConfig.RateLimitStore store = config.rateLimitStore();
        SharedRateLimiter limiter = new SharedRateLimiter(new RateLimiter(groups(config), System::nanoTime),
                new RedisBuckets(vertx, redis, store.keyPrefix(), store.timeout()), store.maxLease(), store.leaseTtl(),
                store.retryInterval(), registry, System::nanoTime);
        vertx.setPeriodic(60_000, id -> limiter.evictIdle());
        vertx.setPeriodic(Math.max(1, store.retryInterval().toMillis()), id -> limiter.probe());
        return limiter;
    }

    static List<RateLimiter.Group> groups(GatewayConfig config) {
        List<RateLimiter.Group> groups = new ArrayList<>();
        config.rateLimits().forEach((name, group) -> groups.add(new RateLimiter.Group(name, group.paths(),
                Set.copyOf(group.methods().orElse(List.of()).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList()),
                group.requests(), group.period())));
        return groups;
    }
}
