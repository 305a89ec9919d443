package org.civicsafety.assessment.area;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

@ApplicationScoped
public class AreaRepository implements PanacheRepositoryBase<Area, String> {
    @Inject ObjectMapper mapper;

    /** Codes are short printable strings; anything else (e.g. NUL, which PostgreSQL refuses) names no area. */
    private static final Pattern CODE = Pattern.compile("[^\\p{Cntrl}\\s]{1,128}");

    public static boolean isCode(String s) {
        return s != null && CODE.matcher(s).matches();
    }

    public Area byCode(String code) {
        return isCode(code) ? findById(code) : null;
    }

    /** Children of a parent; a null parent lists the roots (counties). */
    public List<Area> children(String parentCode) {
        if (parentCode == null)
            return list("parentCode is null", Sort.by("code"));
        return list("parentCode", Sort.by("code"), parentCode);
    }

    public List<Area> byLevel(String level) {
        return list("level", Sort.by("code"), level);
    }

    /**
     * Upserts unless the stored version is the same or newer. SQL: a whole consumed batch in one statement (rows
     * passed as one JSON array), where entities would cost a read and a write per area.
     *
     * @return the codes applied
     */
    public List<String> upsertAll(Collection<AreaEventHandler.AreaUpsert> upserts) {
        if (upserts.isEmpty())
            return List.of();
        String rows;
        try {
            rows = mapper.writeValueAsString(upserts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        @SuppressWarnings("unchecked") List<String> applied = getEntityManager().createNativeQuery("""
                INSERT INTO area AS a (code, name, level, parent_code, path, population, responsible_unit, version, occurred_at, updated_at)
                SELECT code, name, level, "parentCode", path, population, "responsibleUnit", version, "occurredAt", now()
                FROM jsonb_to_recordset(cast(:rows AS jsonb)) AS u(code text, name text, level text, "parentCode" text,
                    path text[], population bigint, "responsibleUnit" text, version bigint, "occurredAt" timestamptz)
                ORDER BY code
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                    parent_code = excluded.parent_code, path = excluded.path, population = excluded.population,
                    responsible_unit = excluded.responsible_unit, version = excluded.version,
                    occurred_at = excluded.occurred_at, updated_at = now()
                WHERE a.version < excluded.version
                RETURNING a.code
                """, String.class).setParameter("rows", rows).getResultList();
        return applied;
    }
}
