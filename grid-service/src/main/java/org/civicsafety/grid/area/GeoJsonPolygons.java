package org.civicsafety.grid.area;

import com.fasterxml.jackson.databind.JsonNode;
import org.civicsafety.grid.common.FieldError;

import java.util.ArrayList;
import java.util.List;

/**
 * Structural checks of a GeoJSON Polygon/MultiPolygon before it reaches PostGIS (which would abort
 * the transaction on malformed input). Topological validity (self-intersections...) is left to
 * PostGIS {@code ST_IsValid}.
 */
public final class GeoJsonPolygons {
    private GeoJsonPolygons() {}

    public static List<FieldError> check(JsonNode geometry, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (geometry == null || !geometry.isObject()) {
            errors.add(FieldError.of(field, "geojson.not-a-polygon"));
            return errors;
        }
        String type = geometry.path("type").asText("");
        JsonNode coords = geometry.get("coordinates");
        if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
            errors.add(FieldError.of(field + ".type", "geojson.polygon-type"));
            return errors;
        }
        if (coords == null || !coords.isArray() || coords.isEmpty()) {
            errors.add(FieldError.of(field + ".coordinates", "geojson.empty-coordinates"));
            return errors;
        }
        if (type.equals("Polygon")) {
            checkPolygon(coords, field + ".coordinates", errors);
        } else {
            for (int i = 0; i < coords.size() && errors.isEmpty(); i++) {
                checkPolygon(coords.get(i), field + ".coordinates[" + i + "]", errors);
            }
        }
        return errors;
    }

    private static void checkPolygon(JsonNode rings, String field, List<FieldError> errors) {
        if (!rings.isArray() || rings.isEmpty()) {
            errors.add(FieldError.of(field, "geojson.no-ring"));
            return;
        }
        for (int r = 0; r < rings.size(); r++) {
            JsonNode ring = rings.get(r);
            String rf = field + "[" + r + "]";
            if (!ring.isArray() || ring.size() < 4) {
                errors.add(FieldError.of(rf, "geojson.short-ring"));
                return;
            }
            for (int p = 0; p < ring.size(); p++) {
                JsonNode pos = ring.get(p);
                if (!pos.isArray() || pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()) {
                    errors.add(FieldError.of(rf + "[" + p + "]", "geojson.position"));
                    return;
                }
                double lon = pos.get(0).asDouble();
                double lat = pos.get(1).asDouble();
                if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
                    errors.add(FieldError.of(rf + "[" + p + "]", "geojson.position-range"));
                    return;
                }
            }
            JsonNode first = ring.get(0);
            JsonNode last = ring.get(ring.size() - 1);
            if (first.get(0).asDouble() != last.get(0).asDouble()
                    || first.get(1).asDouble() != last.get(1).asDouble()) {
                errors.add(FieldError.of(rf, "geojson.open-ring"));
                return;
            }
        }
    }
}
