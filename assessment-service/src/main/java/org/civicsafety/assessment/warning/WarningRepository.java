package org.civicsafety.assessment.warning;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import org.civicsafety.assessment.common.SqlRow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class WarningRepository implements PanacheRepositoryBase<Warning, UUID> {

    /**
     * Stores the warning unless one with its dedupe key exists. SQL: ON CONFLICT DO NOTHING keeps raising
     * idempotent when two snapshot runs raise the same warning at once.
     *
     * @return true when it is new
     */
    boolean raise(UUID id, String type, String areaCode, String[] path, String period, String reason, UUID assessmentId,
            String dedupeKey) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO warning (id, type, area_code, path, period, reason, assessment_id, dedupe_key)
                VALUES (:id, :type, :area, :path, :period, :reason, cast(:assessment AS uuid), :dedupe) ON CONFLICT (dedupe_key) DO NOTHING
                """).setParameter("id", id).setParameter("type", type).setParameter("area", areaCode)
                .setParameter("path", path).setParameter("period", period).setParameter("reason", reason)
                .setParameter("assessment", assessmentId == null ? null : assessmentId.toString())
                .setParameter("dedupe", dedupeKey).executeUpdate() > 0;
    }

    /**
     * Warnings in a subtree (areaCode matches descendants too), newest first, at most 5000. SQL: membership in the
     * path array (its GIN index), which JPQL cannot say.
     */
    List<WarningService.WarningView> find(String areaCode, String type, String period, String scopeArea) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, type, area_code, period, reason, assessment_id, raised_at FROM warning WHERE true");
        Map<String, Object> args = new LinkedHashMap<>();
        andIfSet(sql, args, "area", areaCode, ":area = ANY(path)");
        andIfSet(sql, args, "scope", scopeArea, ":scope = ANY(path)");
        andIfSet(sql, args, "type", type, "type = :type");
        andIfSet(sql, args, "period", period, "period = :period");
        sql.append(" ORDER BY raised_at DESC, id LIMIT 5000");
        Query q = getEntityManager().createNativeQuery(sql.toString());
        args.forEach(q::setParameter);
        return SqlRow.list(q, r -> new WarningService.WarningView(r.uuid("id"), r.string("type"), r.string("area_code"),
                r.string("period"), r.string("reason"), r.uuid("assessment_id"), r.instant("raised_at")));
    }

    /** Adds {@code condition} on the parameter {@code param}; a filter that is not set (null) leaves it out. */
    private static void andIfSet(StringBuilder where, Map<String, Object> params, String param, Object value,
            String condition) {
        if (value != null) {
            params.put(param, value);
            where.append(" AND ").append(condition);
        }
    }

    /** A type of warning an area has in a period. */
    public record AreaType(String areaCode, String type) {}

    List<AreaType> types(List<String> areaCodes, String period) {
        return getEntityManager().createQuery("""
                select distinct w.areaCode, w.type from Warning w where w.areaCode in :codes and w.period = :period
                order by w.areaCode, w.type
                """, AreaType.class).setParameter("codes", areaCodes).setParameter("period", period).getResultList();
    }
}
