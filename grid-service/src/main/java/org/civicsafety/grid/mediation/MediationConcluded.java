package org.civicsafety.grid.mediation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * What grid-service reads of {@code org.civicsafety.mediation.concluded.v1} (cases-service, mediation-design.md):
 * the mediation's number, how it ended and the incident it came from, if any.
 */
record MediationConcluded(UUID mediationId, String number, String outcome, UUID sourceIncidentId) {
    static final String TYPE = "org.civicsafety.mediation.concluded.v1";
    static final String AGREED = "AGREED";

    /** Throws {@link IllegalArgumentException} when the data is malformed: no retry can help, it is poison. */
    static MediationConcluded parse(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("the data is not a JSON object");
        }
        return new MediationConcluded(uuid(required(data, "mediationId"), "mediationId"), required(data, "number"),
                text(data, "outcome"), uuid(text(data, "sourceIncidentId"), "sourceIncidentId"));
    }

    /** The only outcome that settles an incident: an agreement reached in a mediation an incident started. */
    boolean resolvesIncident() {
        return AGREED.equals(outcome) && sourceIncidentId != null;
    }

    private static String required(JsonNode data, String field) {
        String v = text(data, field);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("data." + field + " is missing");
        }
        return v;
    }

    private static String text(JsonNode data, String field) {
        JsonNode n = data.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static UUID uuid(String value, String field) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data." + field + " is not a UUID");
        }
    }
}
