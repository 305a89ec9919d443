package org.civicsafety.cases.area;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/** The local copy of grid-service's area hierarchy. */
@ApplicationScoped
public class AreaDirectory {

    public record AreaEvent(String code, String name, String level, String parentCode, List<String> path,
            Long population, String responsibleUnit, long version) {}

    @Inject EntityManager em;

    /** The area's path (codes from the county down), if the area is known. */
    @SuppressWarnings("unchecked")
    public Optional<String[]> path(String code) {
        List<String[]> rows = em.createNativeQuery("SELECT path FROM area WHERE code = ?1")
                .setParameter(1, code).getResultList();
        return rows.stream().findFirst();
    }

    /** The area's name (e.g. 东关镇), if the area is known. */
    @SuppressWarnings("unchecked")
    public Optional<String> name(String code) {
        List<String> rows = em.createNativeQuery("SELECT name FROM area WHERE code = ?1").setParameter(1, code)
                .getResultList();
        return rows.stream().findFirst();
    }

    /**
     * Applies a batch of upserts in one transaction: the ce_ids are recorded with the effect,
     * already-applied ids are skipped, and per code only the newest version counts (older
     * versions than the stored one are ignored). Returns how many events were new.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int apply(List<Received> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        // SQL: one statement per batch (arrays unnested), and ON CONFLICT makes the ce_id and version checks atomic.
        Set<String> fresh = new HashSet<>(em.createNativeQuery("""
                INSERT INTO consumed_event (ce_id) SELECT unnest(CAST(?1 AS text[])) ON CONFLICT DO NOTHING
                RETURNING ce_id""", String.class)
                .setParameter(1, batch.stream().map(Received::ceId).toArray(String[]::new)).getResultList());
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
        em.createNativeQuery("""
                INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, version, updated_at)
                SELECT t.code, t.name, t.level, t.parent, string_to_array(t.path, chr(31)), t.pop, t.unit, t.ver, now()
                FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                            CAST(?5 AS text[]), CAST(?6 AS bigint[]), CAST(?7 AS text[]), CAST(?8 AS bigint[]))
                     AS t(code, name, level, parent, path, pop, unit, ver)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                    parent_code = excluded.parent_code, path = excluded.path, population = excluded.population,
                    responsible_unit = excluded.responsible_unit, version = excluded.version, updated_at = now()
                WHERE area.version < excluded.version""")
                .setParameter(1, rows.stream().map(AreaEvent::code).toArray(String[]::new))
                .setParameter(2, rows.stream().map(a -> a.name() == null ? a.code() : a.name()).toArray(String[]::new))
                .setParameter(3, rows.stream().map(AreaEvent::level).toArray(String[]::new))
                .setParameter(4, rows.stream().map(AreaEvent::parentCode).toArray(String[]::new))
                .setParameter(5, rows.stream().map(a -> String.join(PATH_SEPARATOR,
                        a.path() == null || a.path().isEmpty() ? List.of(a.code()) : a.path())).toArray(String[]::new))
                .setParameter(6, rows.stream().map(AreaEvent::population).toArray(Long[]::new))
                .setParameter(7, rows.stream().map(AreaEvent::responsibleUnit).toArray(String[]::new))
                .setParameter(8, rows.stream().map(AreaEvent::version).toArray(Long[]::new))
                .executeUpdate();
        return fresh.size();
    }

    /** chr(31), the ASCII unit separator: cannot occur in an area code. */
    private static final String PATH_SEPARATOR = "\u001f";

    public record Received(String ceId, AreaEvent area) {}

}
