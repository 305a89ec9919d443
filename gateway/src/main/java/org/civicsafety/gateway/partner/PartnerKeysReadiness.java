package org.civicsafety.gateway.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready before the partner keys are read: a partner's valid key would be refused meanwhile. */
@Readiness
@ApplicationScoped
public class PartnerKeysReadiness implements HealthCheck {

    @Inject PartnerKeys keys;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("partner-keys").status(keys.loaded()).build();
    }
}
