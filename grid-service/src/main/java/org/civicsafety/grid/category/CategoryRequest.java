package org.civicsafety.grid.category;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.civicsafety.grid.category.Severity;

import java.util.List;
import java.util.Map;

/**
 * Body of POST /categories (code required) and PUT /categories/{code} (code optional, must match the path).
 * {@code name} is Chinese, {@code nameEn} English; attributes use the stored Open311 model with texts keyed
 * "zh"/"en". {@code active} is optional: a new category is active, a PUT without it keeps the current state.
 * Checked by {@link CategoryRules}, which names every bad field at once.
 */
public record CategoryRequest(String code, String name, String nameEn, Group group, List<String> keywords,
        Severity defaultSeverity, Integer dedupeRadiusMeters, Map<Severity, Integer> slaHours,
        @JsonProperty("private") Boolean isPrivate, List<AttributeDef> attributes, Boolean active) {

    /** The group a category is listed under; its names apply to every category of the group. */
    public record Group(String code, String name, String nameEn) {}
}
