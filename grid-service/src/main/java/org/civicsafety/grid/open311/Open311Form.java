package org.civicsafety.grid.open311;

import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.ProblemType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GeoReport v2 query string or form-encoded body, parsed strictly by the service itself, so that whatever a client
 * sends is either understood or a 400 naming the problem, never an exception in the framework: every field is
 * {@code name=value} with valid percent-encoding of UTF-8, no empty fields (stray {@code &}), bounded sizes, no
 * control characters, and no field twice unless its name ends in {@code []} (Open311's multi-value fields).
 */
final class Open311Form {
    static final int MAX_FIELDS = 200;
    static final int MAX_NAME = 100;
    static final int MAX_VALUE = 4000;
    /** Enough for every field at its longest, percent-encoded. */
    static final int MAX_BYTES = 1 << 20;

    private final Map<String, List<String>> fields;

    private Open311Form(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static Open311Form parse(String raw) {
        return parse(raw == null ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8));
    }

    static Open311Form parse(byte[] raw) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (raw == null || raw.length == 0) {
            return new Open311Form(fields);
        }
        if (raw.length > MAX_BYTES) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                    "A GeoReport request is limited to " + MAX_BYTES + " bytes");
        }
        int start = 0;
        int count = 0;
        while (start <= raw.length) {
            int end = indexOf(raw, '&', start, raw.length);
            if (++count > MAX_FIELDS) {
                throw malformed("more than " + MAX_FIELDS + " fields");
            }
            if (end == start) {
                throw malformed("an empty field (a stray '&')");
            }
            int eq = indexOf(raw, '=', start, end);
            if (eq == end || indexOf(raw, '=', eq + 1, end) != end) {
                throw malformed("field " + count + " is not name=value");
            }
            String name = decode(raw, start, eq, "the name of field " + count);
            if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
                throw malformed("field " + count + " has no valid name (1-" + MAX_NAME + " printable characters)");
            }
            String value = decode(raw, eq + 1, end, name);
            if (value.length() > MAX_VALUE) {
                throw ApiException.badRequest(name, "at most " + MAX_VALUE + " characters");
            }
            if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
                throw ApiException.badRequest(name, "must not contain control characters");
            }
            List<String> values = fields.computeIfAbsent(name, k -> new ArrayList<>());
            if (!values.isEmpty() && !name.endsWith("[]")) {
                throw ApiException.badRequest(name, "is given more than once");
            }
            values.add(value);
            start = end + 1;
        }
        return new Open311Form(fields);
    }

    Set<String> names() {
        return fields.keySet();
    }

    /** The trimmed value, or null when absent or blank. */
    String one(String name) {
        List<String> v = fields.get(name);
        String s = v == null ? null : v.get(0).trim();
        return s == null || s.isEmpty() ? null : s;
    }

    List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    Map<String, List<String>> fields() {
        return fields;
    }

    /** The first {@code c} in {@code raw[from, to)}, else {@code to}. */
    private static int indexOf(byte[] raw, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == c) {
                return i;
            }
        }
        return to;
    }

    private static String decode(byte[] raw, int from, int to, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                int hi = i + 2 < to ? Character.digit(raw[i + 1], 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw[i + 2], 16);
                if (lo < 0) {
                    throw ApiException.badRequest(what, "has a malformed percent-encoding");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(what, "is not UTF-8");
        }
    }

    private static ApiException malformed(String message) {
        return ApiException.badRequest("form", "malformed form encoding: " + message);
    }
}
