package org.civicsafety.cases.reception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotsTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 10);

    @Test
    void theSpanIsDividedEquallyAndTheLastSlotEndsWithTheDay() {
        Slots.Span first = Slots.span(DAY, LocalTime.of(9, 0), LocalTime.of(12, 0), 12, 1);
        assertEquals(OffsetDateTime.parse("2026-12-10T09:00:00+08:00"), first.start());
        assertEquals(OffsetDateTime.parse("2026-12-10T09:15:00+08:00"), first.end());
        Slots.Span last = Slots.span(DAY, LocalTime.of(9, 0), LocalTime.of(12, 0), 12, 12);
        assertEquals(OffsetDateTime.parse("2026-12-10T11:45:00+08:00"), last.start());
        assertEquals(OffsetDateTime.parse("2026-12-10T12:00:00+08:00"), last.end());
        // 100 minutes among 3: to the second, without gaps
        Slots.Span second = Slots.span(DAY, LocalTime.of(14, 0), LocalTime.of(15, 40), 3, 2);
        assertEquals(OffsetDateTime.parse("2026-12-10T14:33:20+08:00"), second.start());
        assertEquals(Slots.span(DAY, LocalTime.of(14, 0), LocalTime.of(15, 40), 3, 3).start(), second.end());
        assertThrows(IllegalArgumentException.class, () -> Slots.span(DAY, LocalTime.NOON, LocalTime.MIDNIGHT, 3, 4));
    }

    @Test
    void aBookingTakesTheLowestFreeSlot() {
        assertEquals(1, Slots.firstFree(3, Set.of()));
        assertEquals(2, Slots.firstFree(3, Set.of(1, 3)));
        assertEquals(0, Slots.firstFree(3, Set.of(1, 2, 3)));
    }
}
