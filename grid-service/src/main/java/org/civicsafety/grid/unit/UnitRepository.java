package org.civicsafety.grid.unit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.SqlRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The unit directory (table unit). */
@ApplicationScoped
public class UnitRepository implements PanacheRepositoryBase<Unit, String> {
    /** A unit an area or a routing rule names that the directory does not have yet. */
    record Missing(String id, String areaCode, String areaName, String areaNameEn, AreaLevel level) {}

    public Optional<Unit> find(String id, boolean forUpdate) {
        if (!Codes.storable(id)) {
            return Optional.empty();
        }
        return forUpdate ? findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE) : findByIdOptional(id);
    }

    /** The directory names of the units {@code ids} the directory has, by id. */
    public Map<String, String> names(Collection<String> ids) {
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            list("id in ?1", ids).forEach(u -> names.put(u.id(), u.name));
        }
        return names;
    }

    /**
     * By id, after the unit {@code afterId} (a cursor).
     *
     * @param within null for all units, else only those sitting in this area's subtree
     * @param scope null for no limit, else the caller's area: units in its subtree or on its path (the units above)
     */
    @SuppressWarnings("unchecked")
    public List<Unit> list(String within, String scope, String afterId, int limit) {
        // SQL: area subtree by array containment on area.path (GIN index), keyset paging
        StringBuilder sql = new StringBuilder("SELECT u.* FROM unit u WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (within != null) {
            sql.append(" AND u.area_code IN (SELECT a.code FROM area a WHERE a.path @> ARRAY[?::text])");
            args.add(within);
        }
        if (scope != null) {
            sql.append(" AND (u.area_code IN (SELECT a.code FROM area a WHERE a.path @> ARRAY[?::text])"
                    + " OR u.area_code IN (SELECT unnest(a.path) FROM area a WHERE a.code = ?))");
            args.add(scope);
            args.add(scope);
        }
        if (afterId != null) {
            sql.append(" AND u.id > ?");
            args.add(afterId);
        }
        sql.append(" ORDER BY u.id LIMIT ?");
        args.add(limit);
        return NativeQueries.bind(getEntityManager().createNativeQuery(sql.toString(), Unit.class), args)
                .getResultList();
    }

    /** Whether a unit sits in the subtree of {@code area} or on its path. */
    public boolean inScope(String unitArea, String area) {
        return !SqlRow.list(NativeQueries.bind(getEntityManager().createNativeQuery("SELECT 1 AS hit FROM area a"
                + " WHERE a.code = ? AND (? = ANY(a.path) OR a.code = ANY((SELECT path FROM area WHERE code = ?)"
                + "::text[]))"), List.of(unitArea, area, area)), r -> r.integer("hit")).isEmpty();
    }

    /**
     * The responsible units of these areas (all areas when null) that are not in the directory, each once with the
     * highest area that names it.
     */
    public List<Missing> missingForAreas(List<String> areaCodes) {
        // SQL: one pass over the areas, however many an import wrote
        return SqlRow.list(NativeQueries.bind(getEntityManager().createNativeQuery("SELECT DISTINCT ON"
                + " (a.responsible_unit) a.responsible_unit AS id, a.code, a.name, a.name_en, a.level FROM area a"
                + " WHERE a.responsible_unit IS NOT NULL" + (areaCodes == null ? "" : " AND a.code = ANY(?)")
                + " AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = a.responsible_unit)"
                + " ORDER BY a.responsible_unit, cardinality(a.path), a.code"),
                areaCodes == null ? List.of() : List.of(areaCodes)),
                r -> new Missing(r.string("id"), r.string("code"), r.string("name"), r.string("name_en"),
                        AreaLevel.valueOf(r.string("level"))));
    }

    /**
     * Units routing rules name that are not in the directory, each with the rule's area (the topmost area for a
     * territory-wide rule); none when there is no area at all.
     */
    public List<Missing> missingForRules() {
        return SqlRow.list(getEntityManager().createNativeQuery("SELECT DISTINCT ON (r.unit) r.unit AS id, a.code,"
                + " a.name, a.name_en, a.level FROM routing_rule r JOIN area a ON a.code = coalesce(r.area_code,"
                + " (SELECT min(code) FROM area WHERE level = 'COUNTY'))"
                + " WHERE NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = r.unit) ORDER BY r.unit, r.id"),
                r -> new Missing(r.string("id"), r.string("code"), r.string("name"), r.string("name_en"),
                        AreaLevel.valueOf(r.string("level"))));
    }

    /**
     * Inserts units at version 1, skipping ids another transaction added meanwhile; returns the ones inserted (so
     * only their events are written).
     */
    @SuppressWarnings("unchecked")
    public List<Unit> insertMissing(List<Unit> units) {
        if (units.isEmpty()) {
            return List.of();
        }
        return NativeQueries.bind(getEntityManager().createNativeQuery("INSERT INTO unit (id, name, name_en,"
                + " area_code, kind) SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " ON CONFLICT (id) DO NOTHING RETURNING *", Unit.class), List.of(
                        units.stream().map(u -> u.id).toArray(String[]::new),
                        units.stream().map(u -> u.name).toArray(String[]::new),
                        units.stream().map(u -> u.nameEn).toArray(String[]::new),
                        units.stream().map(u -> u.areaCode).toArray(String[]::new),
                        units.stream().map(u -> u.kind.name()).toArray(String[]::new)))
                .getResultList();
    }
}
