package org.civicsafety.grid.category;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.civicsafety.grid.category.Severity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * Body of POST /categories (code required) and PUT /categories/{code} (code optional, must match the path).
 * {@code name} is Chinese, {@code nameEn} English; attributes use the stored Open311 model with texts keyed
 * "zh"/"en". {@code active} is optional: a new category is active, a PUT without it keeps the current state.
 * Checked by {@link CategoryRules}, which names every bad field at once.
 */
@Schema(name = "CategoryRequest", description = "A category to add or replace")
public record CategoryRequest(
        @Schema(description = "Unique code; required by POST, optional in PUT (then it must equal the path's)") String code,
        @Schema(required = true, description = "Name (Chinese)") String name,
        @Schema(required = true, description = "English name") String nameEn, @Schema(required = true) Group group,
        @Schema(description = "Words that find the category") List<String> keywords,
        @Schema(required = true) Severity defaultSeverity,
        @Schema(description = "Reports of this category within this distance of an open one are duplicates"
                + " (default 50)", minimum = "1", maximum = "10000") Integer dedupeRadiusMeters,
        @Schema(required = true, description = "Hours to resolve at each level, for every severity", example = "{\"GENERAL\": 72, \"SERIOUS\": 24, \"MAJOR\": 8, \"CRITICAL\": 2}") Map<Severity, Integer> slaHours,
        @Schema(description = "Reports not listed publicly (Open311 reads leave them out)") @JsonProperty("private") Boolean isPrivate,
        @Schema(description = "Extra questions a report answers") List<AttributeDef> attributes,
        @Schema(description = "A new category is active; a PUT without it keeps the current state") Boolean active) {

    /** The group a category is listed under; its names apply to every category of the group. */
    @Schema(name = "CategoryRequestGroup")
    public record Group(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(required = true) String nameEn) {}
}
