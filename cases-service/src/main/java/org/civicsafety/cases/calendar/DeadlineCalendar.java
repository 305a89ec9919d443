package org.civicsafety.cases.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import org.civicsafety.cases.common.Json;

/**
 * The business calendar of Asia/Shanghai: Monday-Friday working week, overridden by public holidays
 * and adjusted working days (调休). Pure value object so every rule is unit-testable.
 */
public final class DeadlineCalendar {

    public enum DayKind {
        HOLIDAY, WORKDAY
    }

    private final Map<LocalDate, DayKind> exceptions;

    public DeadlineCalendar(Map<LocalDate, DayKind> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = exceptions.get(day);
        if (kind != null) {
            return kind == DayKind.WORKDAY;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    public LocalDate nextWorkingDayFrom(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** {@code days} calendar days after {@code start} (start day not counted), shifted off non-working days. */
    public LocalDate addCalendarDays(LocalDate start, int days) {
        return nextWorkingDayFrom(start.plusDays(days));
    }

    /** The {@code days}-th working day after {@code start} (start day not counted). */
    public LocalDate addWorkingDays(LocalDate start, int days) {
        LocalDate d = start;
        int counted = 0;
        while (counted < days) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    public static LocalDate localDate(Instant instant) {
        return instant.atZone(Json.ZONE).toLocalDate();
    }

    /** A deadline is the end of its last day in Shanghai: {@code YYYY-MM-DDT23:59:59+08:00}. */
    public static OffsetDateTime endOfDay(LocalDate day) {
        return OffsetDateTime.of(day, LocalTime.of(23, 59, 59), Json.OFFSET);
    }
}
