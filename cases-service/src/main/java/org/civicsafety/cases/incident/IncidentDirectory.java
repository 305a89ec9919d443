package org.civicsafety.cases.incident;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.common.CasesConfig;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.directory.Directory;
import org.civicsafety.cases.directory.Upserts;

/**
 * The incidents of grid-service as its events on {@code civicsafety.grid.v1} describe them (id, number, category and
 * its group, area, state — never the reporter): a mediation may come from a dispute incident.
 */
@ApplicationScoped
public class IncidentDirectory implements Directory<IncidentDirectory.Incident> {
    private static final String TYPE_PREFIX = "org.civicsafety.incident.";
    private static final String TYPE_SUFFIX = ".v1";
    /** The category group of disputes (矛盾纠纷), the only incidents a mediation may come from. */
    public static final String DISPUTE = "DISPUTE";

    /** {@code categoryGroup}: null from a grid-service that does not send it yet. */
    public record Incident(UUID id, String number, String categoryCode, String categoryGroup, String areaCode,
            List<String> path, String state, long version) {}

    @Inject EntityManager em;
    @Inject CasesConfig config;

    @Override
    public String topic() {
        return config.kafka().gridTopic();
    }

    /** Every incident event carries the incident's fields: each one updates the copy. */
    @Override
    public boolean accepts(String ceType) {
        return ceType != null && ceType.startsWith(TYPE_PREFIX) && ceType.endsWith(TYPE_SUFFIX);
    }

    @Override
    public Incident parse(JsonNode d) {
        for (String field : List.of("incidentId", "number", "categoryCode", "areaCode", "state")) {
            if (!d.hasNonNull(field) || !d.get(field).isTextual() || d.get(field).asText().isBlank()) {
                throw new IllegalArgumentException("incident event without " + field);
            }
        }
        List<String> path = new ArrayList<>();
        if (d.path("path").isArray()) {
            d.get("path").forEach(n -> path.add(n.asText()));
        }
        return new Incident(UUID.fromString(d.get("incidentId").asText()), d.get("number").asText(),
                d.get("categoryCode").asText(), d.hasNonNull("categoryGroup") ? d.get("categoryGroup").asText() : null,
                d.get("areaCode").asText(), path.isEmpty() ? List.of(d.get("areaCode").asText()) : path,
                d.get("state").asText(), d.hasNonNull("version") ? d.get("version").asLong() : 0L);
    }

    @Override
    @Transactional
    public void apply(List<Received<Incident>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Incident> rows = Upserts.freshNewestPerKey(em, batch, i -> i.id().toString(), Incident::version);
        if (rows.isEmpty()) {
            return;
        }
        // SQL: one statement per batch (arrays unnested); the WHERE keeps a stored newer version.
        em.createNativeQuery("""
                INSERT INTO incident (id, number, category_code, category_group, area_code, area_path, state, version,
                                      updated_at)
                SELECT t.id, t.number, t.code, t.grp, t.area, string_to_array(t.path, chr(31)), t.state, t.ver, now()
                FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                            CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]), CAST(?8 AS bigint[]))
                     AS t(id, number, code, grp, area, path, state, ver)
                ON CONFLICT (id) DO UPDATE SET number = excluded.number, category_code = excluded.category_code,
                    category_group = coalesce(excluded.category_group, incident.category_group),
                    area_code = excluded.area_code, area_path = excluded.area_path, state = excluded.state,
                    version = excluded.version, updated_at = now()
                WHERE incident.version < excluded.version""")
                .setParameter(1, rows.stream().map(Incident::id).toArray(UUID[]::new))
                .setParameter(2, rows.stream().map(Incident::number).toArray(String[]::new))
                .setParameter(3, rows.stream().map(Incident::categoryCode).toArray(String[]::new))
                .setParameter(4, rows.stream().map(Incident::categoryGroup).toArray(String[]::new))
                .setParameter(5, rows.stream().map(Incident::areaCode).toArray(String[]::new))
                .setParameter(6, rows.stream().map(i -> String.join(PATH_SEPARATOR, i.path())).toArray(String[]::new))
                .setParameter(7, rows.stream().map(Incident::state).toArray(String[]::new))
                .setParameter(8, rows.stream().map(Incident::version).toArray(Long[]::new))
                .executeUpdate();
    }

    /** The incident, if grid-service has told of it. */
    public Optional<Incident> find(UUID id) {
        return SqlRow.list(em.createNativeQuery("""
                SELECT id, number, category_code, category_group, area_code, area_path, state, version
                FROM incident WHERE id = ?1""").setParameter(1, id),
                r -> new Incident(r.uuid("id"), r.string("number"), r.string("category_code"),
                        r.string("category_group"), r.string("area_code"), List.of(r.strings("area_path")),
                        r.string("state"), r.lng("version")))
                .stream().findFirst();
    }

    /** chr(31), the ASCII unit separator: cannot occur in an area code. */
    private static final String PATH_SEPARATOR = "\u001f";
}
