package org.civicsafety.grid.incident;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Plain unit tests of the periods statistics are grouped by, in Asia/Shanghai. */
class StatsPeriodsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static OffsetDateTime at(String t) {
        return OffsetDateTime.parse(t);
    }

    @Test
    void monthsAreCalendarMonthsInShanghaiEveryOneListed() {
        // 16:30 UTC on 31 October is already 1 November in Shanghai
        List<StatsPeriods.Period> months = StatsPeriods.between(StatsGrouping.MONTH, at("2026-09-30T16:30:00Z"),
                at("2026-12-01T00:00:00+08:00"), SHANGHAI);
        assertEquals(List.of("2026-10", "2026-11"), months.stream().map(StatsPeriods.Period::key).toList());
        assertEquals(at("2026-10-01T00:00:00+08:00"), months.get(0).from());
        assertEquals("+08:00", months.get(0).from().getOffset().getId());
        assertEquals(at("2026-11-01T00:00:00+08:00"), months.get(0).to());
        assertEquals(at("2026-12-01T00:00:00+08:00"), months.get(1).to());
        // a range inside one month is that month; one crossing the year lists both sides
        assertEquals(List.of("2026-12"), keys(StatsGrouping.MONTH, "2026-12-05T10:00:00+08:00",
                "2026-12-05T11:00:00+08:00"));
        assertEquals(List.of("2026-11", "2026-12", "2027-01"), keys(StatsGrouping.MONTH,
                "2026-11-30T23:00:00+08:00", "2027-01-01T00:00:01+08:00"));
    }

    @Test
    void weeksAreIsoWeeksStartingMondayInShanghai() {
        // Monday 30 November 2026 00:30 in Shanghai is Sunday 16:30 UTC: week 49, not 48
        List<StatsPeriods.Period> weeks = StatsPeriods.between(StatsGrouping.WEEK, at("2026-11-29T16:30:00Z"),
                at("2026-12-07T00:00:00+08:00"), SHANGHAI);
        assertEquals(List.of("2026-W49"), weeks.stream().map(StatsPeriods.Period::key).toList());
        assertEquals(at("2026-11-30T00:00:00+08:00"), weeks.get(0).from());
        assertEquals(at("2026-12-07T00:00:00+08:00"), weeks.get(0).to());
        assertEquals(List.of("2026-W48", "2026-W49"), keys(StatsGrouping.WEEK, "2026-11-29T15:30:00Z",
                "2026-11-29T16:30:00Z"));
        // the ISO week-based year: 1 January 2027 (a Friday) lies in 2026-W53, 4 January 2027 in 2027-W01
        assertEquals(List.of("2026-W53", "2027-W01"), keys(StatsGrouping.WEEK, "2027-01-01T12:00:00+08:00",
                "2027-01-04T12:00:00+08:00"));
    }

    @Test
    void defaultRangeIsTwelvePeriodsEndingWithTheOneHoldingTo() {
        OffsetDateTime to = at("2026-12-05T10:00:00+08:00");
        OffsetDateTime from = StatsPeriods.defaultFrom(StatsGrouping.MONTH, to, SHANGHAI);
        assertEquals(at("2026-01-01T00:00:00+08:00"), from);
        List<StatsPeriods.Period> months = StatsPeriods.between(StatsGrouping.MONTH, from, to, SHANGHAI);
        assertEquals(12, months.size());
        assertEquals("2026-12", months.get(11).key());
        assertEquals(12, StatsPeriods.count(StatsGrouping.MONTH, from, to, SHANGHAI));
        // to on a boundary: the periods before it
        OffsetDateTime monday = at("2026-11-30T00:00:00+08:00");
        List<StatsPeriods.Period> weeks = StatsPeriods.between(StatsGrouping.WEEK,
                StatsPeriods.defaultFrom(StatsGrouping.WEEK, monday, SHANGHAI), monday, SHANGHAI);
        assertEquals(12, weeks.size());
        assertEquals("2026-W48", weeks.get(11).key());
        assertEquals(monday, weeks.get(11).to());
    }

    @Test
    void countMatchesTheListAndAnEmptyRangeHasNoPeriods() {
        assertEquals(0, StatsPeriods.count(StatsGrouping.WEEK, at("2026-12-05T00:00:00Z"),
                at("2026-12-05T00:00:00Z"), SHANGHAI));
        assertEquals(List.of(), keys(StatsGrouping.WEEK, "2026-12-05T00:00:00Z", "2026-12-04T00:00:00Z"));
        OffsetDateTime from = at("2016-03-03T00:00:00Z");
        OffsetDateTime to = at("2026-12-05T00:00:00Z");
        for (StatsGrouping by : List.of(StatsGrouping.MONTH, StatsGrouping.WEEK)) {
            assertEquals(StatsPeriods.between(by, from, to, SHANGHAI).size(),
                    StatsPeriods.count(by, from, to, SHANGHAI));
        }
        assertThrows(IllegalArgumentException.class, () -> StatsPeriods.between(StatsGrouping.UNIT, from, to,
                SHANGHAI));
    }

    @Test
    void groupingsParseTheirWireNamesOnly() {
        assertEquals(StatsGrouping.CHILD_AREA, StatsGrouping.parse("childArea").orElseThrow());
        assertEquals(StatsGrouping.WEEK, StatsGrouping.parse("week").orElseThrow());
        assertEquals(true, StatsGrouping.parse("CHILD_AREA").isEmpty());
        assertEquals(true, StatsGrouping.parse("day").isEmpty());
    }

    private static List<String> keys(StatsGrouping by, String from, String to) {
        return StatsPeriods.between(by, at(from), at(to), SHANGHAI).stream().map(StatsPeriods.Period::key).toList();
    }
}
