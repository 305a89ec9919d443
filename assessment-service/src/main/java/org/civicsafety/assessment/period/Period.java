package org.civicsafety.assessment.period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scoring period: `running` (trailing window ending today), month `2026-11`, quarter `2026-Q4`, year `2026`.
 * Dates are calendar days in the configured zone (Asia/Shanghai); start and end are inclusive.
 */
public record Period(String key, Type type, LocalDate start, LocalDate end) {
    public enum Type {
        RUNNING, MONTH, QUARTER, YEAR
    }

    public static final String RUNNING = "running";
    /** The keys {@link #parse} takes, as the API contract states them (a request parameter's schema). */
    public static final String KEY_PATTERN = "^(running|\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?)$";
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    /** @throws IllegalArgumentException for anything that is not a period key */
    public static Period parse(String key, LocalDate today, int runningDays) {
        if (key == null || key.isBlank() || key.equals(RUNNING))
            return running(today, runningDays);
        Matcher m;
        try {
            if ((m = MONTH.matcher(key)).matches()) {
                YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return month(ym);
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a period: " + key);
        }
        if ((m = QUARTER.matcher(key)).matches())
            return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        if ((m = YEAR.matcher(key)).matches())
            return year(Integer.parseInt(m.group(1)));
        throw new IllegalArgumentException("not a period: " + key);
    }

    public static Period running(LocalDate today, int runningDays) {
        return new Period(RUNNING, Type.RUNNING, today.minusDays(runningDays - 1L), today);
    }

    public static Period month(YearMonth ym) {
        return new Period(ym.toString(), Type.MONTH, ym.atDay(1), ym.atEndOfMonth());
    }

    public static Period quarter(int year, int q) {
        LocalDate s = LocalDate.of(year, (q - 1) * 3 + 1, 1);
        return new Period(year + "-Q" + q, Type.QUARTER, s, s.plusMonths(3).minusDays(1));
    }

    public static Period year(int year) {
        return new Period(Integer.toString(year), Type.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** The month, quarter and year containing a day. */
    public static List<Period> containing(LocalDate day) {
        return List.of(month(YearMonth.from(day)), quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1),
                year(day.getYear()));
    }

    /** Counter key of one day (used to sum running windows and trend baselines). */
    public static String dayKey(LocalDate day) {
        return day.toString();
    }

    /** Closed to late events lateDays after its end; the running period never freezes. */
    public boolean frozen(LocalDate today, int lateDays) {
        return type != Type.RUNNING && today.isAfter(end.plusDays(lateDays));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /** The period just before this one (for running: the window of the same length just before it). */
    public Period previous() {
        return switch (type) {
            case RUNNING -> {
                long len = end.toEpochDay() - start.toEpochDay() + 1;
                yield new Period("running-previous", Type.RUNNING, start.minusDays(len), start.minusDays(1));
            }
            case MONTH -> month(YearMonth.from(start).minusMonths(1));
            case QUARTER -> {
                LocalDate s = start.minusMonths(3);
                yield quarter(s.getYear(), (s.getMonthValue() - 1) / 3 + 1);
            }
            case YEAR -> year(start.getYear() - 1);
        };
    }

    /** The calendar period right after this one (running has none: returns itself). */
    public Period next() {
        return switch (type) {
            case RUNNING -> this;
            case MONTH -> month(YearMonth.from(start).plusMonths(1));
            case QUARTER -> {
                LocalDate s = start.plusMonths(3);
                yield quarter(s.getYear(), (s.getMonthValue() - 1) / 3 + 1);
            }
            case YEAR -> year(start.getYear() + 1);
        };
    }

    /** Same window some years earlier (trend baseline). */
    public LocalDate[] yearsEarlier(int years) {
        return new LocalDate[]{start.minusYears(years), end.minusYears(years)};
    }

    public static boolean isValidKey(String key) {
        try {
            parse(key, LocalDate.now(), 90);
            return true;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
    }
}
