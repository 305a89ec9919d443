package org.civicsafety.grid.incident;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An incident as a list page reads it (a keyset query into a record, no entity to hydrate or track). */
public record IncidentRow(UUID id, String number, String categoryCode, Severity severity, String description,
        double lat, double lon, String address, String areaCode, List<String> path, Source source, String reporterSub,
        String reporterEnc, String partnerId, String attributesJson, IncidentState state, AreaLevel level,
        String assignedUnit, OffsetDateTime dueAt, boolean overdue, int reportCount, UUID duplicateOf,
        OffsetDateTime occurredAt, OffsetDateTime reportedAt, OffsetDateTime updatedAt, OffsetDateTime resolvedAt,
        Boolean resolvedOnTime, Satisfaction satisfaction, OffsetDateTime ratedAt, long version, String mediaUrl)
        implements
            IncidentData {}
