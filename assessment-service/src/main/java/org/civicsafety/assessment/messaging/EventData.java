package org.civicsafety.assessment.messaging;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Lenient readers for event data: missing optional fields are null, a missing required one is a poison message. */
public final class EventData {
    private EventData() {}

    public static String required(JsonNode data, String field) {
        String v = text(data, field);
        if (v == null || v.isBlank())
            throw new IllegalArgumentException("data." + field + " is missing");
        return v;
    }

    public static String text(JsonNode data, String field) {
        JsonNode n = data.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    public static long version(JsonNode data) {
        JsonNode n = data.get("version");
        if (n == null || !n.canConvertToLong())
            throw new IllegalArgumentException("data.version is missing or not a number");
        return n.asLong();
    }

    public static Long optLong(JsonNode data, String field) {
        JsonNode n = data.get(field);
        if (n == null || n.isNull())
            return null;
        if (!n.canConvertToLong())
            throw new IllegalArgumentException("data." + field + " is not a number");
        return n.asLong();
    }

    public static Boolean optBool(JsonNode data, String field) {
        JsonNode n = data.get(field);
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    /** occurredAt, falling back to the envelope time when absent. */
    public static Instant occurredAt(JsonNode data, OffsetDateTime ceTime) {
        String s = text(data, "occurredAt");
        if (s != null)
            return OffsetDateTime.parse(s).toInstant();
        if (ceTime != null)
            return ceTime.toInstant();
        throw new IllegalArgumentException("data.occurredAt is missing");
    }

    public static Instant optInstant(JsonNode data, String field) {
        String s = text(data, field);
        return s == null ? null : OffsetDateTime.parse(s).toInstant();
    }

    /** The path from the county down, always ending with the area itself. */
    public static String[] path(JsonNode data, String areaCode) {
        List<String> out = new ArrayList<>();
        JsonNode n = data.get("path");
        if (n != null && n.isArray())
            n.forEach(x -> out.add(x.asText()));
        if (out.isEmpty() || !out.get(out.size() - 1).equals(areaCode)) {
            out.remove(areaCode);
            out.add(areaCode);
        }
        return out.toArray(String[]::new);
    }
}
