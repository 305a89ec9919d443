package org.civicsafety.assessment.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

@ConfigMapping(prefix = "assessment")
public interface AssessmentConfig {
    Kafka kafka();

    Periods periods();

    Outbox outbox();

    Snapshot snapshot();

    /**
     * How long Idempotency-Keys (and their stored replies) are kept: at least 24 h (conventions.md), so a shorter
     * setting stops the service at start-up.
     */
    @WithDefault("48h")
    @DurationMin(hours = 24)
    Duration idempotencyRetention();

    interface Snapshot {
        /** How often dirty sibling groups are re-snapshotted (score.changed, warnings). */
        @WithDefault("250ms")
        Duration interval();
    }

    interface Kafka {
        @WithDefault("assessment-service")
        String groupId();

        /** earliest so that a new group reads the whole (compacted) area hierarchy. */
        @WithDefault("earliest")
        String autoOffsetReset();

        @WithDefault("civicsafety.areas.v1")
        String areasTopic();

        @WithDefault("civicsafety.grid.v1")
        String gridTopic();

        @WithDefault("civicsafety.cases.v1")
        String casesTopic();

        @WithDefault("civicsafety.assessment.v1")
        String assessmentTopic();

        /** Attempts per record before it goes to the DLQ. */
        @WithDefault("5")
        int maxAttempts();

        /** First retry delay; doubled on every further attempt. */
        @WithDefault("200ms")
        Duration backoff();

        @WithDefault("true")
        boolean consumerEnabled();
    }

    interface Periods {
        @WithDefault("Asia/Shanghai")
        String zone();

        @WithDefault("90")
        int runningDays();

        /** Days after a period's end during which late events still count; afterwards it is frozen. */
        @WithDefault("10")
        int lateDays();
    }

    interface Outbox {
        @WithDefault("150ms")
        Duration interval();

        @WithDefault("200")
        int batchSize();
    }
}
