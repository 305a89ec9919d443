package org.civicsafety.cases.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsLongerAfterEachFailureThenEveryTwelveHours() {
        assertEquals(Duration.ofMinutes(1), Backoff.delayAfter(1));
        assertEquals(Duration.ofMinutes(5), Backoff.delayAfter(2));
        assertEquals(Duration.ofMinutes(30), Backoff.delayAfter(3));
        assertEquals(Duration.ofHours(2), Backoff.delayAfter(4));
        assertEquals(Duration.ofHours(6), Backoff.delayAfter(5));
        assertEquals(Duration.ofHours(12), Backoff.delayAfter(6));
        assertEquals(Duration.ofHours(12), Backoff.delayAfter(7));
        assertEquals(Duration.ofHours(12), Backoff.delayAfter(40));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldComeMoreThanADayAfterTheFirst() {
        Instant first = Instant.parse("2026-12-01T00:00:00Z");
        assertEquals(first.plus(Duration.ofMinutes(1)), Backoff.nextAttempt(first, 1, first));
        Instant sixth = first.plus(Duration.ofHours(9)); // 1 + 5 + 30 min + 2 h + 6 h after the first, roughly
        assertEquals(sixth.plus(Duration.ofHours(12)), Backoff.nextAttempt(first, 6, sixth));
        Instant seventh = sixth.plus(Duration.ofHours(12));
        assertNull(Backoff.nextAttempt(first, 7, seventh), "21 h + 12 h is past the 24 h");
    }
}
