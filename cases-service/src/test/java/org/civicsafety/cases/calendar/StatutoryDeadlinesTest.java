package org.civicsafety.cases.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.civicsafety.cases.calendar.DeadlineCalendar.DayKind;
import org.junit.jupiter.api.Test;

class StatutoryDeadlinesTest {

    /** The 2026 official arrangement (the same rows the V2 migration seeds). */
    static DeadlineCalendar calendar2026() {
        Map<LocalDate, DayKind> m = new HashMap<>();
        holidays(m, "2026-01-01", 3);
        m.put(LocalDate.parse("2026-01-04"), DayKind.WORKDAY);
        m.put(LocalDate.parse("2026-02-14"), DayKind.WORKDAY);
        holidays(m, "2026-02-15", 9);
        m.put(LocalDate.parse("2026-02-28"), DayKind.WORKDAY);
        holidays(m, "2026-04-04", 3);
        holidays(m, "2026-05-01", 5);
        m.put(LocalDate.parse("2026-05-09"), DayKind.WORKDAY);
        holidays(m, "2026-06-19", 3);
        m.put(LocalDate.parse("2026-09-20"), DayKind.WORKDAY);
        holidays(m, "2026-09-25", 3);
        holidays(m, "2026-10-01", 7);
        m.put(LocalDate.parse("2026-10-10"), DayKind.WORKDAY);
        return new DeadlineCalendar(m);
    }

    private static void holidays(Map<LocalDate, DayKind> m, String first, int days) {
        for (int i = 0; i < days; i++) {
            m.put(LocalDate.parse(first).plusDays(i), DayKind.HOLIDAY);
        }
    }

    private final DeadlineCalendar cal = calendar2026();
    private final StatutoryDeadlines d = new StatutoryDeadlines(cal);

    /** Noon in Shanghai on that day. */
    private static Instant at(String day) {
        return OffsetDateTime.parse(day + "T12:00:00+08:00").toInstant();
    }

    private static String day(OffsetDateTime deadline) {
        return deadline.toLocalDate().toString();
    }

    @Test
    void workingDaysFollowTheHolidayTableAndAdjustedWorkdays() {
        assertTrue(cal.isWorkingDay(LocalDate.parse("2026-01-04")), "Sunday 4 Jan is an adjusted working day");
        assertTrue(cal.isWorkingDay(LocalDate.parse("2026-02-14")), "Saturday 14 Feb is an adjusted working day");
        assertFalse(cal.isWorkingDay(LocalDate.parse("2026-02-16")), "Monday 16 Feb is Spring Festival");
        assertFalse(cal.isWorkingDay(LocalDate.parse("2026-03-07")), "an ordinary Saturday");
        assertTrue(cal.isWorkingDay(LocalDate.parse("2026-03-09")), "an ordinary Monday");
    }

    @Test
    void deadlineIsTheEndOfTheLastDayInShanghai() {
        assertEquals("2026-03-17T23:59:59+08:00", d.triageDue(at("2026-03-02")).toString());
    }

    @Test
    void triageIs15CalendarDaysStartDayNotCounted() {
        assertEquals("2026-03-17", day(d.triageDue(at("2026-03-02"))));
    }

    @Test
    void theStartDayIsTheShanghaiDate() {
        // 17:00 UTC on 1 March is already 2 March in Shanghai.
        assertEquals("2026-03-17", day(d.triageDue(Instant.parse("2026-03-01T17:00:00Z"))));
        assertEquals("2026-03-16", day(d.triageDue(Instant.parse("2026-03-01T15:00:00Z"))));
    }

    @Test
    void aDeadlineOnAWeekendMovesToMonday() {
        // 6 Mar (Fri) + 15 = 21 Mar (Sat) → 23 Mar (Mon).
        assertEquals("2026-03-23", day(d.triageDue(at("2026-03-06"))));
    }

    @Test
    void aDeadlineInAHolidayMovesPastTheWholeHoliday() {
        // 16 Sep + 15 = 1 Oct, National Day holiday until 7 Oct → 8 Oct.
        assertEquals("2026-10-08", day(d.triageDue(at("2026-09-16"))));
    }

    @Test
    void acceptanceIs15CalendarDays() {
        // 4 Feb + 15 = 19 Feb, inside Spring Festival → 24 Feb.
        assertEquals("2026-02-24", day(d.acceptanceDue(at("2026-02-04"))));
    }

    @Test
    void objectionWindowIs5WorkingDaysCountingAdjustedWorkdays() {
        assertEquals("2026-03-13", day(d.objectionDue(at("2026-03-06"))));
        // 12, 13, 14 (adjusted Saturday), then the holiday, 24, 25.
        assertEquals("2026-02-25", day(d.objectionDue(at("2026-02-11"))));
    }

    @Test
    void handlingIs60DaysFromAcceptance() {
        // 2 Mar + 60 = 1 May (Labour Day, until 5 May) → 6 May.
        assertEquals("2026-05-06", day(d.handlingDue(at("2026-03-02"), 0)));
    }

    @Test
    void theSingleExtensionAddsAtMost30Days() {
        // 2 Mar + 90 = 31 May (Sun) → 1 Jun.
        assertEquals("2026-06-01", day(d.handlingDue(at("2026-03-02"), 30)));
        assertThrows(IllegalArgumentException.class, () -> d.handlingDue(at("2026-03-02"), 31));
        assertThrows(IllegalArgumentException.class, () -> d.handlingDue(at("2026-03-02"), -1));
    }

    @Test
    void petitionerWindowsAndReviewAre30Days() {
        assertEquals("2026-02-04", day(d.answerWindowDue(at("2026-01-05"))));
        assertEquals("2026-04-08", day(d.reviewDue(at("2026-03-09"))));
        // 10 Sep + 30 = 10 Oct, an adjusted working Saturday: stays.
        assertEquals("2026-10-10", day(d.reviewWindowDue(at("2026-09-10"))));
    }

    @Test
    void hearingTimeIsNotCountedInTheReReview() {
        assertEquals("2026-04-01", day(d.reReviewDue(at("2026-03-02"), 0)));
        // Paused 5 days: 2 Mar + 35 = 6 Apr (Qingming) → 7 Apr.
        assertEquals("2026-04-07", day(d.reReviewDue(at("2026-03-02"), 5)));
    }

    @Test
    void hearingPauseCountsCalendarDaysInShanghai() {
        assertEquals(3, StatutoryDeadlines.hearingPausedDays(
                OffsetDateTime.parse("2026-03-10T10:00:00+08:00").toInstant(),
                OffsetDateTime.parse("2026-03-13T09:00:00+08:00").toInstant()));
        assertEquals(0, StatutoryDeadlines.hearingPausedDays(at("2026-03-10"), at("2026-03-10")));
    }
}
