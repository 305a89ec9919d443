package org.civicsafety.grid.area;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /areas (code required) and PUT /areas/{code} (code optional, must match the path). */
@Schema(name = "AreaRequest", description = "An area to create or replace")
public record AreaRequest(
        @Schema(description = "Unique code; required by POST, optional in PUT (then it must equal the path's)") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*", message = "{grid.area-code}") String code,
        @Schema(description = "Name (Chinese)") @NotBlank @Size(max = 200) String name,
        @Schema(description = "English name") @Size(max = 200) String nameEn,
        @NotNull AreaLevel level,
        @Schema(description = "The parent's code, one level up; none for a COUNTY") @Size(max = 64) String parentCode,
        @Schema(description = "Actual population, used for rates") @PositiveOrZero Long population,
        @Schema(description = "The unit that handles incidents at this area's level") @Size(max = 100) String responsibleUnit,
        @Schema(description = AreaSchemas.BOUNDARY, implementation = Object.class, oneOf = {AreaSchemas.Polygon.class,
                AreaSchemas.MultiPolygon.class}) JsonNode boundary){}
