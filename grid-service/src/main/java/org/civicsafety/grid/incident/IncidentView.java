package org.civicsafety.grid.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(UUID id, String number, String categoryCode, String categoryName, Severity severity,
        String description, double lat, double lon, String address, String areaCode, List<String> path,
        Source source, ReporterView reporter, String partnerId, JsonNode attributes, List<MediaView> media,
        IncidentState state, AreaLevel level, String assignedUnit, OffsetDateTime dueAt, boolean overdue,
        int reportCount, UUID duplicateOf, OffsetDateTime occurredAt, OffsetDateTime reportedAt,
        OffsetDateTime updatedAt, OffsetDateTime resolvedAt, Boolean resolvedOnTime, long version,
        List<Action> allowedActions, String mediaUrl) {

    public record ReporterView(String name, String phone) {}

    public record MediaView(UUID id, String url, String contentType, long size, OffsetDateTime uploadedAt) {}
}
