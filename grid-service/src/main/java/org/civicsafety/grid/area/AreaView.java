package org.civicsafety.grid.area;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** API representation of an area. {@code boundary} and {@code ancestors} appear only on single reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Area", description = "An area; absent fields are not set")
public record AreaView(@Schema(required = true) String code, @Schema(required = true) String name, String nameEn,
        @Schema(required = true) AreaLevel level, String parentCode,
        @Schema(required = true, description = "The codes from the county down to this area") List<String> path,
        Long population, String responsibleUnit, @Schema(required = true, description = "Also the ETag") long version,
        @Schema(required = true) OffsetDateTime createdAt, @Schema(required = true) OffsetDateTime updatedAt,
        @Schema(description = AreaSchemas.BOUNDARY
                + " Only in GET /api/v1/areas/{code}.", implementation = Object.class, oneOf = {
                        AreaSchemas.Polygon.class, AreaSchemas.MultiPolygon.class}) JsonNode boundary,
        @Schema(description = "The ancestors, county first; only in single reads") List<Ancestor> ancestors){

    /** A short reference to an ancestor, county first. */
    @Schema(name = "AreaAncestor")
    public record Ancestor(@Schema(required = true) String code, @Schema(required = true) String name, String nameEn,
            @Schema(required = true) AreaLevel level, String responsibleUnit) {}
}
