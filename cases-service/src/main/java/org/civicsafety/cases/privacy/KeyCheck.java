package org.civicsafety.cases.privacy;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import org.civicsafety.cases.common.CasesConfig;
import org.jboss.logging.Logger;

/**
 * Refuses to start without usable personal-data keys, and outside the dev and test profiles also with the
 * development keys published in this repository (conventions.md "Keys"). Runs before any other start-up
 * observer, so nothing is written with a key that is about to be refused.
 */
@ApplicationScoped
public class KeyCheck {

    private static final Logger LOG = Logger.getLogger(KeyCheck.class);

    @Inject CasesConfig config;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent e) {
        boolean developmentKeysAllowed = ConfigUtils.getProfiles().stream()
                .anyMatch(p -> p.equals("dev") || p.equals("test"));
        List<String> problems = KeySettings.problems(config, developmentKeysAllowed);
        if (!problems.isEmpty()) {
            LOG.error("cases-service refuses to start: " + String.join("; ", problems));
            // Quarkus prints a ConfigurationException's message alone (no stack trace) and exits with status 1.
            throw new ConfigurationException("cases-service has no usable personal-data keys (see the ERROR above)");
        }
    }
}
