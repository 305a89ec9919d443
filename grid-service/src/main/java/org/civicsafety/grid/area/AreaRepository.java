package org.civicsafety.grid.area;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.SqlRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Table {@code area} through the ORM session. Geometry work (GeoJSON in and out, validity, containment) is done by
 * PostGIS, so every statement here is SQL, mapped to {@link Area} records.
 */
@ApplicationScoped
public class AreaRepository {
    static final String COLUMNS = "code, name, name_en, level, parent_code, path, population, responsible_unit,"
            + " version, created_at, updated_at";
    /** The boundary column of {@link Area}, for the reads that do not load it. */
    static final String NO_BOUNDARY = "NULL AS boundary_geojson";
    static final String GEOM = "ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))";
    /**
     * Map shapes drop detail below this fraction of the parent's extent: under a pixel of a map showing the parent
     * 1,000 pixels wide, and 50 children of detailed boundaries stay well under 100 KB.
     */
    static final int SIMPLIFY_STEPS = 1000;

    @Inject EntityManager em;

    /** A point surely inside the area's boundary (for reports placed by area code only), as {lat, lon}. */
    public Optional<double[]> pointInside(String code) {
        return SqlRow.list(query("SELECT ST_Y(ST_PointOnSurface(boundary)) AS lat,"
                + " ST_X(ST_PointOnSurface(boundary)) AS lon FROM area WHERE code = ? AND boundary IS NOT NULL",
                List.of(code)), r -> new double[]{r.dbl("lat"), r.dbl("lon")}).stream().findFirst();
    }

    public Optional<Area> find(String code, boolean withBoundary, boolean forUpdate) {
        if (!Codes.storable(code)) {
            return Optional.empty();
        }
        return areas("SELECT " + COLUMNS
                + (withBoundary ? ", ST_AsGeoJSON(boundary, 7) AS boundary_geojson" : ", " + NO_BOUNDARY)
                + " FROM area WHERE code = ?" + (forUpdate ? " FOR UPDATE" : ""), List.of(code)).stream().findFirst();
    }

    public List<Area> findAll(List<String> codes) {
        return areas("SELECT " + COLUMNS + ", " + NO_BOUNDARY + " FROM area WHERE code = ANY(?)", List.of(codes));
    }

