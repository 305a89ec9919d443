package org.civicsafety.grid.area;

import java.time.OffsetDateTime;
import java.util.List;

/** A stored area; {@code boundaryGeoJson} is only loaded when asked for. */
public record Area(String code, String name, String nameEn, AreaLevel level, String parentCode, List<String> path,
        Long population, String responsibleUnit, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String boundaryGeoJson) {}
