package org.civicsafety.cases.casefile;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Enums.CaseType;
import org.civicsafety.cases.workflow.Enums.Channel;
import org.civicsafety.cases.workflow.Role;
import org.civicsafety.cases.workflow.Stage;

/**
 * The {@code petition_case} table (and its {@code case_overdue} ledger). Cases are loaded, locked and saved through
 * Panache; SQL is used only where it is the better tool, each query saying why, its rows read by column name
 * through {@link SqlRow} into records.
 */
@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<CaseEntity, UUID> {

    /** A list row: the columns a list shows, never the petitioner's ciphertext. */
    public record ListRow(UUID id, String number, String channel, String type, String title, String areaCode,
            String state, Instant dueAt, String unitId, boolean overdue, boolean backlog,
            boolean repeat, boolean hearing, UUID repeatOf, UUID mergedInto, String backlogReason,
            String backlogLeader, String backlogPlan, LocalDate backlogTargetDate, String lastContactKind,
            String lastContactLeader, LocalDate lastContactDate, long version, Instant createdAt, Instant updatedAt) {}

    /**
     * The list filters, already checked; null means "any". {@code q} is an ILIKE pattern; {@code areaDepth} is the
     * length of the area's path (1 for a county), the position of the area in the paths of the cases in it.
     */
    public record ListQuery(CaseState state, Channel channel, CaseType type, String areaCode, int areaDepth,
            String unitId,
            Boolean overdue, Boolean backlog, OffsetDateTime from, OffsetDateTime to, String q,
            OffsetDateTime cursorAt, UUID cursorId, int limit) {}

    public record StatsQuery(String areaCode, OffsetDateTime from, OffsetDateTime to) {}

    public record Count(String value, long count) {}

    /** How statistics are grouped: by what, and for child areas the area whose children they are (null: the top). */
    public record Grouping(StatsGrouping by, String root, int rootDepth) {}

    public record GroupCount(String key, String value, long count) {}

    public record GroupTotals(String key, Totals totals) {}

    public record Totals(long total, long accepted, long acceptedOnTime, long answered, long answeredOnTime,
            long finalized, long repeats, long ratings, long satisfiedRatings) {}

    /** An earlier case that may be the same matter; {@code similarity} as pg_trgm computes it. */
    public record Similar(UUID id, String number, String state, boolean samePetitioner, double similarity) {}

    public record Ciphertext(UUID id, byte[] petitionerEnc) {}

    /** The current stage's deadline over {@code petition_case c}, from the stages' columns: lists load no entity. */
    private static final String DUE_AT = dueAt();

    /** Locks the case row for a change (the version is checked under the lock). */
    public Optional<CaseEntity> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Locks the case and re-reads it: it may already be in the session from a read before the lock. */
    public CaseEntity lockFresh(UUID id) {
        CaseEntity c = findById(id, LockModeType.PESSIMISTIC_WRITE);
        getEntityManager().refresh(c);
        return c;
    }

    public Optional<CaseEntity> byTrackingCode(String code) {
        return find("trackingCode", code).firstResultOptional();
    }

    public long nextNumber() {
        // SQL: a database sequence has no ORM API.
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('case_number_seq')").getSingleResult())
                .longValue();
    }

    /** The deepest area level with an (area_path[d], state, created_at DESC, id DESC) list index (V6). */
    static final int MAX_INDEXED_DEPTH = 3;
    /** Every state, as the slices of a list that does not filter by state (enum names: safe as SQL literals). */
    private static final String ALL_STATES = java.util.Arrays.stream(CaseState.values())
            .map(st -> "('" + st.name() + "')").collect(java.util.stream.Collectors.joining(", "));
    /** The counties cases lie in: distinct area_path[1] values, one index probe each (a skip scan over the list index). */
    private static final String COUNTIES = "(WITH RECURSIVE k(code) AS (SELECT min(c.area_path[1]) FROM petition_case c"
            + " UNION ALL SELECT (SELECT min(c.area_path[1]) FROM petition_case c WHERE c.area_path[1] > k.code)"
            + " FROM k WHERE k.code IS NOT NULL) SELECT code FROM k WHERE code IS NOT NULL)";

    /**
     * One page, newest first. SQL: keyset paging over the list indexes. The page's ids first, then their rows.
     * <p>
     * Filtered by area or state, the ids are merged from slices that a list index holds in list order, so no plan
     * reads cases of other areas or states: one per state (the filter's, or every state) and area (the area at its
     * level, or every county), each the newest {@code limit} of its range of the (area_path[d], state, created_at
     * DESC, id DESC) index, a from/to range part of it; channel and type are tested in the range. Overdue cases and
     * the backlog are merged the same way from one slice per area of their partial (area_path[d], created_at DESC,
     * id DESC) indexes. Text and unit filters have indexes of their own: one query whose plan the planner chooses.
     */
    @Transactional
    public List<ListRow> page(ListQuery f, Access.Who who) {
        if (f.q() != null) {
            // A plan kept for any pattern, as the driver's prepared statement gets after a few runs, intersects the
            // trigram indexes even for a word in every case (seconds): a search is planned for its own pattern.
            getEntityManager().createNativeQuery("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
                    .getSingleResult();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(scope(who, params));
        // areas of the levels that have a list index (county to village; few cases lie in a grid, found by the GIN index)
        boolean levelIndexed = f.areaDepth() <= MAX_INDEXED_DEPTH;
        // overdue cases and the backlog: one slice per area, of the partial (area, created_at DESC, id DESC) indexes
        String flag = Boolean.TRUE.equals(f.overdue()) ? "c.overdue"
                : Boolean.TRUE.equals(f.backlog()) ? "c.backlog" : null;
        boolean sliced = (f.areaCode() != null || f.state() != null || flag != null) && levelIndexed && f.q() == null
                && f.unitId() == null;
        String area = "c.area_path[" + Math.max(f.areaDepth(), 1) + "]";
        if (!sliced) {
            andIfSet(where, params, "areaCode", f.areaCode(),
                    levelIndexed ? area + " = :areaCode" : "c.area_path @> ARRAY[CAST(:areaCode AS text)]");
        }
        if (!sliced || flag != null) {
            andIfSet(where, params, "state", name(f.state()), "c.state = :state");
        }
        andIfSet(where, params, "from", f.from(), "c.created_at >= :from");
        andIfSet(where, params, "to", f.to(), "c.created_at < :to");
        andIfSet(where, params, "channel", name(f.channel()), "c.channel = :channel");
        andIfSet(where, params, "type", name(f.type()), "c.type = :type");
        andIfSet(where, params, "unitId", f.unitId(), "c.unit_id = :unitId");
        // flags as SQL, not parameters: a plan kept for any value could not use the partial indexes
        if (f.overdue() != null) {
            where.append(f.overdue() ? " AND c.overdue" : " AND NOT c.overdue");
        }
        if (f.backlog() != null) {
            where.append(f.backlog() ? " AND c.backlog" : " AND NOT c.backlog");
        }
        // one expression for title and content, as the trigram index holds it; the number has its own (V6)
        andIfSet(where, params, "q", f.q(), "((c.title || ' ' || c.content) ILIKE :q OR c.number ILIKE :q)");
        if (f.cursorAt() != null) {
            params.put("cAt", f.cursorAt());
            params.put("cId", f.cursorId());
            where.append(" AND (c.created_at, c.id) < (:cAt, :cId)");
        }
        String ids;
        if (sliced) {
            String areas = f.areaCode() == null ? COUNTIES : "(SELECT CAST(:areaCode AS text))";
            if (f.areaCode() != null) {
                params.put("areaCode", f.areaCode());
            }
            String states = flag != null ? "" : " CROSS JOIN (VALUES "
                    + (f.state() == null ? ALL_STATES : "('" + f.state().name() + "')") + ") AS st(state)";
            ids = """
                    SELECT s.id FROM %s AS a(code)%s CROSS JOIN LATERAL
                        (SELECT c.id, c.created_at FROM petition_case c WHERE %s = a.code%s AND %s
                         ORDER BY c.created_at DESC, c.id DESC LIMIT %d) s
                    ORDER BY s.created_at DESC, s.id DESC LIMIT %d""".formatted(areas, states, area,
                    flag != null ? "" : " AND c.state = st.state", where, f.limit(), f.limit());
        } else {
            ids = "SELECT c.id FROM petition_case c WHERE %s ORDER BY c.created_at DESC, c.id DESC LIMIT %d"
                    .formatted(where, f.limit());
        }
        Query query = getEntityManager().createNativeQuery("""
                SELECT c.id, c.number, c.channel, c.type, c.title, c.area_code, c.state, %s AS due_at, c.unit_id,
                       c.overdue, c.backlog, c.repeat, c.hearing, c.repeat_of, c.merged_into, c.backlog_reason,
                       c.backlog_leader, c.backlog_plan, c.backlog_target_date, lc.kind AS lc_kind,
                       lc.leader AS lc_leader, lc.contact_date AS lc_date, c.version, c.created_at, c.updated_at
                FROM petition_case c
                LEFT JOIN LATERAL (SELECT l.kind, l.leader, l.contact_date FROM case_leader_contact l
                                   WHERE l.case_id = c.id ORDER BY l.contact_date DESC, l.id DESC LIMIT 1) lc ON c.backlog
                WHERE c.id IN (%s)
                ORDER BY c.created_at DESC, c.id DESC""".formatted(DUE_AT, ids));
        params.forEach(query::setParameter);
        return SqlRow.list(query, r -> new ListRow(r.uuid("id"), r.string("number"), r.string("channel"),
                r.string("type"), r.string("title"), r.string("area_code"), r.string("state"), r.instant("due_at"),
                r.string("unit_id"), r.bool("overdue"), r.bool("backlog"), r.bool("repeat"), r.bool("hearing"),
                r.uuid("repeat_of"), r.uuid("merged_into"), r.string("backlog_reason"), r.string("backlog_leader"),
                r.string("backlog_plan"), r.localDate("backlog_target_date"), r.string("lc_kind"),
                r.string("lc_leader"), r.localDate("lc_date"), r.lng("version"),
                r.instant("created_at"), r.instant("updated_at")));
    }

    /** SQL: grouped counts for statistics, without loading a case. */
    public List<Count> countBy(String column, StatsQuery f, Access.Who who) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = scope(who, params) + filters(f.areaCode(), f.from(), f.to(), params);
        Query q = getEntityManager().createNativeQuery("SELECT c." + column + " AS value, count(*) AS n"
                + " FROM petition_case c WHERE " + where + " GROUP BY 1 ORDER BY 1");
        params.forEach(q::setParameter);
        return SqlRow.list(q, r -> new Count(r.string("value"), r.lng("n")));
    }

    /** The counts behind the rates, over the cases of a FROM petition_case c (ratings apart: they are rows of their own). */
    private static final String TOTALS = """
            count(*) AS total,
              count(*) FILTER (WHERE c.accepted_at IS NOT NULL) AS accepted,
              count(*) FILTER (WHERE c.accepted_at IS NOT NULL AND c.accepted_at <= c.acceptance_due_at)
                  AS accepted_on_time,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL) AS answered,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.answered_at <= c.handling_due_at)
                  AS answered_on_time,
              count(*) FILTER (WHERE c.state = 'FINAL') AS finalized,
              count(*) FILTER (WHERE c.repeat) AS repeats""";
    private static final String SATISFIED = "r.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED')";

    /** SQL: the rates of the statistics in one pass over the cases in scope. */
    public Totals totals(StatsQuery f, Access.Who who) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = scope(who, params) + filters(f.areaCode(), f.from(), f.to(), params);
        Query q = getEntityManager().createNativeQuery("""
                SELECT %s,
                  (SELECT count(*) FROM case_rating r JOIN petition_case c ON c.id = r.case_id WHERE %s) AS ratings,
                  (SELECT count(*) FROM case_rating r JOIN petition_case c ON c.id = r.case_id WHERE %s
                      AND %s) AS satisfied_ratings
                FROM petition_case c WHERE %s""".formatted(TOTALS, where, where, SATISFIED, where));
        params.forEach(q::setParameter);
        return SqlRow.first(q, CaseRepository::totals);
    }

    /** SQL: {@link #totals} of each group in one grouped pass (each case's ratings joined to it). */
    public List<GroupTotals> totalsBy(Grouping g, StatsQuery f, Access.Who who) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = scope(who, params) + filters(f.areaCode(), f.from(), f.to(), params);
        Query q = getEntityManager().createNativeQuery("""
                SELECT %s AS group_key, %s,
                  coalesce(sum(rt.ratings), 0) AS ratings, coalesce(sum(rt.satisfied), 0) AS satisfied_ratings
                FROM petition_case c
                LEFT JOIN LATERAL (SELECT count(*) AS ratings, count(*) FILTER (WHERE %s) AS satisfied
                                   FROM case_rating r WHERE r.case_id = c.id) rt ON TRUE
                WHERE %s GROUP BY 1""".formatted(groupKey(g, params), TOTALS, SATISFIED, where));
        params.forEach(q::setParameter);
        return SqlRow.list(q, r -> new GroupTotals(r.string("group_key"), totals(r)));
    }

    private static Totals totals(SqlRow r) {
        return new Totals(r.lng("total"), r.lng("accepted"), r.lng("accepted_on_time"), r.lng("answered"),
                r.lng("answered_on_time"), r.lng("finalized"), r.lng("repeats"), r.lng("ratings"),
                r.lng("satisfied_ratings"));
    }

    /** SQL: {@link #countBy} of each group in one grouped pass. */
    public List<GroupCount> countBy(String column, Grouping g, StatsQuery f, Access.Who who) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = scope(who, params) + filters(f.areaCode(), f.from(), f.to(), params);
        Query q = getEntityManager().createNativeQuery("SELECT " + groupKey(g, params) + " AS group_key, c." + column
                + " AS value, count(*) AS n FROM petition_case c WHERE " + where + " GROUP BY 1, 2 ORDER BY 1, 2");
        params.forEach(q::setParameter);
        return SqlRow.list(q, r -> new GroupCount(r.string("group_key"), r.string("value"), r.lng("n")));
    }

    /**
     * A case's group as SQL. Periods are the registration's month or ISO week in the service's time zone, keyed as
     * {@link StatsPeriods} keys them; a child area is the code after the root in the case's area path (a case in
     * the root itself, or seen only through its handling unit, counts as the root's own).
     */
    static String groupKey(Grouping g, Map<String, Object> params) {
        return switch (g.by()) {
            case MONTH, WEEK -> {
                params.put("zone", Json.ZONE.getId());
                yield "to_char(c.created_at AT TIME ZONE CAST(:zone AS text), '"
                        + (g.by() == StatsGrouping.MONTH ? "YYYY-MM" : "IYYY-\"W\"IW") + "')";
            }
            case CATEGORY -> "c.type";
            case UNIT -> "coalesce(c.unit_id, '" + StatsGrouping.UNASSIGNED + "')";
            case CHILD_AREA -> {
                if (g.root() == null) {
                    yield "c.area_path[1]";
                }
                params.put("root", g.root());
                yield "CASE WHEN c.area_path[" + g.rootDepth() + "] = CAST(:root AS text) THEN coalesce(c.area_path["
                        + (g.rootDepth() + 1) + "], CAST(:root AS text)) ELSE CAST(:root AS text) END";
            }
        };
    }

    /** Open cases on the backlog ledger, and those of them with a leader's visit or appointment since a day. */
    public record BacklogContacts(long backlog, long withLeaderContact) {}

    /** SQL: counts over the ledger in the caller's scope (and area), without loading a case. */
    public BacklogContacts backlogLeaderContacts(String areaCode, LocalDate since, Access.Who who) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = scope(who, params) + filters(areaCode, null, null, params);
        params.put("open", String.join(",", java.util.Arrays.stream(CaseState.values()).filter(CaseState::isOpen)
                .map(Enum::name).toList()));
        params.put("since", since);
        Query q = getEntityManager().createNativeQuery("""
                SELECT count(*) AS backlog,
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_leader_contact l
                                                 WHERE l.case_id = c.id AND l.contact_date >= :since)) AS contacted
                FROM petition_case c
                WHERE c.backlog AND c.state = ANY (string_to_array(:open, ',')) AND %s""".formatted(where));
        params.forEach(q::setParameter);
        return SqlRow.first(q, r -> new BacklogContacts(r.lng("backlog"), r.lng("contacted")));
    }

    /** SQL: trigram similarity (pg_trgm) has no ORM equivalent. */
    public List<Similar> similar(List<String> petitionerRefs, String areaCode, String text) {
        Query q = getEntityManager().createNativeQuery("""
                SELECT id, number, state, petitioner_ref = ANY (string_to_array(?1, ',')) AS same,
                       similarity(title || ' ' || content, ?3) AS sim
                FROM petition_case
                WHERE petitioner_ref = ANY (string_to_array(?1, ','))
                   OR (area_code = ?2 AND (title || ' ' || content) % ?3)
                ORDER BY created_at DESC LIMIT 50""")
                .setParameter(1, String.join(",", petitionerRefs)).setParameter(2, areaCode).setParameter(3, text);
        return SqlRow.list(q, r -> new Similar(r.uuid("id"), r.string("number"), r.string("state"), r.bool("same"),
                r.dbl("sim")));
    }

    /** SQL: a count over the matter's cases within a window, no entity needed. */
    public long petitionsOnMatterSince(UUID earlier, List<String> petitionerRefs, int days) {
        return ((Number) getEntityManager().createNativeQuery("""
                SELECT count(*) FROM petition_case
                WHERE (id = ?1 OR repeat_of = ?1) AND petitioner_ref = ANY (string_to_array(?2, ','))
                  AND created_at > now() - ?3 * interval '1 day'""")
                .setParameter(1, earlier).setParameter(2, String.join(",", petitionerRefs)).setParameter(3, days)
                .getSingleResult()).longValue();
    }

    /**
     * Claims cases in {@code state} whose deadline in {@code column} has passed. SQL: {@code FOR UPDATE SKIP LOCKED}
     * lets several instances share the work; {@code unflaggedStage} skips cases already flagged for that stage.
     */
    @SuppressWarnings("unchecked")
    public List<CaseEntity> claimPastDeadline(CaseState state, String column, boolean pausedByHearing,
            String unflaggedStage, int limit) {
        Query q = getEntityManager().createNativeQuery("""
                SELECT * FROM petition_case c
                WHERE c.state = :state AND c.%s < now() %s %s
                ORDER BY c.%s LIMIT :limit FOR UPDATE SKIP LOCKED""".formatted(column,
                pausedByHearing ? "AND NOT c.hearing" : "",
                unflaggedStage == null ? ""
                        : "AND NOT EXISTS (SELECT 1 FROM case_overdue o WHERE o.case_id = c.id AND o.stage = :stage)",
                column), CaseEntity.class)
                .setParameter("state", state.name()).setParameter("limit", limit);
        if (unflaggedStage != null) {
            q.setParameter("stage", unflaggedStage);
        }
        return q.getResultList();
    }

    /**
     * Claims cases in {@code state} whose deadline in {@code column} is still ahead but no later than {@code bound} and
     * whose unit was not yet warned of it ({@code case_due_soon}). SQL: SKIP LOCKED, as above.
     */
    @SuppressWarnings("unchecked")
    public List<CaseEntity> claimDueSoon(CaseState state, String column, OffsetDateTime bound, String stage,
            int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM petition_case c
                WHERE c.state = :state AND c.%1$s > now() AND c.%1$s <= :bound
                  AND NOT EXISTS (SELECT 1 FROM case_due_soon s WHERE s.case_id = c.id AND s.stage = :stage)
                ORDER BY c.%1$s LIMIT :limit FOR UPDATE SKIP LOCKED""".formatted(column), CaseEntity.class)
                .setParameter("state", state.name()).setParameter("bound", bound).setParameter("stage", stage)
                .setParameter("limit", limit).getResultList();
    }

    /** Records that the unit was warned of the stage's deadline; false when it already was (the primary key). */
    public boolean dueSoonOnce(UUID caseId, String stage) {
        return getEntityManager().createNativeQuery(
                "INSERT INTO case_due_soon (case_id, stage) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, caseId).setParameter(2, stage).executeUpdate() == 1;
    }

    /** Claims open cases registered more than {@code days} ago and not yet on the backlog. SQL: SKIP LOCKED, as above. */
    @SuppressWarnings("unchecked")
    public List<CaseEntity> claimOpenLongerThan(List<CaseState> open, int days, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM petition_case c
                WHERE NOT c.backlog AND c.registered_at < now() - ?1 * interval '1 day'
                  AND c.state = ANY (string_to_array(?2, ','))
                LIMIT ?3 FOR UPDATE SKIP LOCKED""", CaseEntity.class)
                .setParameter(1, days).setParameter(2, String.join(",", open.stream().map(Enum::name).toList()))
                .setParameter(3, limit).getResultList();
    }

    /** Records that the stage's deadline was flagged; false when it already was. SQL: the primary key makes it once only. */
    public boolean flagOnce(UUID caseId, String stage) {
        return getEntityManager().createNativeQuery(
                "INSERT INTO case_overdue (case_id, stage) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, caseId).setParameter(2, stage).executeUpdate() == 1;
    }

    /** SQL: the re-encryption job's keyset walk, locking rows other instances may also be walking. */
    public List<Ciphertext> onOldKeys(UUID after, byte[] currentHeader, String currentRefKeyId, int limit) {
        Query q = getEntityManager().createNativeQuery("""
                SELECT id, petitioner_enc FROM petition_case
                WHERE id > ?1 AND (%s OR petitioner_ref_key_id IS DISTINCT FROM ?3)
                ORDER BY id LIMIT ?4 FOR UPDATE SKIP LOCKED""".formatted(EncryptedTable.onOldKey("petitioner_enc", 2)))
                .setParameter(1, after).setParameter(2, currentHeader).setParameter(3, currentRefKeyId)
                .setParameter(4, limit);
        return SqlRow.list(q, r -> new Ciphertext(r.uuid("id"), r.bytes("petitioner_enc")));
    }

    /** SQL: a rewrite under new keys is not a change of the case (no version, history or event), nor an entity load. */
    public void rewritePetitioner(UUID id, byte[] petitionerEnc, String ref, String refKeyId) {
        getEntityManager().createNativeQuery("""
                UPDATE petition_case SET petitioner_enc = ?2, petitioner_ref = ?3, petitioner_ref_key_id = ?4
                WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, petitionerEnc).setParameter(3, ref).setParameter(4, refKeyId)
                .executeUpdate();
    }

    /** SQL: the key header is a prefix of the ciphertext, which only SQL can compare without loading it. */
    public long countOnOldKeys(byte[] currentHeader, String currentRefKeyId) {
        return ((Number) getEntityManager().createNativeQuery(
                "SELECT count(*) FROM petition_case WHERE %s OR petitioner_ref_key_id IS DISTINCT FROM ?2"
                        .formatted(EncryptedTable.onOldKey("petitioner_enc", 1)))
                .setParameter(1, currentHeader).setParameter(2, currentRefKeyId).getSingleResult()).longValue();
    }

    /** The caller's data scope as SQL (citizen: own; handler: unit; staff: area subtree; admin: all). */
    static String scope(Access.Who who, Map<String, Object> params) {
        if (who.has(Role.ADMIN)) {
            return "TRUE";
        }
        List<String> ors = new ArrayList<>();
        if (who.has(Role.CITIZEN) && who.sub() != null) {
            params.put("sub", who.sub());
            ors.add("c.owner_sub = :sub");
        }
        if (who.has(Role.HANDLER) && who.unit() != null) {
            params.put("unit", who.unit());
            ors.add("c.unit_id = :unit");
        }
        boolean areaStaff = who.has(Role.PETITION_OFFICER) || who.has(Role.SUPERVISOR) || who.has(Role.ANALYST)
                || who.has(Role.GRID_WORKER);
        if (areaStaff && who.area() != null) {
            params.put("scopeArea", who.area());
            // "@>" rather than "= ANY(...)": only the containment operator can use the GIN indexes on the paths.
            ors.add("(c.area_path @> ARRAY[CAST(:scopeArea AS text)] OR c.unit_area_path @> ARRAY[CAST(:scopeArea AS text)])");
        }
        return ors.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ors) + ")";
    }

    /** The area and creation-time filters that lists and statistics share. */
    private static String filters(String areaCode, OffsetDateTime from, OffsetDateTime to, Map<String, Object> params) {
        StringBuilder where = new StringBuilder();
        andIfSet(where, params, "areaCode", areaCode, "c.area_path @> ARRAY[CAST(:areaCode AS text)]");
        andIfSet(where, params, "from", from, "c.created_at >= :from");
        andIfSet(where, params, "to", to, "c.created_at < :to");
        return where.toString();
    }

    /** Adds {@code condition} on the parameter {@code param}; a filter that is not set (null) leaves it out. */
    private static void andIfSet(StringBuilder where, Map<String, Object> params, String param, Object value,
            String condition) {
        if (value != null) {
            params.put(param, value);
            where.append(" AND ").append(condition);
        }
    }

    /** Enums are stored by name. */
    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String dueAt() {
        StringBuilder sql = new StringBuilder("CASE");
        for (Stage s : Stage.values()) {
            sql.append(" WHEN c.state = '").append(s.state().name()).append("'")
                    .append(s.pausedByHearing() ? " AND NOT c.hearing" : "")
                    .append(" THEN c.").append(s.column());
        }
        return sql.append(" END").toString();
    }
}
