package org.civicsafety.grid.area;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Codes;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL access to {@code area}; geometry work (parsing, validity, containment) is done by PostGIS. */
@ApplicationScoped
public class AreaRepository {
    static final String COLUMNS = "code, name, name_en, level, parent_code, path, population, responsible_unit,"
            + " version, created_at, updated_at";
    static final String GEOM = "ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))";

    @Inject
    AgroalDataSource ds;

    /** A point surely inside the area's boundary (for reports placed by area code only), as {lat, lon}. */
    public Optional<double[]> pointInside(String code) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT"
                + " ST_Y(ST_PointOnSurface(boundary)), ST_X(ST_PointOnSurface(boundary)) FROM area"
                + " WHERE code = ? AND boundary IS NOT NULL")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new double[] {rs.getDouble(1), rs.getDouble(2)}) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("area query failed", e);
        }
    }

    public Optional<Area> find(String code, boolean withBoundary, boolean forUpdate) {
        if (!Codes.storable(code)) {
            return Optional.empty();
        }
        String sql = "SELECT " + COLUMNS + (withBoundary ? ", ST_AsGeoJSON(boundary, 7)" : ", NULL")
                + " FROM area WHERE code = ?" + (forUpdate ? " FOR UPDATE" : "");
        List<Area> r = query(sql, ps -> ps.setString(1, code));
        return r.stream().findFirst();
    }

    public List<Area> findAll(List<String> codes) {
        return query("SELECT " + COLUMNS + ", NULL FROM area WHERE code = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", codes.toArray())));
    }

    public List<Area> list(AreaLevel level, String parentCode, String after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", NULL FROM area WHERE true");
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
        return query(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
        });
    }

    /**
     * The area {@code code} with all its ancestors, county first, in one round trip (empty if unknown).
     */
    public List<Area> lineage(String code) {
        if (!Codes.storable(code)) {
            return List.of();
        }
        return query("SELECT " + COLUMNS + ", NULL FROM area"
                + " WHERE code = ANY((SELECT path FROM area WHERE code = ?)::text[])"
                + " ORDER BY cardinality(path)", ps -> ps.setString(1, code));
    }

    /**
     * The GRID containing the point (PostGIS containment; the smallest if grids overlap) with all its
     * ancestors, county first, in one round trip (empty if none).
     */
    public List<Area> locateLineage(double lat, double lon) {
        return query("SELECT " + COLUMNS + ", NULL FROM area WHERE code = ANY((SELECT path FROM area"
                + " WHERE level = 'GRID' AND ST_Contains(boundary, ST_SetSRID(ST_MakePoint(?, ?), 4326))"
                + " ORDER BY ST_Area(boundary), code LIMIT 1)::text[]) ORDER BY cardinality(path)", ps -> {
                    ps.setDouble(1, lon);
                    ps.setDouble(2, lat);
                });
    }

    public List<AreaLevel> childLevels(String code) {
        List<AreaLevel> levels = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT level FROM area WHERE parent_code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    levels.add(AreaLevel.valueOf(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return levels;
    }

    /** Child levels per parent for many parents at once (bulk import). */
    public Map<String, List<AreaLevel>> childLevels(List<String> codes) {
        Map<String, List<AreaLevel>> result = new HashMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT parent_code, level FROM area WHERE parent_code = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(AreaLevel.valueOf(rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
        String sql = "SELECT i - 1, ST_IsValidReason(g) FROM (SELECT i, ST_GeomFromGeoJSON(j) g"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS t(j, i) WHERE j IS NOT NULL) s"
                + " WHERE NOT ST_IsValid(g) OR ST_IsEmpty(g)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", geoJsons.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    invalid.put(rs.getInt(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw ApiException.badRequest(FieldError.of("boundary", "area.invalid-geometry"));
        }
        return invalid;
    }

    /** Inserts a new area (version 1); false if the code already exists. */
    public boolean insert(Area a, String boundary) {
        String sql = "INSERT INTO area (code, name, name_en, level, parent_code, path, population, responsible_unit,"
                + " boundary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + GEOM + ") ON CONFLICT (code) DO NOTHING";
        return update(sql, ps -> {
            bindCommon(ps, a, 1);
            ps.setString(9, boundary);
        }) == 1;
    }

    public void replace(Area a, String boundary) {
        String sql = "UPDATE area SET code = ?, name = ?, name_en = ?, level = ?, parent_code = ?, path = ?,"
                + " population = ?, responsible_unit = ?, boundary = " + GEOM + ", version = ?, updated_at = now()"
                + " WHERE code = ?";
        update(sql, ps -> {
            bindCommon(ps, a, 1);
            ps.setString(9, boundary);
            ps.setLong(10, a.version());
            ps.setString(11, a.code());
        });
    }

    /**
     * Moves the subtree below a re-parented area: replaces the old path prefix by the new one and bumps
     * their versions. Returns the updated descendants.
     */
    public List<Area> repathDescendants(String code, List<String> oldPath, List<String> newPath) {
        String sql = "UPDATE area SET path = ?::text[] || path[? :], version = version + 1, updated_at = now()"
                + " WHERE ? = ANY(path) AND code <> ? RETURNING " + COLUMNS + ", NULL";
        return query(sql, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", newPath.toArray()));
            ps.setInt(2, oldPath.size() + 1);
            ps.setString(3, code);
            ps.setString(4, code);
        });
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
                + " a.responsible_unit, a.version, a.created_at, a.updated_at, NULL";
        List<Area> stored = new ArrayList<>(areas.size());
        int chunk = 5000;
        for (int from = 0; from < areas.size(); from += chunk) {
            List<Area> part = areas.subList(from, Math.min(areas.size(), from + chunk));
            List<String> geo = boundaries.subList(from, Math.min(areas.size(), from + chunk));
            stored.addAll(query(sql, ps -> {
                Connection c = ps.getConnection();
                ps.setArray(1, c.createArrayOf("text", part.stream().map(Area::code).toArray()));
                ps.setArray(2, c.createArrayOf("text", part.stream().map(Area::name).toArray()));
                ps.setArray(3, c.createArrayOf("text", part.stream().map(Area::nameEn).toArray()));
                ps.setArray(4, c.createArrayOf("text", part.stream().map(a -> a.level().name()).toArray()));
                ps.setArray(5, c.createArrayOf("text", part.stream().map(Area::parentCode).toArray()));
                ps.setArray(6, c.createArrayOf("text", part.stream().map(a -> String.join("/", a.path())).toArray()));
                ps.setArray(7, c.createArrayOf("bigint", part.stream().map(Area::population).toArray()));
                ps.setArray(8, c.createArrayOf("text", part.stream().map(Area::responsibleUnit).toArray()));
                ps.setArray(9, c.createArrayOf("text", geo.toArray()));
            }));
        }
        return stored;
    }

    private static void bindCommon(PreparedStatement ps, Area a, int from) throws SQLException {
        ps.setString(from, a.code());
        ps.setString(from + 1, a.name());
        ps.setString(from + 2, a.nameEn());
        ps.setString(from + 3, a.level().name());
        ps.setString(from + 4, a.parentCode());
        ps.setArray(from + 5, ps.getConnection().createArrayOf("text", a.path().toArray()));
        if (a.population() == null) {
            ps.setNull(from + 6, Types.BIGINT);
        } else {
            ps.setLong(from + 6, a.population());
        }
        ps.setString(from + 7, a.responsibleUnit());
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Area> query(String sql, Binder binder) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Area> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("area query failed", e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("area update failed", e);
        }
    }

    static Area map(ResultSet rs) throws SQLException {
        Array path = rs.getArray(6);
        long pop = rs.getLong(7);
        Long population = rs.wasNull() ? null : pop;
        return new Area(rs.getString(1), rs.getString(2), rs.getString(3), AreaLevel.valueOf(rs.getString(4)),
                rs.getString(5), Arrays.asList((String[]) path.getArray()), population, rs.getString(8),
                rs.getLong(9), rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class),
                rs.getString(12));
    }
}
