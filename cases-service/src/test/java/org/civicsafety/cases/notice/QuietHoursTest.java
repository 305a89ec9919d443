package org.civicsafety.cases.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** 22:00–08:00 Asia/Shanghai (UTC+8), tested at fixed instants. */
class QuietHoursTest {

    private static Optional<Instant> at(String shanghai) {
        return QuietHours.deferUntil(Instant.parse(shanghai.replace("+08:00", "Z")).minusSeconds(8 * 3600));
    }

    private static Optional<Instant> until(String shanghai) {
        return Optional.of(Instant.parse(shanghai.replace("+08:00", "Z")).minusSeconds(8 * 3600));
    }

    @Test
    void daytimeSendsAtOnce() {
        assertEquals(Optional.empty(), at("2026-12-01T08:00:00+08:00"));
        assertEquals(Optional.empty(), at("2026-12-01T13:30:00+08:00"));
        assertEquals(Optional.empty(), at("2026-12-01T21:59:59+08:00"));
    }

    @Test
    void eveningWaitsForTheNextMorning() {
        assertEquals(until("2026-12-02T08:00:00+08:00"), at("2026-12-01T22:00:00+08:00"));
        assertEquals(until("2026-12-02T08:00:00+08:00"), at("2026-12-01T23:59:00+08:00"));
        assertEquals(until("2027-01-01T08:00:00+08:00"), at("2026-12-31T23:00:00+08:00"));
    }

    @Test
    void earlyMorningWaitsForEightTheSameDay() {
        assertEquals(until("2026-12-02T08:00:00+08:00"), at("2026-12-02T00:00:00+08:00"));
        assertEquals(until("2026-12-02T08:00:00+08:00"), at("2026-12-02T07:59:59+08:00"));
    }

    @Test
    void countsInShanghaiWhateverTheInstantsZone() {
        // 14:00 UTC is 22:00 in Shanghai
        assertEquals(Optional.of(Instant.parse("2026-12-02T00:00:00Z")),
                QuietHours.deferUntil(Instant.parse("2026-12-01T14:00:00Z")));
        assertEquals(Optional.empty(), QuietHours.deferUntil(Instant.parse("2026-12-01T13:59:59Z")));
    }
}
