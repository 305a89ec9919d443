package org.civicsafety.grid.incident;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The calendar periods statistics are grouped by, in a time zone: months keyed {@code 2026-11}, ISO weeks (Monday
 * first) keyed {@code 2026-W49}. Plain Java: the keys must be the ones the SQL grouping writes (to_char with
 * {@code YYYY-MM} and {@code IYYY-"W"IW} in the repository that groups).
 */
public final class StatsPeriods {
    /** The periods a grouping covers when {@code from} is not given: the one holding {@code to} and those before. */
    public static final int DEFAULT_COUNT = 12;
    /** The most periods one answer lists (ten years of weeks). */
    public static final int MAX_COUNT = 520;

    private StatsPeriods() {}

    /** A period: its key and its bounds [from, to) as date-times with the zone's offset. */
    public record Period(String key, OffsetDateTime from, OffsetDateTime to) {}

    /** The start of the default range: {@link #DEFAULT_COUNT} periods ending with the one holding {@code to}. */
    public static OffsetDateTime defaultFrom(StatsGrouping by, OffsetDateTime to, ZoneId zone) {
        // the instant just before to: a range ending on a boundary ends with the period before it
        ZonedDateTime last = start(by, to.minusNanos(1).atZoneSameInstant(zone));
        return plus(by, last, 1 - DEFAULT_COUNT).toOffsetDateTime();
    }

    /** Every period overlapping [from, to), in order; the first may start before from, the last end after to. */
    public static List<Period> between(StatsGrouping by, OffsetDateTime from, OffsetDateTime to, ZoneId zone) {
        List<Period> periods = new ArrayList<>();
        if (!from.isBefore(to)) {
            return periods;
        }
        for (ZonedDateTime s = start(by, from.atZoneSameInstant(zone)); s.toOffsetDateTime()
                .isBefore(to); s = plus(by, s, 1)) {
            periods.add(new Period(key(by, s), s.toOffsetDateTime(), plus(by, s, 1).toOffsetDateTime()));
        }
        return periods;
    }

    /** The number of periods overlapping [from, to), without listing them. */
    public static long count(StatsGrouping by, OffsetDateTime from, OffsetDateTime to, ZoneId zone) {
        if (!from.isBefore(to)) {
            return 0;
        }
        ZonedDateTime first = start(by, from.atZoneSameInstant(zone));
        ZonedDateTime last = start(by, to.minusNanos(1).atZoneSameInstant(zone));
        return (by == StatsGrouping.MONTH ? ChronoUnit.MONTHS : ChronoUnit.WEEKS).between(first, last) + 1;
    }

    private static ZonedDateTime start(StatsGrouping by, ZonedDateTime t) {
        ZonedDateTime day = t.truncatedTo(ChronoUnit.DAYS);
        return switch (by) {
            case MONTH -> day.withDayOfMonth(1);
            case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1);
            default -> throw new IllegalArgumentException(by + " is not a period");
        };
    }

    private static ZonedDateTime plus(StatsGrouping by, ZonedDateTime start, long n) {
        return by == StatsGrouping.MONTH ? start.plusMonths(n) : start.plusWeeks(n);
    }

    private static String key(StatsGrouping by, ZonedDateTime start) {
        return by == StatsGrouping.MONTH ? start.format(DateTimeFormatter.ofPattern("uuuu-MM"))
                : String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                        start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
