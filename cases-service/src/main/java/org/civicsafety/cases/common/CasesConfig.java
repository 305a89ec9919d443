package org.civicsafety.cases.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cases")
public interface CasesConfig {

    /** Base64 AES-256 key encrypting petitioner data at rest. */
    String encryptionKey();

    /** Base64 key of the HMAC that makes the pseudonymous petitionerRef. */
    String pseudonymKey();

    /** How often the deadline job looks for passed deadlines and lapsed windows (read by its @Scheduled). */
    @WithDefault("30s")
    String deadlineJobInterval();

    Kafka kafka();

    interface Kafka {
        @WithDefault("civicsafety.cases.v1")
        String topic();

        @WithDefault("civicsafety.areas.v1")
        String areasTopic();

        @WithDefault("cases-service")
        String groupId();

        /**
         * Where a consumer group without committed offsets starts on the areas topic: {@code earliest}
         * (a new instance must learn every area); tests use {@code latest} and publish their own areas.
         */
        @WithDefault("earliest")
        String areasOffsetReset();

        @WithDefault("true")
        boolean consumerEnabled();
    }
}
