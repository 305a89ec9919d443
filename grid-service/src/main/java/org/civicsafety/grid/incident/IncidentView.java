package org.civicsafety.grid.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Incident", description = "An incident report; absent fields are not set or not shown to the caller")
public record IncidentView(UUID id, @Schema(description = "SJ-<year>-<sequence>") String number,
        String categoryCode, @Schema(description = "In the language of Accept-Language") String categoryName,
        Severity severity, String description, double lat, double lon, String address,
        @Schema(description = "The grid") String areaCode,
        @Schema(description = "The area codes from the county down to the grid") List<String> path, Source source,
        @Schema(description = "Only to roles that need it, masked for most") ReporterView reporter,
        @Schema(description = "The partner system that posted it") String partnerId,
        @Schema(type = SchemaType.OBJECT, implementation = Object.class, additionalProperties = Schema.True.class, description = ReportRequest.ATTRIBUTES, example = "{\"injured\": \"no\", \"people_count\": 2}") JsonNode attributes,
        @Schema(description = "Photos and documents; only on single reads") List<MediaView> media,
        IncidentState state, @Schema(description = "The current handling level") AreaLevel level,
        @Schema(description = "The handling unit") String assignedUnit,
        @Schema(description = "The deadline at the current level") OffsetDateTime dueAt,
        @Schema(description = "Past the county deadline") boolean overdue,
        @Schema(description = "Reports this incident stands for: itself and its duplicates") int reportCount,
        @Schema(description = "For a DUPLICATE, the incident it duplicates") UUID duplicateOf,
        OffsetDateTime occurredAt, OffsetDateTime reportedAt, OffsetDateTime updatedAt, OffsetDateTime resolvedAt,
        Boolean resolvedOnTime, @Schema(description = "Also the ETag") long version,
        @Schema(description = "What the caller may do now (POST .../transitions)") List<Action> allowedActions,
        @Schema(description = "The reporter's latest rating of a resolution (RATE)") Satisfaction satisfaction,
        @Schema(description = "A photo already online, given at reporting") String mediaUrl) {

    @Schema(name = "IncidentReporterView", description = "The reporter, masked (138****5678) unless the caller may see"
            + " more")
    public record ReporterView(String name, String phone, String email) {}

    @Schema(name = "IncidentMedia", description = "A stored photo or PDF")
    public record MediaView(UUID id, @Schema(description = "Where to download it; never changes") String url,
            @Schema(enumeration = {"image/jpeg", "image/png", "image/webp", "application/pdf"}) String contentType,
            @Schema(description = "Bytes, as stored (photos without location metadata)") long size,
            OffsetDateTime uploadedAt){}
}
