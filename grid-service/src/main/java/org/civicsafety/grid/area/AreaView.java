package org.civicsafety.grid.area;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.List;

/** API representation of an area. {@code boundary} and {@code ancestors} appear only on single reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AreaView(String code, String name, String nameEn, AreaLevel level, String parentCode, List<String> path,
        Long population, String responsibleUnit, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        JsonNode boundary, List<Ancestor> ancestors) {

    /** A short reference to an ancestor, county first. */
    public record Ancestor(String code, String name, String nameEn, AreaLevel level, String responsibleUnit) {}
}
