package org.civicsafety.grid.area;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The shapes of the GeoJSON the area API reads and writes, as the API document describes them. The code handles
 * them as JSON trees ({@link GeoJsonPolygons}, {@link AreaImportService}) so that every problem in them is reported
 * at once; these records only give client generators their types.
 */
final class AreaSchemas {
    private AreaSchemas() {}

    static final String BOUNDARY = "The boundary as a GeoJSON Polygon or MultiPolygon in WGS84 (required for a GRID)."
            + " Answers always give a MultiPolygon.";

    @Schema(name = "GeoJsonPolygon", description = "A GeoJSON Polygon (RFC 7946)")
    record Polygon(@Schema(enumeration = "Polygon", required = true) String type,
            @Schema(required = true, description = "Linear rings of [lon, lat] positions, the outer boundary first;"
                    + " every ring closed (its last position equals its first)") List<List<List<Double>>> coordinates) {}

    @Schema(name = "GeoJsonMultiPolygon", description = "A GeoJSON MultiPolygon (RFC 7946)")
    record MultiPolygon(@Schema(enumeration = "MultiPolygon", required = true) String type,
            @Schema(required = true, description = "Polygons, each a list of linear rings of [lon, lat] positions") List<List<List<List<Double>>>> coordinates) {}

    @Schema(name = "AreaImport", description = "A GeoJSON FeatureCollection of up to 50,000 areas")
    record Import(@Schema(enumeration = "FeatureCollection", required = true) String type,
            @Schema(required = true, maxItems = AreaImportService.MAX_FEATURES) List<Feature> features) {}

    @Schema(name = "AreaImportFeature", description = "One area: its fields as properties, its boundary as geometry")
    record Feature(@Schema(enumeration = "Feature", required = true) String type,
            @Schema(required = true) FeatureProperties properties,
            @Schema(description = BOUNDARY, oneOf = {Polygon.class, MultiPolygon.class}) Object geometry){}

    @Schema(name = "AreaImportProperties", description = "The fields of an area, as in POST /api/v1/areas")
    record FeatureProperties(@Schema(required = true, maxLength = 64) String code,
            @Schema(required = true, maxLength = 200) String name, @Schema(maxLength = 200) String nameEn,
            @Schema(required = true) AreaLevel level, @Schema(maxLength = 64) String parentCode,
            @Schema(minimum = "0") Long population, @Schema(maxLength = 100) String responsibleUnit) {}
}
