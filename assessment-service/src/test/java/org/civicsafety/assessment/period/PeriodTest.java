package org.civicsafety.assessment.period;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PeriodTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    @Test
    void parsesEveryKind() {
        Period r = Period.parse("running", TODAY, 90);
        assertEquals(LocalDate.of(2026, 8, 24), r.start()); // 90 days including today
        assertEquals(TODAY, r.end());
        assertEquals(LocalDate.of(2026, 2, 28), Period.parse("2026-02", TODAY, 90).end());
        Period q = Period.parse("2026-Q4", TODAY, 90);
        assertEquals(LocalDate.of(2026, 10, 1), q.start());
        assertEquals(LocalDate.of(2026, 12, 31), q.end());
        assertEquals(LocalDate.of(2025, 1, 1), Period.parse("2025", TODAY, 90).start());
        for (String bad : List.of("2026-13", "2026-Q5", "26", "last-week", "2026-1")) {
            assertThrows(IllegalArgumentException.class, () -> Period.parse(bad, TODAY, 90), bad);
        }
    }

    @Test
    void lateEventsForTenDaysThenFrozen() {
        Period oct = Period.parse("2026-10", TODAY, 90);
        assertFalse(oct.frozen(LocalDate.of(2026, 11, 10), 10), "10 days after the end: still open");
        assertTrue(oct.frozen(LocalDate.of(2026, 11, 11), 10), "11 days after: frozen");
        assertFalse(Period.parse("running", TODAY, 90).frozen(TODAY.plusYears(1), 10));
    }

    @Test
    void previousPeriodsAndContainment() {
        assertEquals("2026-10", Period.parse("2026-11", TODAY, 90).previous().key());
        assertEquals("2025-12", Period.parse("2026-01", TODAY, 90).previous().key());
        assertEquals("2025-Q4", Period.parse("2026-Q1", TODAY, 90).previous().key());
        assertEquals("2025", Period.parse("2026", TODAY, 90).previous().key());
        Period prevRunning = Period.parse("running", TODAY, 90).previous();
        assertEquals(LocalDate.of(2026, 8, 23), prevRunning.end());
        assertEquals(LocalDate.of(2026, 5, 26), prevRunning.start());
        assertEquals(List.of("2026-11", "2026-Q4", "2026"),
                Period.containing(TODAY).stream().map(Period::key).toList());
    }
}
