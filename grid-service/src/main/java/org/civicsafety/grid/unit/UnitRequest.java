package org.civicsafety.grid.unit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /units (id required) and PUT /units/{id} (id optional, must match the path). {@code active} defaults
 * to true; {@code noticeChannels} left out of a PUT keeps the stored ones.
 */
@Schema(name = "UnitRequest", description = "A handling unit to create or replace")
public record UnitRequest(
        @Schema(description = "Unique id (as areas' responsibleUnit and routing rules name it); required by POST,"
                + " optional in PUT (then it must equal the path's)", maxLength = UnitRules.MAX_ID) String id,
        @Schema(description = "Name (Chinese)") @NotBlank @Size(max = 200) String name,
        @Schema(nullable = true, description = "English name") @Size(max = 200) String nameEn,
        @Schema(description = "The area the unit sits in") @NotBlank @Size(max = 64) String areaCode,
        @NotNull UnitKind kind,
        @Schema(nullable = true, description = "Whether it takes work (default true)") Boolean active,
        @Schema(nullable = true, description = "Its notice channels; left out of a PUT: unchanged") NoticeChannels noticeChannels) {}
