package org.civicsafety.cases.area;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import java.util.Optional;

/** The local copy of grid-service's area hierarchy. */
@ApplicationScoped
public class AreaDirectory {

    public record AreaEvent(String code, String name, String level, String parentCode, List<String> path,
                            Long population, String responsibleUnit, long version) { }

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    /** The area's path (codes from the county down), if the area is known. */
    public Optional<String[]> path(String code) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT path FROM area WHERE code = ?1")
                .setParameter(1, code).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object v = rows.get(0);
        if (v instanceof String[] arr) {
            return Optional.of(arr);
        }
        if (v instanceof Object[] arr) {
            return Optional.of(java.util.Arrays.stream(arr).map(String::valueOf).toArray(String[]::new));
        }
        try {
            Object[] arr = (Object[]) ((java.sql.Array) v).getArray();
            return Optional.of(java.util.Arrays.stream(arr).map(String::valueOf).toArray(String[]::new));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applies a batch of upserts in one transaction: the ce_ids are recorded with the effect,
     * already-applied ids are skipped, and per code only the newest version counts (older
     * versions than the stored one are ignored). Returns how many events were new.
     */
    @Transactional
    public int apply(List<Received> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            Set<String> fresh = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO consumed_event (ce_id) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING RETURNING ce_id")) {
                ps.setArray(1, c.createArrayOf("text", batch.stream().map(Received::ceId).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getString(1));
                    }
                }
            }
            Map<String, AreaEvent> newest = new LinkedHashMap<>();
            for (Received r : batch) {
                if (fresh.contains(r.ceId())) {
                    newest.merge(r.area().code(), r.area(), (a, b) -> b.version() >= a.version() ? b : a);
                }
            }
            if (newest.isEmpty()) {
                return 0;
            }
            List<AreaEvent> rows = List.copyOf(newest.values());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, version, updated_at)
                    SELECT t.code, t.name, t.level, t.parent, string_to_array(t.path, chr(31)), t.pop, t.unit, t.ver, now()
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[])
                         AS t(code, name, level, parent, path, pop, unit, ver)
                    ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                        parent_code = excluded.parent_code, path = excluded.path, population = excluded.population,
                        responsible_unit = excluded.responsible_unit, version = excluded.version, updated_at = now()
                    WHERE area.version < excluded.version""")) {
                ps.setArray(1, c.createArrayOf("text", rows.stream().map(AreaEvent::code).toArray()));
                ps.setArray(2, c.createArrayOf("text", rows.stream().map(a -> a.name() == null ? a.code() : a.name()).toArray()));
                ps.setArray(3, c.createArrayOf("text", rows.stream().map(AreaEvent::level).toArray()));
                ps.setArray(4, c.createArrayOf("text", rows.stream().map(AreaEvent::parentCode).toArray()));
                ps.setArray(5, c.createArrayOf("text", rows.stream()
                        .map(a -> String.join(PATH_SEPARATOR, a.path() == null || a.path().isEmpty() ? List.of(a.code()) : a.path()))
                        .toArray()));
                ps.setArray(6, c.createArrayOf("bigint", rows.stream().map(AreaEvent::population).toArray()));
                ps.setArray(7, c.createArrayOf("text", rows.stream().map(AreaEvent::responsibleUnit).toArray()));
                ps.setArray(8, c.createArrayOf("bigint", rows.stream().map(AreaEvent::version).toArray()));
                ps.executeUpdate();
            }
            return fresh.size();
        }
    }

    /** chr(31), the ASCII unit separator: cannot occur in an area code. */
    private static final String PATH_SEPARATOR = "\u001f";

    public record Received(String ceId, AreaEvent area) { }

}
