package org.civicsafety.gateway.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says where rate limits are decided. Always UP: without the shared store the gateway still
 * limits (per instance) and serves, and taking every replica out of the load balancer because
 * Redis is down would turn a weaker limit into an outage.
 */
@Readiness
@ApplicationScoped
public class RateLimitStoreReadiness implements HealthCheck {

    @Inject SharedRateLimiter limiter;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rate-limits").up()
                .withData("rateLimitStore", limiter.shared() ? "shared" : "local-fallback")
                .build();
    }
}
