package org.civicsafety.grid.area;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of POST /areas (code required) and PUT /areas/{code} (code optional, must match the path). */
public record AreaRequest(
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*", message = "{grid.area-code}") String code,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String nameEn,
        @NotNull AreaLevel level,
        @Size(max = 64) String parentCode,
        @PositiveOrZero Long population,
        @Size(max = 100) String responsibleUnit,
        JsonNode boundary) {}
