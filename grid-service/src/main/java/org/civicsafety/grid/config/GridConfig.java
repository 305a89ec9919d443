package org.civicsafety.grid.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
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

    Notices notices();

    Webhooks webhooks();

    /** Notices (notices.md): the relay, the SMS provider, quiet hours, the sender of e-mail. */
    interface Notices {
        /** Pause between relay rounds when nothing is due (P7: commit to delivery p99 within 2 s). */
        @WithDefault("200ms")
        Duration interval();

        /** Deliveries claimed per relay round. */
        @WithDefault("20")
        int batchSize();

        /** How long a claimed delivery is held by its instance before another may take it over. */
        @WithDefault("60s")
        Duration lease();

        /** The sender of notice e-mail. */
        @WithDefault("notices@civicsafety.local")
        String from();

        Sms sms();

        QuietHours quietHours();

        /**
         * Signs the notices sent to units' webhook URLs (Standard Webhooks, {@code whsec_<base64>}); development and
         * tests have their own. Without one, units' webhooks are not sent: their deliveries are SUPPRESSED with the
         * reason (the service starts all the same).
         */
        Optional<String> unitWebhookSecret();

        /** The SMS provider's HTTP API (the local platform's capture endpoint stands in for it). */
        interface Sms {
            String url();

            /** Sent as {@code Authorization: Bearer <token>} when set. */
            Optional<String> token();
        }

        interface QuietHours {
            /** 22:00-08:00 Asia/Shanghai holds back non-urgent SMS; off in the test profile. */
            @WithDefault("true")
            boolean enabled();
        }
    }

    /** Partner webhook subscriptions (notices.md "Webhook subscriptions"). */
    interface Webhooks {
        /**
         * Hosts a subscription may name although they resolve to loopback, private or link-local addresses, and
         * the only ones that may be reached over plain http (the admin allow-list; the local platform and tests
         * allow 127.0.0.1 and localhost).
         */
        Optional<List<String>> allowedHosts();

        /** Connect and answer timeout of one delivery. */
        @WithDefault("10s")
        Duration timeout();
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

        /** The cases' events grid-service consumes (mediation outcomes); its DLQ is {@code <topic>.dlq}. */
        @WithDefault("civicsafety.cases.v1")
        String casesTopic();

        /** The consumer group, also named in the dead-letter headers of the records it parks. */
        @WithDefault("grid-service")
        String groupId();

        /** earliest so that a new group sees every mediation concluded since the topic began. */
        @WithDefault("earliest")
        String autoOffsetReset();

        /** Attempts per record before it goes to the DLQ. */
        @WithDefault("5")
        int maxAttempts();

        /** First retry delay; doubled on every further attempt. */
        @WithDefault("200ms")
        Duration backoff();

        @WithDefault("true")
        boolean consumerEnabled();
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
