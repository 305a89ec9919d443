package org.civicsafety.grid.incident;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A stored incident report. {@code reporterEnc} is the encrypted personal data of the reporter. */
public record Incident(UUID id, String number, String categoryCode, Severity severity, String description,
        double lat, double lon, String address, String areaCode, List<String> path, Source source,
        String reporterSub, String reporterEnc, String partnerId, String attributesJson, IncidentState state,
        AreaLevel level, String assignedUnit, OffsetDateTime dueAt, boolean overdue, int escalationCount,
        int reportCount, UUID duplicateOf, OffsetDateTime occurredAt, OffsetDateTime reportedAt,
        OffsetDateTime updatedAt, OffsetDateTime resolvedAt, Boolean resolvedOnTime, long version, String mediaUrl) {
}
