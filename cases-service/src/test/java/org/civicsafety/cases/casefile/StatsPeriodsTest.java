package org.civicsafety.cases.casefile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsPeriodsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static List<String> keys(StatsGrouping by, String from, String to) {
        return StatsPeriods.between(by, OffsetDateTime.parse(from), OffsetDateTime.parse(to), SHANGHAI).stream()
                .map(StatsPeriods.Period::key).toList();
    }

    @Test
    void monthsAndIsoWeeksInShanghaiTime() {
        // 16:30 UTC on 30 November is already 1 December in Shanghai
        assertEquals(List.of("2026-12"), keys(StatsGrouping.MONTH, "2026-11-30T16:30:00Z", "2026-12-02T00:00:00Z"));
        assertEquals(List.of("2026-11", "2026-12"),
                keys(StatsGrouping.MONTH, "2026-11-30T15:30:00Z", "2026-12-02T00:00:00Z"));
        // Monday 30 November 2026 starts ISO week 49; 28 December 2026 is week 53, 4 January 2027 week 1 of 2027
        assertEquals(List.of("2026-W48", "2026-W49"),
                keys(StatsGrouping.WEEK, "2026-11-29T23:00:00+08:00", "2026-11-30T01:00:00+08:00"));
        assertEquals(List.of("2026-W53", "2027-W01"),
                keys(StatsGrouping.WEEK, "2026-12-28T00:00:00+08:00", "2027-01-05T00:00:00+08:00"));
    }

    @Test
    void periodsCarryTheirBoundsAndEndBeforeTo() {
        List<StatsPeriods.Period> p = StatsPeriods.between(StatsGrouping.MONTH,
                OffsetDateTime.parse("2026-11-15T00:00:00+08:00"), OffsetDateTime.parse("2027-01-01T00:00:00+08:00"),
                SHANGHAI);
        assertEquals(2, p.size(), "a range ending on a boundary has no period after it");
        assertEquals(OffsetDateTime.parse("2026-11-01T00:00:00+08:00"), p.get(0).from());
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00:00+08:00"), p.get(0).to());
    }

    @Test
    void theDefaultRangeIsTwelvePeriodsUpToTo() {
        OffsetDateTime to = OffsetDateTime.parse("2026-12-05T10:00:00+08:00");
        OffsetDateTime from = StatsPeriods.defaultFrom(StatsGrouping.MONTH, to, SHANGHAI);
        assertEquals(OffsetDateTime.parse("2026-01-01T00:00:00+08:00"), from);
        assertEquals(12, StatsPeriods.between(StatsGrouping.MONTH, from, to, SHANGHAI).size());
        assertEquals(12, StatsPeriods.count(StatsGrouping.WEEK,
                StatsPeriods.defaultFrom(StatsGrouping.WEEK, to, SHANGHAI), to, SHANGHAI));
    }
}
