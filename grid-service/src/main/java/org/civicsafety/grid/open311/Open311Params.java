package org.civicsafety.grid.open311;

import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.common.FieldError;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of GeoReport reads, checked strictly: each problem is collected as a {@link FieldError}, so one 400
 * names all of them.
 */
final class Open311Params {
    static final Duration MAX_RANGE = Duration.ofDays(90);
    /** Dates outside these years are impossible here (and would overflow the date arithmetic of the window). */
    static final OffsetDateTime EARLIEST = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);
    static final int MAX_IDS = 500;

    private Open311Params() {}

    /** A {@code [from, to]} window of at most {@link #MAX_RANGE}. */
    record Window(OffsetDateTime from, OffsetDateTime to) {}

    /** GET requests: the filter, the page and whether to add the extensions. */
    record RequestQuery(List<String> numbers, List<String> serviceCodes, Window window, Boolean open, int page,
            int pageSize, boolean extensions) {}

    static RequestQuery requestQuery(Open311Form q) {
        List<FieldError> errors = new ArrayList<>();
        Window window = window(q, errors);
        int page = positive(q.one("page"), "page", 1, Integer.MAX_VALUE, errors);
        int size = positive(q.one("page_size"), "page_size", 50, 500, errors);
        boolean extensions = bool(q.one("extensions"), "extensions", errors);
        List<String> numbers = split(q.one("service_request_id"), "service_request_id", errors);
        List<String> codes = split(q.one("service_code"), "service_code", errors);
        boolean open = false;
        boolean closed = false;
        for (String s : split(q.one("status"), "status", errors)) {
            switch (s.toLowerCase()) {
                case "open" -> open = true;
                case "closed" -> closed = true;
                default -> errors.add(new FieldError("status", "must be open or closed"));
            }
        }
        check(errors);
        return new RequestQuery(numbers, codes, window, open == closed ? null : open, page, size, extensions);
    }

    /** The {@code extensions} parameter of GET requests/{id}. */
    static boolean extensions(Open311Form q) {
        List<FieldError> errors = new ArrayList<>();
        boolean extensions = bool(q.one("extensions"), "extensions", errors);
        check(errors);
        return extensions;
    }

    /** The start_date/end_date window of GET servicerequestupdates. */
    static Window window(Open311Form q) {
        List<FieldError> errors = new ArrayList<>();
        Window window = window(q, errors);
        check(errors);
        return window;
    }

    /** A code or number from the path or a form: one without control characters and of a sane length. */
    static String code(String raw, String field) {
        if (!Codes.storable(raw) || raw.length() > 64) {
            throw ApiException.badRequest(field, "is malformed");
        }
        return raw;
    }

    static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
    }

    /** start_date/end_date at most 90 days apart; without them the last 90 days. */
    private static Window window(Open311Form q, List<FieldError> errors) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime s = date(q.one("start_date"), "start_date", errors);
        OffsetDateTime e = date(q.one("end_date"), "end_date", errors);
        if (!errors.isEmpty()) {
            return null;
        }
        if (s == null && e == null) {
            e = now;
            s = now.minus(MAX_RANGE);
        } else if (s == null) {
            s = e.minus(MAX_RANGE);
        } else if (e == null) {
            e = s.plus(MAX_RANGE).isAfter(now) ? now : s.plus(MAX_RANGE);
        }
        if (e.isBefore(s)) {
            errors.add(new FieldError("end_date", "must not be before start_date"));
        } else if (Duration.between(s, e).compareTo(MAX_RANGE) > 0) {
            errors.add(new FieldError("end_date", "start_date and end_date may be at most 90 days apart"));
        }
        return new Window(s, e);
    }

    /** A W3C date-time (or a date: its start in UTC) between 1970 and 9999, else an error. */
    static OffsetDateTime date(String raw, String field, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        OffsetDateTime d;
        try {
            d = OffsetDateTime.parse(raw);
        } catch (DateTimeException e) {
            try {
                d = LocalDate.parse(raw).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeException e2) {
                errors.add(new FieldError(field, "must be a W3C date-time, e.g. 2026-01-31T10:00:00Z"));
                return null;
            }
        }
        if (d.isBefore(EARLIEST) || d.isAfter(LATEST)) {
            errors.add(new FieldError(field, "must be between the years 1970 and 9999"));
            return null;
        }
        return d;
    }

    private static int positive(String raw, String field, int dflt, int max, List<FieldError> errors) {
        if (raw == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        errors.add(new FieldError(field, "must be an integer between 1 and " + max));
        return dflt;
    }

    private static boolean bool(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (!raw.equalsIgnoreCase("true")) {
            errors.add(new FieldError(field, "must be true or false"));
        }
        return true;
    }

    /** A comma-separated list of at most {@value #MAX_IDS} codes. */
    private static List<String> split(String csv, String field, List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        if (csv == null) {
            return out;
        }
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.size() > MAX_IDS || out.stream().anyMatch(s -> s.length() > 64)) {
            errors.add(new FieldError(field, "at most " + MAX_IDS + " values of at most 64 characters"));
        }
        return out;
    }
}
