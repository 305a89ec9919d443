package org.civicsafety.grid.privacy;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.civicsafety.grid.config.GridConfig;
import org.jboss.logging.Logger;

/**
 * The service's personal-data cipher, built from {@code grid.encryption.*}. The settings are checked before
 * anything else starts: when they are missing, malformed, or (in the production profile) a development key, the
 * service logs one ERROR saying which environment variable to set and how, and exits with status 1.
 */
@ApplicationScoped
public class PersonalDataKeys {
    private static final Logger LOG = Logger.getLogger(PersonalDataKeys.class);

    @Produces
    @Singleton
    PersonalDataCipher cipher(GridConfig config) {
        return new PersonalDataCipher(keyring(config));
    }

    void check(@Observes @Priority(1) StartupEvent start, GridConfig config) {
        try {
            keyring(config);
        } catch (KeySettings.InvalidKeySettings e) {
            LOG.error("Refusing to start: " + e.getMessage());
            Quarkus.asyncExit(1);
        }
    }

    private static Keyring keyring(GridConfig config) {
        return KeySettings.parse(config.encryption().keys(), config.encryption().currentKeyId(),
                ConfigUtils.isProfileActive("prod"));
    }
}
