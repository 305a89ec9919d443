package org.civicsafety.cases.notice;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry table of notices.md: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then every 12 h; given up after 24 h. */
class BackoffTest {
    private static final Instant FIRST = Instant.parse("2026-12-05T02:00:00Z");

    @Test
    void theTableOfPauses() {
        List<Duration> pauses = new ArrayList<>();
        for (int failures = 1; failures <= 9; failures++) {
            pauses.add(Backoff.delay(failures));
        }
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(12), Duration.ofHours(12),
                Duration.ofHours(12)), pauses);
        assertThrows(IllegalArgumentException.class, () -> Backoff.delay(0));
    }

    @Test
    void aReceiverDownForGoodIsTriedForAtLeast24HoursThenGivenUp() {
        Instant now = FIRST;
        List<Instant> attempts = new ArrayList<>(List.of(now));
        Optional<Instant> next;
        for (int failures = 1; (next = Backoff.retryAt(failures, FIRST, now)).isPresent(); failures++) {
            now = next.get();
            attempts.add(now);
        }
        // tries at 0, 1 min, 6 min, 36 min, 2 h 36, 8 h 36, 20 h 36 and 32 h 36; the failure at 32 h 36 gives up
        assertEquals(8, attempts.size());
        assertEquals(FIRST.plus(Duration.ofHours(20).plusMinutes(36)), attempts.get(6));
        assertEquals(FIRST.plus(Duration.ofHours(32).plusMinutes(36)), attempts.get(7));
        assertTrue(Duration.between(FIRST, attempts.get(attempts.size() - 1)).compareTo(Duration.ofHours(24)) >= 0);
    }

    @Test
    void aFailureJustBefore24HoursIsRetriedAndOneAtThemIsNot() {
        Instant almost = FIRST.plus(Duration.ofHours(24)).minusSeconds(1);
        assertEquals(Optional.of(almost.plus(Duration.ofHours(12))), Backoff.retryAt(7, FIRST, almost));
        assertEquals(Optional.empty(), Backoff.retryAt(7, FIRST, FIRST.plus(Duration.ofHours(24))));
    }
}
