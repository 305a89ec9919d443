package org.civicsafety.grid.unit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A unit as the API shows it; its notice channels only to admins. ETag = version. */
@Schema(name = "Unit", description = "A handling unit of the directory")
public record UnitView(@Schema(required = true) String id, @Schema(required = true) String name,
        @Schema(nullable = true) String nameEn,
        @Schema(required = true, description = "The area the unit sits in") String areaCode,
        @Schema(required = true) UnitKind kind, @Schema(required = true) boolean active,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Only shown to admins") NoticeChannels noticeChannels,
        @Schema(required = true, description = "Also the ETag") long version,
        @Schema(required = true) OffsetDateTime createdAt, @Schema(required = true) OffsetDateTime updatedAt) {}
