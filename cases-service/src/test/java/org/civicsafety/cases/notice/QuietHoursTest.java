package org.civicsafety.cases.notice;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Quiet hours, 22:00-08:00 Asia/Shanghai, with fixed clocks. */
class QuietHoursTest {
    private static final QuietHours ON = new QuietHours(true);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant at(String shanghaiLocal) {
        return Clock.fixed(java.time.LocalDateTime.parse(shanghaiLocal).atZone(SHANGHAI).toInstant(), SHANGHAI)
                .instant();
    }

    @Test
    void daytimeTextsGoAtOnce() {
        assertEquals(Optional.empty(), ON.deferral(at("2026-12-05T08:00:00"), false));
        assertEquals(Optional.empty(), ON.deferral(at("2026-12-05T14:30:00"), false));
        assertEquals(Optional.empty(), ON.deferral(at("2026-12-05T21:59:59"), false));
    }

    @Test
    void eveningTextsWaitForTheNextMorning() {
        assertEquals(Optional.of(at("2026-12-06T08:00:00")), ON.deferral(at("2026-12-05T22:00:00"), false));
        assertEquals(Optional.of(at("2026-12-06T08:00:00")), ON.deferral(at("2026-12-05T23:59:00"), false));
        // across the end of a month and a year
        assertEquals(Optional.of(at("2027-01-01T08:00:00")), ON.deferral(at("2026-12-31T22:30:00"), false));
    }

    @Test
    void nightTextsWaitForThisMorning() {
        assertEquals(Optional.of(at("2026-12-06T08:00:00")), ON.deferral(at("2026-12-06T00:00:00"), false));
        assertEquals(Optional.of(at("2026-12-06T08:00:00")), ON.deferral(at("2026-12-06T07:59:59"), false));
    }

    @Test
    void theHoursAreShanghaisWhateverTheInstantsZone() {
        // 15:00 UTC is 23:00 in Shanghai
        assertEquals(Optional.of(Instant.parse("2026-12-06T00:00:00Z")),
                ON.deferral(Instant.parse("2026-12-05T15:00:00Z"), false));
    }

    @Test
    void urgentTextsAndDisabledQuietHoursNeverWait() {
        Instant night = at("2026-12-06T02:00:00");
        assertEquals(Optional.empty(), ON.deferral(night, true));
        assertEquals(Optional.empty(), new QuietHours(false).deferral(night, false));
        assertEquals(night, ON.sendAt(night, true));
        assertEquals(at("2026-12-06T08:00:00"), ON.sendAt(night, false));
    }
}
