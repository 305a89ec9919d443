package org.civicsafety.cases.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a failed delivery is tried again (notice design "Relay"): 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then every
 * 12 h; a delivery still failing 24 h after its first attempt has failed for good.
 */
public final class Backoff {

    static final List<Duration> DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12));
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private Backoff() {}

    /** The wait after the {@code failures}-th failed attempt (1 = the first). */
    public static Duration delayAfter(int failures) {
        return DELAYS.get(Math.min(Math.max(failures, 1), DELAYS.size()) - 1);
    }

    /**
     * When to try again after a failure at {@code now}, or null when the delivery has failed for good: its next
     * attempt would come more than 24 h after the first.
     */
    public static Instant nextAttempt(Instant firstAttempt, int failures, Instant now) {
        Instant next = now.plus(delayAfter(failures));
        return next.isAfter(firstAttempt.plus(GIVE_UP_AFTER)) ? null : next;
    }
}
