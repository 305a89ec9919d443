package org.civicsafety.cases.area;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The local copy of grid-service's area hierarchy. */
@ApplicationScoped
public class AreaDirectory {

    public record AreaEvent(String code, String name, String level, String parentCode, List<String> path,
                            Long population, String responsibleUnit, long version) { }

    @Inject
    EntityManager em;

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
     * Applies one upsert unless its ce_id was already applied or it is older than what we hold;
     * both checks run in the caller's transaction with the effect.
     */
    @Transactional
    public boolean apply(String ceId, AreaEvent a) {
        int fresh = em.createNativeQuery("INSERT INTO consumed_event (ce_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, ceId).executeUpdate();
        if (fresh == 0) {
            return false;
        }
        List<String> path = a.path() == null || a.path().isEmpty() ? List.of(a.code()) : a.path();
        em.createNativeQuery("""
                INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, version, updated_at)
                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text[]), ?6, ?7, ?8, now())
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                    parent_code = excluded.parent_code, path = excluded.path, population = excluded.population,
                    responsible_unit = excluded.responsible_unit, version = excluded.version, updated_at = now()
                WHERE area.version < excluded.version
                """)
                .setParameter(1, a.code())
                .setParameter(2, a.name() == null ? a.code() : a.name())
                .setParameter(3, a.level())
                .setParameter(4, a.parentCode())
                .setParameter(5, toArrayLiteral(path))
                .setParameter(6, a.population())
                .setParameter(7, a.responsibleUnit())
                .setParameter(8, a.version())
                .executeUpdate();
        return true;
    }

    @Transactional
    public void markConsumed(String ceId) {
        em.createNativeQuery("INSERT INTO consumed_event (ce_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, ceId).executeUpdate();
    }

    /** A PostgreSQL array literal, each element quoted so codes with any character survive. */
    public static String toArrayLiteral(List<String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }
}
