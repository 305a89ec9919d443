package org.civicsafety.grid.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** grid-service settings (prefix {@code grid}); every value can be overridden by environment variables. */
@ConfigMapping(prefix = "grid")
public interface GridConfig {

    Kafka kafka();

    Outbox outbox();

    Crypto crypto();

    Escalation escalation();

    Catalogue catalogue();

    interface Catalogue {
        /**
         * How long an instance keeps the category catalogue before reading it again. A change made through this
         * instance shows at once; other instances see it within this time.
         */
        @WithDefault("5s")
        Duration ttl();
    }

    interface Crypto {
        /** Base64 AES-256 key for reporters' personal data (the default is for development only). */
        String key();
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
