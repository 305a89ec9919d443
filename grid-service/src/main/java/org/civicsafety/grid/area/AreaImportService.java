package org.civicsafety.grid.area;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Bulk import of a GeoJSON FeatureCollection: everything is validated first (every bad feature is
 * reported), then all areas are written with multi-row statements and their events appended, in one
 * transaction — all or nothing.
 */
@ApplicationScoped
public class AreaImportService {
    public static final int MAX_FEATURES = 50_000;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    @Inject AreaRepository repo;
    @Inject AreaService areas;

    @Schema(name = "AreaImportResult", description = "How many features were imported: created and updated")
    public record Result(int total, int created, int updated) {}

    private record Parsed(int index, String code, String name, String nameEn, AreaLevel level, String parentCode,
            Long population, String responsibleUnit, String boundary) {}

    @Transactional
    public Result importCollection(JsonNode fc) {
        if (fc == null || !fc.isObject() || !"FeatureCollection".equals(fc.path("type").asText())) {
            throw ApiException.badRequest(FieldError.of("type", "area.not-a-collection"));
        }
        JsonNode features = fc.get("features");
        if (features == null || !features.isArray()) {
            throw ApiException.badRequest(FieldError.of("features", "area.not-an-array"));
        }
        if (features.size() > MAX_FEATURES) {
            throw ApiException
                    .badRequest(FieldError.of("features", "area.too-many-features", Integer.toString(MAX_FEATURES)));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>(features.size());
        Map<String, Parsed> byCode = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            Parsed p = parse(i, features.get(i), errors);
            if (p == null) {
                continue;
            }
            if (byCode.putIfAbsent(p.code(), p) != null) {
                errors.add(FieldError.of(prefix(i) + "properties.code", "area.duplicate-code", p.code()));
                continue;
            }
            parsed.add(p);
        }

        // Topology via PostGIS, all geometries in one query.
        List<String> geos = parsed.stream().map(Parsed::boundary).toList();
        repo.invalidGeometries(geos).forEach((idx, reason) -> errors.add(
                FieldError.of(prefix(parsed.get(idx).index()) + "geometry", "area.invalid-polygon", reason)));

        // Known areas referenced by the collection (as parents or as areas being updated).
        List<String> referenced = new ArrayList<>(byCode.keySet());
        parsed.stream().map(Parsed::parentCode).filter(c -> c != null && !byCode.containsKey(c))
                .distinct().forEach(referenced::add);
        Map<String, Area> stored = new HashMap<>();
        repo.findAll(referenced).forEach(a -> stored.put(a.code(), a));
        Map<String, List<AreaLevel>> storedChildren = repo.childLevels(new ArrayList<>(byCode.keySet()));

        // Children named in this collection must also fit the new levels.
        Map<String, List<AreaLevel>> batchChildren = new HashMap<>();
        for (Parsed p : parsed) {
            if (p.parentCode() != null) {
                batchChildren.computeIfAbsent(p.parentCode(), k -> new ArrayList<>()).add(p.level());
            }
        }
        for (Parsed p : parsed) {
            AreaLevel parentLevel = null;
            boolean parentExists = false;
            if (p.parentCode() != null) {
                Parsed inBatch = byCode.get(p.parentCode());
                Area known = stored.get(p.parentCode());
                parentExists = inBatch != null || known != null;
                parentLevel = inBatch != null ? inBatch.level() : known != null ? known.level() : null;
            }
            List<AreaLevel> children = new ArrayList<>(batchChildren.getOrDefault(p.code(), List.of()));
            children.addAll(storedChildren.getOrDefault(p.code(), List.of()));
            for (FieldError e : AreaRules.checkNesting(p.level(), p.parentCode(), parentExists, parentLevel,
                    children, p.boundary() != null)) {
                errors.add(e.at(prefix(p.index()) + "properties." + e.field()));
            }
            Area existing = stored.get(p.code());
            if (existing != null && !java.util.Objects.equals(existing.parentCode(), p.parentCode())) {
                errors.add(FieldError.of(prefix(p.index()) + "properties.parentCode", "area.move-by-put", p.code()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(AreaImportService::featureIndex));
            throw ApiException.badRequest(errors.size() + " problem(s) in the collection; nothing was imported",
                    errors);
        }

        // Parents first, so paths can be computed and foreign keys hold.
        List<Parsed> ordered = new ArrayList<>(parsed);
        ordered.sort(Comparator.comparing(Parsed::level));
        Map<String, List<String>> paths = new HashMap<>();
        List<Area> rows = new ArrayList<>(ordered.size());
        List<String> boundaries = new ArrayList<>(ordered.size());
        for (Parsed p : ordered) {
            List<String> path = new ArrayList<>();
            if (p.parentCode() != null) {
                path.addAll(paths.containsKey(p.parentCode()) ? paths.get(p.parentCode())
                        : stored.get(p.parentCode()).path());
            }
            path.add(p.code());
            paths.put(p.code(), path);
            rows.add(new Area(p.code(), p.name(), p.nameEn(), p.level(), p.parentCode(), path, p.population(),
                    p.responsibleUnit(), 1, null, null, null));
            boundaries.add(p.boundary());
        }
        List<Area> written = repo.upsertAll(rows, boundaries);
        areas.publish(written);
        int created = (int) written.stream().filter(a -> a.version() == 1).count();
        return new Result(written.size(), created, written.size() - created);
    }

    private Parsed parse(int i, JsonNode f, List<FieldError> errors) {
        String pre = prefix(i);
        if (f == null || !f.isObject() || !"Feature".equals(f.path("type").asText())) {
            errors.add(FieldError.of(pre + "type", "area.not-a-feature"));
            return null;
        }
        JsonNode props = f.path("properties");
        int before = errors.size();
        String code = text(props, "code");
        if (code == null || !CODE.matcher(code).matches()) {
            errors.add(FieldError.of(pre + "properties.code", "area.import-code"));
        }
        String name = text(props, "name");
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(FieldError.of(pre + "properties.name", "area.import-name"));
        }
        String nameEn = text(props, "nameEn");
        if (nameEn != null && nameEn.length() > 200) {
            errors.add(FieldError.of(pre + "properties.nameEn", "too-long", "200"));
        }
        AreaLevel level = AreaLevel.parse(text(props, "level"));
        if (level == null) {
            errors.add(FieldError.of(pre + "properties.level", "area.level"));
        }
        String parent = text(props, "parentCode");
        if (parent != null && parent.isBlank()) {
            parent = null;
        }
        Long population = null;
        JsonNode pop = props.get("population");
        if (pop != null && !pop.isNull()) {
            if (!pop.canConvertToLong() || !pop.isIntegralNumber() || pop.asLong() < 0) {
                errors.add(FieldError.of(pre + "properties.population", "area.population"));
            } else {
                population = pop.asLong();
            }
        }
        String unit = text(props, "responsibleUnit");
        if (unit != null && unit.length() > 100) {
            errors.add(FieldError.of(pre + "properties.responsibleUnit", "too-long", "100"));
        }
        JsonNode geometry = f.get("geometry");
        String boundary = null;
        if (geometry != null && !geometry.isNull()) {
            List<FieldError> geoErrors = GeoJsonPolygons.check(geometry, pre + "geometry");
            errors.addAll(geoErrors);
            if (geoErrors.isEmpty()) {
                boundary = geometry.toString();
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Parsed(i, code, name.strip(), nameEn, level, parent, population, unit, boundary);
    }

    private static String text(JsonNode props, String field) {
        JsonNode n = props.get(field);
        return n == null || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }

    private static String prefix(int i) {
        return "features[" + i + "].";
    }

    private static int featureIndex(FieldError e) {
        String f = e.field();
        int end = f.indexOf(']');
        return f.startsWith("features[") && end > 0 ? Integer.parseInt(f.substring(9, end)) : -1;
    }

}
