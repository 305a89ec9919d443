package org.civicsafety.cases.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

@ConfigMapping(prefix = "cases")
public interface CasesConfig {

    /**
     * AES-256-GCM keys encrypting personal data at rest ({@code CASES_ENCRYPTION_KEYS},
     * {@code CASES_ENCRYPTION_KEY_ID}).
     */
    Keys encryption();

    /** HMAC-SHA256 keys of the pseudonymous petitionerRef ({@code CASES_PSEUDONYM_KEYS}, {@code CASES_PSEUDONYM_KEY_ID}). */
    Keys pseudonym();

    /**
     * Optional so that a missing key reaches {@code KeyCheck}, whose message says what to do, instead of
     * a generic "property not found".
     */
    interface Keys {
        /** Comma-separated {@code keyId:base64Key}, 32 bytes each; every listed key can read. */
        Optional<String> keys();

        /** The id of the key new data is written with. */
        Optional<String> currentKeyId();
    }

    Reencryption reencryption();

    interface Reencryption {
        /** How often the re-encryption job looks for rows on an old key (read by its @Scheduled). */
        @WithDefault("5m")
        String interval();

        /** Rows per transaction. */
        @WithDefault("200")
        int batchSize();
    }

    /** How long Idempotency-Key records (and their encrypted replies) are kept: at least 24 h (conventions.md). */
    @WithDefault("48h")
    @DurationMin(hours = 24)
    Duration idempotencyRetention();

    /** How often the deadline job looks for passed deadlines and lapsed windows (read by its @Scheduled). */
    @WithDefault("30s")
    String deadlineJobInterval();

    Kafka kafka();

    interface Kafka {
        @WithDefault("civicsafety.cases.v1")
        String topic();

        @WithDefault("civicsafety.areas.v1")
        String areasTopic();

        /** grid-service's unit directory, compacted like the areas. */
        @WithDefault("civicsafety.units.v1")
        String unitsTopic();

        /** grid-service's incident events: cases-service keeps the incidents a mediation may come from. */
        @WithDefault("civicsafety.grid.v1")
        String gridTopic();

        @WithDefault("cases-service")
        String groupId();

        /**
         * Where a consumer group without committed offsets starts on grid-service's topics (areas, units,
         * incidents): {@code earliest} (a new instance must learn every area, unit and incident); tests use
         * {@code latest} and publish their own.
         */
        @WithDefault("earliest")
        String directoryOffsetReset();

        @WithDefault("true")
        boolean consumerEnabled();
    }
}
