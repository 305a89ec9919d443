package org.civicsafety.grid.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** grid-service settings (prefix {@code grid}); every value can be overridden by environment variables. */
@ConfigMapping(prefix = "grid")
public interface GridConfig {

    Kafka kafka();

    Outbox outbox();

    Encryption encryption();

    IdempotencyKeys idempotency();

    Escalation escalation();

    Catalogue catalogue();

    Units units();

    Feedback feedback();

    /** The reporter's feedback on a resolution (回访, notices.md). */
    interface Feedback {
        /** How long after RESOLVE the reporter may answer before the incident closes without them. */
        @WithDefault("7d")
        Duration window();

        /** How often resolutions past the window are looked for. */
        @WithDefault("1m")
        String interval();
    }

    interface Units {
        /**
         * Whether a unit's webhook URL may be plain http to a loopback host (development and tests, where the
         * receiver runs on this machine); otherwise only https.
         */
        @WithDefault("false")
        boolean loopbackHttpWebhooks();
    }

    interface Catalogue {
        /**
         * How long an instance keeps the category catalogue before reading it again. A change made through this
         * instance shows at once; other instances see it within this time.
         */
        @WithDefault("5s")
        Duration ttl();
    }

    /**
     * Personal-data keys. Optional here so that a missing setting gets the service's own message naming the
     * environment variable (privacy/KeySettings) instead of a generic configuration error.
     */
    interface Encryption {
        /** {@code id:base64Key[,id:base64Key...]}, AES-256 (32 bytes) each; every listed key decrypts. */
        Optional<String> keys();

        /** The id of the key that encrypts new data. */
        Optional<String> currentKeyId();

        /**
         * How often the re-encryption job looks for rows on other keys ({@code off} disables it). Each look counts
         * the incident table in full, so it runs as seldom as cases-service's job.
         */
        @WithDefault("5m")
        String reencryptInterval();

        /** Rows re-encrypted per transaction. */
        @WithDefault("200")
        int reencryptBatchSize();
    }

    interface IdempotencyKeys {
        /** How long stored replies of creates are kept; the conventions ask for at least 24 h. */
        @WithDefault("48h")
        Duration retention();
    }

    interface Escalation {
        /** How often overdue incidents are looked for. */
        @WithDefault("30s")
        String interval();
    }

    interface Kafka {
        /** Defaults to the shared {@code kafka.bootstrap.servers}. */
        String bootstrapServers();

        @WithDefault("civicsafety.areas.v1")
        String areasTopic();

        @WithDefault("civicsafety.grid.v1")
        String gridTopic();

        /** The unit directory, compacted like the areas' topic. */
        @WithDefault("civicsafety.units.v1")
        String unitsTopic();

        @WithDefault("/grid-service")
        String source();
    }

    interface Outbox {
        /** Pause between relay rounds. */
        @WithDefault("150ms")
        Duration interval();

        /** Rows published per relay round. */
        @WithDefault("500")
        int batchSize();

        /** How long a round waits for Kafka acks before leaving the rows for the next round. */
        @WithDefault("15s")
        Duration ackTimeout();
    }
}
