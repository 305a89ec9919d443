package org.civicsafety.cases.unit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.civicsafety.cases.common.CasesConfig;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.directory.Directory;
import org.civicsafety.cases.directory.Upserts;

/** The local copy of grid-service's unit directory ({@code civicsafety.units.v1}). */
@ApplicationScoped
public class UnitDirectory implements Directory<UnitDirectory.Unit> {
    static final String UNIT_UPSERTED = "org.civicsafety.unit.upserted.v1";

    /** A unit as its latest event describes it; {@code email} and {@code webhookUrl} are its notice channels. */
    public record Unit(String id, String name, String nameEn, String areaCode, String kind, boolean active,
            String email, String webhookUrl, long version) {}

    @Inject EntityManager em;
    @Inject CasesConfig config;

    @Override
    public String topic() {
        return config.kafka().unitsTopic();
    }

    @Override
    public boolean accepts(String ceType) {
        return UNIT_UPSERTED.equals(ceType);
    }

    @Override
    public Unit parse(JsonNode d) {
        for (String field : List.of("id", "name", "areaCode", "kind")) {
            if (!d.hasNonNull(field) || !d.get(field).isTextual() || d.get(field).asText().isBlank()) {
                throw new IllegalArgumentException("unit event without " + field);
            }
        }
        if (!d.path("active").isBoolean()) {
            throw new IllegalArgumentException("unit event without active");
        }
        JsonNode channels = d.path("noticeChannels");
        return new Unit(d.get("id").asText(), d.get("name").asText(), text(d, "nameEn"), d.get("areaCode").asText(),
                d.get("kind").asText(), d.get("active").asBoolean(), text(channels, "email"),
                text(channels, "webhookUrl"), d.hasNonNull("version") ? d.get("version").asLong() : 0L);
    }

    private static String text(JsonNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).asText() : null;
    }

    @Override
    @Transactional
    public void apply(List<Received<Unit>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Unit> rows = Upserts.freshNewestPerKey(em, batch, Unit::id, Unit::version);
        if (rows.isEmpty()) {
            return;
        }
        // SQL: one statement per batch (arrays unnested); the WHERE keeps a stored newer version.
        em.createNativeQuery("""
                INSERT INTO unit (id, name, name_en, area_code, kind, active, email, webhook_url, version, updated_at)
                SELECT t.*, now()
                FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                            CAST(?5 AS text[]), CAST(?6 AS boolean[]), CAST(?7 AS text[]), CAST(?8 AS text[]),
                            CAST(?9 AS bigint[])) AS t
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
                    area_code = excluded.area_code, kind = excluded.kind, active = excluded.active,
                    email = excluded.email, webhook_url = excluded.webhook_url, version = excluded.version,
                    updated_at = now()
                WHERE unit.version < excluded.version""")
                .setParameter(1, rows.stream().map(Unit::id).toArray(String[]::new))
                .setParameter(2, rows.stream().map(Unit::name).toArray(String[]::new))
                .setParameter(3, rows.stream().map(Unit::nameEn).toArray(String[]::new))
                .setParameter(4, rows.stream().map(Unit::areaCode).toArray(String[]::new))
                .setParameter(5, rows.stream().map(Unit::kind).toArray(String[]::new))
                .setParameter(6, rows.stream().map(Unit::active).toArray(Boolean[]::new))
                .setParameter(7, rows.stream().map(Unit::email).toArray(String[]::new))
                .setParameter(8, rows.stream().map(Unit::webhookUrl).toArray(String[]::new))
                .setParameter(9, rows.stream().map(Unit::version).toArray(Long[]::new))
                .executeUpdate();
    }

    /** The unit, if grid-service's directory has it. */
    public Optional<Unit> find(String id) {
        return SqlRow.list(em.createNativeQuery("SELECT id, name, name_en, area_code, kind, active, email,"
                + " webhook_url, version FROM unit WHERE id = ?1").setParameter(1, id), UnitDirectory::unit)
                .stream().findFirst();
    }

    /** The names of those of the units grid-service's directory has, by id. */
    public java.util.Map<String, String> names(java.util.Collection<String> ids) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        SqlRow.list(em.createNativeQuery("SELECT id, name FROM unit WHERE id = ANY (?1)")
                .setParameter(1, ids.toArray(String[]::new)), r -> names.put(r.string("id"), r.string("name")));
        return names;
    }

    private static Unit unit(SqlRow r) {
        return new Unit(r.string("id"), r.string("name"), r.string("name_en"), r.string("area_code"),
                r.string("kind"), r.bool("active"), r.string("email"), r.string("webhook_url"), r.lng("version"));
    }
}
