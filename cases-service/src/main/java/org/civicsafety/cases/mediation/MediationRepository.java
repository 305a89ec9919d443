package org.civicsafety.cases.mediation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.EncryptedTable;

/**
 * The {@code mediation} table and its {@code mediation_history}. Mediations are loaded, locked and saved through
 * Panache; SQL where it is the better tool (keyset lists, {@code SKIP LOCKED} claims, the re-encryption walk, the
 * append-only history), each query saying why.
 */
@ApplicationScoped
public class MediationRepository implements PanacheRepositoryBase<MediationEntity, UUID> {

    /** The list filters, checked; null means any. {@code scopeArea}: the caller's area (null: everything). */
    record ListQuery(String scopeArea, MediationState state, String type, String areaCode, UUID mediatorId,
            Boolean overdue, OffsetDateTime from, OffsetDateTime to, String q, OffsetDateTime cursorAt,
            UUID cursorId, int limit) {}

    record HistoryRow(long id, Instant at, String actor, String role, String action, String fromState,
            String toState, String note) {}

    record Ciphertext(UUID id, byte[] partiesEnc, byte[] sessionsEnc) {}

    Optional<MediationEntity> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    long nextNumber() {
        // SQL: a database sequence has no ORM API.
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('mediation_number_seq')")
                .getSingleResult()).longValue();
    }

    /** SQL: the tracking codes are an array (one per party) behind a GIN index. */
    @SuppressWarnings("unchecked")
    Optional<MediationEntity> byTrackingCode(String code) {
        List<MediationEntity> rows = getEntityManager().createNativeQuery(
                "SELECT * FROM mediation WHERE tracking_codes @> ARRAY[CAST(?1 AS text)]", MediationEntity.class)
                .setParameter(1, code).getResultList();
        return rows.stream().findFirst();
    }

    /** SQL: a keyset page, newest first; area and mediator filters over the GIN indexes of the arrays. */
    @SuppressWarnings("unchecked")
    List<MediationEntity> page(ListQuery f) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("TRUE");
        and(where, params, "scope", f.scopeArea(), "m.area_path @> ARRAY[CAST(:scope AS text)]");
        and(where, params, "area", f.areaCode(), "m.area_path @> ARRAY[CAST(:area AS text)]");
        and(where, params, "state", f.state() == null ? null : f.state().name(), "m.state = :state");
        and(where, params, "type", f.type(), "m.type = :type");
        and(where, params, "mediator", f.mediatorId(), "m.mediator_ids @> ARRAY[CAST(:mediator AS uuid)]");
        and(where, params, "from", f.from(), "m.created_at >= :from");
        and(where, params, "to", f.to(), "m.created_at < :to");
        and(where, params, "q", f.q(), "(m.summary ILIKE :q OR m.number ILIKE :q)");
        if (f.overdue() != null) {
            where.append(f.overdue() ? " AND m.overdue" : " AND NOT m.overdue");
        }
        if (f.cursorAt() != null) {
            params.put("cAt", f.cursorAt());
            params.put("cId", f.cursorId());
            where.append(" AND (m.created_at, m.id) < (:cAt, :cId)");
        }
        Query query = getEntityManager().createNativeQuery("SELECT * FROM mediation m WHERE " + where
                + " ORDER BY m.created_at DESC, m.id DESC LIMIT " + f.limit(), MediationEntity.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    private static void and(StringBuilder where, Map<String, Object> params, String param, Object value,
            String condition) {
        if (value != null) {
            params.put(param, value);
            where.append(" AND ").append(condition);
        }
    }

    /**
     * Claims running mediations whose deadline passed and that were not flagged yet. SQL: {@code FOR UPDATE SKIP
     * LOCKED} lets several instances share the work; the flag, set in the same transaction, makes it once.
     */
    @SuppressWarnings("unchecked")
    List<MediationEntity> claimOverdue(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM mediation
                WHERE NOT overdue AND state IN ('OPEN', 'IN_MEDIATION') AND due_at < now()
                ORDER BY due_at LIMIT ?1 FOR UPDATE SKIP LOCKED""", MediationEntity.class)
                .setParameter(1, limit).getResultList();
    }

    void appendHistory(UUID mediationId, OffsetDateTime at, String actor, String role, String action,
            String fromState, String toState, String note) {
        getEntityManager().createNativeQuery("""
                INSERT INTO mediation_history (mediation_id, at, actor_sub, actor_role, action, from_state, to_state,
                                               note)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, mediationId).setParameter(2, at).setParameter(3, actor).setParameter(4, role)
                .setParameter(5, action).setParameter(6, fromState).setParameter(7, toState).setParameter(8, note)
                .executeUpdate();
    }

    List<HistoryRow> history(UUID mediationId) {
        return SqlRow.list(getEntityManager().createNativeQuery("""
                SELECT id, at, actor_sub, actor_role, action, from_state, to_state, note
                FROM mediation_history WHERE mediation_id = ?1 ORDER BY id""").setParameter(1, mediationId),
                r -> new HistoryRow(r.lng("id"), r.instant("at"), r.string("actor_sub"), r.string("actor_role"),
                        r.string("action"), r.string("from_state"), r.string("to_state"), r.string("note")));
    }

    /** SQL: the re-encryption job's keyset walk, locking rows other instances may also be walking. */
    List<Ciphertext> onOldKeys(UUID after, byte[] currentHeader, int limit) {
        return SqlRow.list(getEntityManager().createNativeQuery("""
                SELECT id, parties_enc, sessions_enc FROM mediation
                WHERE id > ?1 AND (%s OR (sessions_enc IS NOT NULL AND %s))
                ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED""".formatted(EncryptedTable.onOldKey("parties_enc", 2),
                EncryptedTable.onOldKey("sessions_enc", 2)))
                .setParameter(1, after).setParameter(2, currentHeader).setParameter(3, limit),
                r -> new Ciphertext(r.uuid("id"), r.bytes("parties_enc"), r.bytes("sessions_enc")));
    }

    /** SQL: a rewrite under new keys is not a change of the mediation (no version, history or event). */
    void rewrite(UUID id, byte[] partiesEnc, byte[] sessionsEnc) {
        getEntityManager().createNativeQuery("UPDATE mediation SET parties_enc = ?2, sessions_enc = ?3 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, partiesEnc).setParameter(3, sessionsEnc).executeUpdate();
    }

    long countOnOldKeys(byte[] currentHeader) {
        return ((Number) getEntityManager().createNativeQuery(
                "SELECT count(*) FROM mediation WHERE %s OR (sessions_enc IS NOT NULL AND %s)".formatted(
                        EncryptedTable.onOldKey("parties_enc", 1), EncryptedTable.onOldKey("sessions_enc", 1)))
                .setParameter(1, currentHeader).getSingleResult()).longValue();
    }

    /** One group of the statistics (all, a type, a child area); the period's openings and conclusions. */
    record StatsRow(String key, long opened, long concluded, long agreed, long refused, long withdrawn,
            long grassroots, long followedUp, long fulfilled, Double medianDays) {}

    /** The statistics' filters, checked; null means any. {@code scopeArea}: the caller's area (null: everything). */
    record StatsQuery(String scopeArea, String areaCode, OffsetDateTime from, OffsetDateTime to) {}

    /**
     * SQL: counts and the median of one pass over the mediations in scope, grouped by {@code group} (an SQL
     * expression over {@code m}). Opened counts by the opening's time, the rest by the conclusion's (the design's
     * period of a conclusion); concluded = outcome AGREED or FAILED.
     */
    List<StatsRow> stats(StatsQuery f, String group) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("TRUE");
        and(where, params, "scope", f.scopeArea(), "m.area_path @> ARRAY[CAST(:scope AS text)]");
        and(where, params, "area", f.areaCode(), "m.area_path @> ARRAY[CAST(:area AS text)]");
        String opened = period("m.created_at", f, params);
        String ended = period("m.concluded_at", f, params);
        String concluded = ended + " AND m.outcome IN ('AGREED', 'FAILED')";
        String agreed = ended + " AND m.outcome = 'AGREED'";
        Query q = getEntityManager().createNativeQuery("""
                SELECT %1$s AS key,
                  count(*) FILTER (WHERE %2$s) AS opened,
                  count(*) FILTER (WHERE %3$s) AS concluded,
                  count(*) FILTER (WHERE %4$s) AS agreed,
                  count(*) FILTER (WHERE %5$s AND m.outcome = 'REFUSED') AS refused,
                  count(*) FILTER (WHERE %5$s AND m.outcome = 'WITHDRAWN') AS withdrawn,
                  count(*) FILTER (WHERE %3$s AND m.level IN ('VILLAGE', 'GRID')) AS grassroots,
                  count(*) FILTER (WHERE %4$s AND m.followed_up_at IS NOT NULL) AS followed_up,
                  count(*) FILTER (WHERE %4$s AND m.state = 'FULFILLED') AS fulfilled,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY m.duration_days) FILTER (WHERE %3$s) AS median_days
                FROM mediation m WHERE %6$s AND ((%2$s) OR (%5$s))
                GROUP BY 1 ORDER BY 1""".formatted(group, opened, concluded, agreed, ended, where));
        params.forEach(q::setParameter);
        return SqlRow.list(q, r -> new StatsRow(r.string("key"), r.lng("opened"), r.lng("concluded"), r.lng("agreed"),
                r.lng("refused"), r.lng("withdrawn"), r.lng("grassroots"), r.lng("followed_up"), r.lng("fulfilled"),
                r.nullableDouble("median_days")));
    }

    /** SQL: the mediations opened in the period, by state. */
    List<StatsRow> openedByState(StatsQuery f) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("TRUE");
        and(where, params, "scope", f.scopeArea(), "m.area_path @> ARRAY[CAST(:scope AS text)]");
        and(where, params, "area", f.areaCode(), "m.area_path @> ARRAY[CAST(:area AS text)]");
        Query q = getEntityManager().createNativeQuery("SELECT m.state AS key, count(*) AS n FROM mediation m WHERE "
                + where + " AND " + period("m.created_at", f, params) + " GROUP BY 1 ORDER BY 1");
        params.forEach(q::setParameter);
        return SqlRow.list(q, r -> new StatsRow(r.string("key"), r.lng("n"), 0, 0, 0, 0, 0, 0, 0, null));
    }

    /** {@code column} within the period (from inclusive, to exclusive); TRUE without one. */
    private static String period(String column, StatsQuery f, Map<String, Object> params) {
        StringBuilder p = new StringBuilder(column + " IS NOT NULL");
        if (f.from() != null) {
            params.put("from", f.from());
            p.append(" AND ").append(column).append(" >= :from");
        }
        if (f.to() != null) {
            params.put("to", f.to());
            p.append(" AND ").append(column).append(" < :to");
        }
        return p.toString();
    }
}