    public List<Area> list(AreaLevel level, String parentCode, String after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", " + NO_BOUNDARY + " FROM area WHERE true");
        List<Object> args = new ArrayList<>();
        if (level != null) {
            sql.append(" AND level = ?");
            args.add(level.name());
        }
        if (parentCode != null) {
            sql.append(" AND parent_code = ?");
            args.add(parentCode);
        }
        if (after != null) {
            sql.append(" AND code > ?");
            args.add(after);
        }
        sql.append(" ORDER BY code LIMIT ?");
        args.add(limit);
        return areas(sql.toString(), args);
    }

    /** The children of {@code parentCode} (the top-level areas if null), by code, without boundaries. */
    public List<Area> children(String parentCode) {
        return parentCode == null
                ? areas("SELECT " + COLUMNS + ", " + NO_BOUNDARY + " FROM area WHERE parent_code IS NULL ORDER BY code",
                        List.of())
                : areas("SELECT " + COLUMNS + ", " + NO_BOUNDARY + " FROM area WHERE parent_code = ? ORDER BY code",
                        List.of(parentCode));
    }

    /** A child area's shape for maps: its boundary simplified for display, as GeoJSON (null without one). */
    public record Shape(String code, String name, AreaLevel level, String parentCode, String geometryGeoJson) {}

    /**
     * The children of {@code parentCode} (the top-level areas if null), by code, with their boundaries simplified
     * for a map showing the parent whole: the tolerance is {@link #SIMPLIFY_STEPS}th of the larger side of the
     * parent's extent (of the children's, where the parent has no boundary), coordinates rounded to 6 decimals
     * (about 0.1 m). Empty if the parent is unknown.
     */
    public Optional<List<Shape>> childShapes(String parentCode) {
        if (parentCode != null && !Codes.storable(parentCode)) {
            return Optional.empty();
        }
        // One round trip: the parent row p (none if unknown, so no rows), its children c (a row of nulls if none)
        String parent = parentCode == null ? "SELECT NULL::geometry AS boundary" : "SELECT boundary FROM area"
                + " WHERE code = ?";
        String children = parentCode == null ? "parent_code IS NULL" : "parent_code = ?";
        List<Object> args = parentCode == null ? List.of() : List.of(parentCode, parentCode);
        List<Shape> rows = SqlRow.list(query("WITH p AS (" + parent + "), c AS (SELECT code, name, level, parent_code,"
                + " boundary FROM area WHERE " + children + "), e AS (SELECT coalesce((SELECT boundary::box2d FROM p),"
                + " (SELECT ST_Extent(boundary) FROM c)) AS box)"
                + " SELECT c.code, c.name, c.level, c.parent_code, ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(c.boundary,"
                + " greatest(ST_XMax(e.box) - ST_XMin(e.box), ST_YMax(e.box) - ST_YMin(e.box)) / " + SIMPLIFY_STEPS
                + ")), 6) AS geometry FROM p CROSS JOIN e LEFT JOIN c ON true ORDER BY c.code", args),
                r -> r.string("code") == null ? null : new Shape(r.string("code"), r.string("name"),
                        AreaLevel.valueOf(r.string("level")), r.string("parent_code"), r.string("geometry")));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rows.stream().filter(Objects::nonNull).toList());
    }

    /**
     * The area {@code code} with all its ancestors, county first, in one round trip (empty if unknown).
     */
    public List<Area> lineage(String code) {
        if (!Codes.storable(code)) {
            return List.of();
        }
        return areas("SELECT " + COLUMNS + ", " + NO_BOUNDARY + " FROM area"
                + " WHERE code = ANY((SELECT path FROM area WHERE code = ?)::text[])"
                + " ORDER BY cardinality(path)", List.of(code));
    }

    /**
     * The GRID containing the point (PostGIS containment; the smallest if grids overlap) with all its
     * ancestors, county first, in one round trip (empty if none).
     */
    public List<Area> locateLineage(double lat, double lon) {
        return areas("SELECT " + COLUMNS + ", " + NO_BOUNDARY + " FROM area WHERE code = ANY((SELECT path FROM area"
                + " WHERE level = 'GRID' AND ST_Contains(boundary, ST_SetSRID(ST_MakePoint(?, ?), 4326))"
                + " ORDER BY ST_Area(boundary), code LIMIT 1)::text[]) ORDER BY cardinality(path)", List.of(lon, lat));
    }

    public List<AreaLevel> childLevels(String code) {
        return SqlRow.list(query("SELECT DISTINCT level FROM area WHERE parent_code = ?", List.of(code)),
                r -> AreaLevel.valueOf(r.string("level")));
    }

    /** Child levels per parent for many parents at once (bulk import). */
    public Map<String, List<AreaLevel>> childLevels(List<String> codes) {
        record Row(String parent, AreaLevel level) {}
        Map<String, List<AreaLevel>> result = new HashMap<>();
        SqlRow.list(query("SELECT DISTINCT parent_code, level FROM area WHERE parent_code = ANY(?)", List.of(codes)),
                r -> new Row(r.string("parent_code"), AreaLevel.valueOf(r.string("level"))))
                .forEach(r -> result.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r.level()));
        return result;
    }

    /**
     * Indexes (0-based, into {@code geoJsons}) of topologically invalid geometries with PostGIS's reason.
     * Inputs must have passed {@link GeoJsonPolygons#check} so parsing cannot fail.
     */
    public Map<Integer, String> invalidGeometries(List<String> geoJsons) {
        Map<Integer, String> invalid = new HashMap<>();
        if (geoJsons.isEmpty()) {
            return invalid;
        }
        record Row(int index, String reason) {}
        String sql = "SELECT i - 1 AS index, ST_IsValidReason(g) AS reason FROM (SELECT i, ST_GeomFromGeoJSON(j) g"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS t(j, i) WHERE j IS NOT NULL) s"
                + " WHERE NOT ST_IsValid(g) OR ST_IsEmpty(g)";
        try {
            SqlRow.list(query(sql, List.of(geoJsons)), r -> new Row(r.integer("index"), r.string("reason")))
                    .forEach(r -> invalid.put(r.index(), r.reason()));
        } catch (PersistenceException e) {
            throw ApiException.badRequest(FieldError.of("boundary", "area.invalid-geometry"));
        }
        return invalid;
    }

    /** Inserts a new area (version 1); false if the code already exists. */
    public boolean insert(Area a, String boundary) {
        return update("INSERT INTO area (code, name, name_en, level, parent_code, path, population, responsible_unit,"
                + " boundary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + GEOM + ") ON CONFLICT (code) DO NOTHING",
                columns(a, boundary)) == 1;
    }

    public void replace(Area a, String boundary) {
        List<Object> args = columns(a, boundary);
        args.add(a.version());
        args.add(a.code());
        update("UPDATE area SET code = ?, name = ?, name_en = ?, level = ?, parent_code = ?, path = ?,"
                + " population = ?, responsible_unit = ?, boundary = " + GEOM + ", version = ?, updated_at = now()"
                + " WHERE code = ?", args);
    }

    /**
     * Moves the subtree below a re-parented area: replaces the old path prefix by the new one and bumps
     * their versions. Returns the updated descendants.
     */
    public List<Area> repathDescendants(String code, List<String> oldPath, List<String> newPath) {
        return areas("UPDATE area SET path = ?::text[] || path[? :], version = version + 1, updated_at = now()"
                + " WHERE ? = ANY(path) AND code <> ? RETURNING " + COLUMNS + ", " + NO_BOUNDARY,
                List.of(newPath, oldPath.size() + 1, code, code));
    }

    /**
     * Bulk upsert for the import: one multi-row statement per chunk (rows must come parents first).
     * Returns the stored rows (with their new versions and whether they were inserted).
     */
    public List<Area> upsertAll(List<Area> areas, List<String> boundaries) {
        String sql = "INSERT INTO area AS a (code, name, name_en, level, parent_code, path, population,"
                + " responsible_unit, boundary)"
                + " SELECT t.code, t.name, t.name_en, t.level, t.parent_code, string_to_array(t.path, '/'),"
                + " t.population, t.responsible_unit,"
                + " ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(t.boundary), 4326))"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],"
                + " ?::text[], ?::text[]) WITH ORDINALITY"
                + " AS t(code, name, name_en, level, parent_code, path, population, responsible_unit, boundary, ord)"
                + " ORDER BY t.ord"
                + " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en,"
                + " level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, path = EXCLUDED.path,"
                + " population = EXCLUDED.population, responsible_unit = EXCLUDED.responsible_unit,"
                + " boundary = EXCLUDED.boundary, version = a.version + 1, updated_at = now()"
                + " RETURNING a.code, a.name, a.name_en, a.level, a.parent_code, a.path, a.population,"
                + " a.responsible_unit, a.version, a.created_at, a.updated_at, " + NO_BOUNDARY;
        List<Area> stored = new ArrayList<>(areas.size());
        int chunk = 5000;
        for (int from = 0; from < areas.size(); from += chunk) {
            List<Area> part = areas.subList(from, Math.min(areas.size(), from + chunk));
            List<String> geo = boundaries.subList(from, Math.min(areas.size(), from + chunk));
            stored.addAll(areas(sql, List.of(texts(part, Area::code), texts(part, Area::name),
                    texts(part, Area::nameEn), texts(part, a -> a.level().name()), texts(part, Area::parentCode),
                    texts(part, a -> String.join("/", a.path())),
                    part.stream().map(Area::population).toArray(Long[]::new),
                    texts(part, Area::responsibleUnit), geo.toArray(String[]::new))));
        }
        return stored;
    }

    /** One column of a chunk as a text array (nulls kept). */
    private static String[] texts(List<Area> areas, Function<Area, String> column) {
        return areas.stream().map(column).toArray(String[]::new);
    }

    /** The values of the eight data columns and the boundary, in table order. */
    private static List<Object> columns(Area a, String boundary) {
        return new ArrayList<>(Arrays.asList(a.code(), a.name(), a.nameEn(), a.level().name(), a.parentCode(),
                a.path().toArray(String[]::new), a.population(), a.responsibleUnit(), boundary));
    }

    private List<Area> areas(String sql, List<?> args) {
        return SqlRow.list(query(sql, args), AreaRepository::area);
    }

    private int update(String sql, List<?> args) {
        return query(sql, args).executeUpdate();
    }

    private Query query(String sql, List<?> args) {
        return NativeQueries.bind(em.createNativeQuery(sql), args);
    }

    /** An area from the {@link #COLUMNS} and the boundary column. */
    private static Area area(SqlRow r) {
        return new Area(r.string("code"), r.string("name"), r.string("name_en"), AreaLevel.valueOf(r.string("level")),
                r.string("parent_code"), Arrays.asList(r.strings("path")), r.nullableLong("population"),
                r.string("responsible_unit"), r.lng("version"), r.offsetDateTime("created_at"),
                r.offsetDateTime("updated_at"), r.string("boundary_geojson"));
    }
}
