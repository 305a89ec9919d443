package org.civicsafety.grid.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents 1.0 structured-mode JSON, the body of every webhook delivery (partners' events and units' notices):
 * {@code specversion}, {@code id}, {@code source}, {@code type}, {@code time}, {@code subject},
 * {@code datacontenttype} and {@code data}.
 */
public final class CloudEvents {
    /** A notice was written for a unit: its webhook's event type, {@code data} the notice as the inbox shows it. */
    public static final String NOTICE_CREATED = "org.civicsafety.notice.created.v1";

    private CloudEvents() {}

    public static String structured(ObjectMapper json, UUID id, String source, String type, OffsetDateTime time,
            String subject, Object data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id.toString());
        event.put("source", source);
        event.put("type", type);
        event.put("time", time.toString());
        event.put("subject", subject);
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
