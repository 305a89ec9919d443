package org.civicsafety.cases.area;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicsafety.cases.common.CasesConfig;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.directory.Directory;
import org.civicsafety.cases.directory.Upserts;

/** The local copy of grid-service's area hierarchy ({@code civicsafety.areas.v1}). */
@ApplicationScoped
public class AreaDirectory implements Directory<AreaDirectory.AreaEvent> {
    static final String AREA_UPSERTED = "org.civicsafety.area.upserted.v1";

    public record AreaEvent(String code, String name, String level, String parentCode, List<String> path,
            Long population, String responsibleUnit, long version) {}

    @Inject EntityManager em;
    @Inject CasesConfig config;

    @Override
    public String topic() {
        return config.kafka().areasTopic();
    }

    @Override
    public boolean accepts(String ceType) {
        return AREA_UPSERTED.equals(ceType);
    }

    @Override
    public AreaEvent parse(JsonNode d) {
        if (!d.hasNonNull("code") || !d.get("code").isTextual() || d.get("code").asText().isBlank()) {
            throw new IllegalArgumentException("area event without code");
        }
        List<String> path = new ArrayList<>();
        if (d.has("path") && d.get("path").isArray()) {
            d.get("path").forEach(n -> path.add(n.asText()));
        }
        return new AreaEvent(d.get("code").asText(), text(d, "name"), text(d, "level"), text(d, "parentCode"), path,
                d.hasNonNull("population") && d.get("population").canConvertToLong() ? d.get("population").asLong()
                        : null,
                text(d, "responsibleUnit"), d.hasNonNull("version") ? d.get("version").asLong() : 0L);
    }

    private static String text(JsonNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).asText() : null;
    }

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

    /** An area's code and name. */
    public record Named(String code, String name) {}

    /** The children of an area (null: the top-level areas) as far as this copy knows them, by code. */
    public List<Named> children(String parentCode) {
        var q = parentCode == null
                ? em.createNativeQuery("SELECT code, name FROM area WHERE parent_code IS NULL ORDER BY code")
                : em.createNativeQuery("SELECT code, name FROM area WHERE parent_code = ?1 ORDER BY code")
                        .setParameter(1, parentCode);
        return SqlRow.list(q, r -> new Named(r.string("code"), r.string("name")));
    }

    @Override
    @Transactional
    public void apply(List<Received<AreaEvent>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<AreaEvent> rows = Upserts.freshNewestPerKey(em, batch, AreaEvent::code, AreaEvent::version);
        if (rows.isEmpty()) {
            return;
        }
        // SQL: one statement per batch (arrays unnested); the WHERE keeps a stored newer version.
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
    }

    /** chr(31), the ASCII unit separator: cannot occur in an area code. */
    private static final String PATH_SEPARATOR = "\u001f";

}
