package org.civicsafety.grid.common;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Parsing of query/header parameters that reports every bad one instead of failing on the first. */
public final class Params {
    private Params() {}

    public static Integer integer(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            errors.add(FieldError.of(field, "not-an-integer"));
            return null;
        }
    }

    public static Double decimal(String raw, String field, double min, double max, boolean required,
            List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.add(FieldError.of(field, "required"));
            }
            return null;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (!(v >= min && v <= max)) {
                errors.add(FieldError.of(field, "not-in-range", fmt(min), fmt(max)));
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(FieldError.of(field, "not-a-number"));
            return null;
        }
    }

    /** An enum constant by its exact name; absent is null, anything else an error listing the constants. */
    public static <E extends Enum<E>> E constant(Class<E> type, String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(field, "one-of", java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    /** {@code true} or {@code false}; absent is null. */
    public static Boolean bool(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(FieldError.of(field, "not-a-boolean"));
                yield null;
            }
        };
    }

    public static OffsetDateTime timestamp(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(field, "not-a-date"));
            return null;
        }
    }

    /** Parses {@code If-Match: "3"} (or W/"3", or 3); a malformed value is a 400. */
    public static Long ifMatch(String raw) {
        if (raw == null || raw.isBlank() || raw.trim().equals("*")) {
            return null;
        }
        String v = raw.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(FieldError.of("If-Match", "not-an-etag"));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
