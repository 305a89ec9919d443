package org.civicsafety.cases.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again (notices.md): 1 min, 5 min, 30 min, 2 h, 6 h, 12 h after the successive
 * failures, then every 12 h; a delivery that still fails 24 h after its first attempt is given up (FAILED; a
 * partner's webhook subscription is then disabled).
 */
public final class Backoff {
    static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12));
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private Backoff() {}

    /** The pause after the {@code failures}-th failed attempt in a row (1 for the first). */
    public static Duration delay(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures start at 1: " + failures);
        }
        return STEPS.get(Math.min(failures, STEPS.size()) - 1);
    }

    /**
     * When to try again after the {@code failures}-th failure at {@code now}, or empty when the delivery has been
     * failing for 24 h since {@code firstAttempt} and is given up.
     */
    public static Optional<Instant> retryAt(int failures, Instant firstAttempt, Instant now) {
        if (!now.isBefore(firstAttempt.plus(GIVE_UP_AFTER))) {
            return Optional.empty();
        }
        return Optional.of(now.plus(delay(failures)));
    }
}
