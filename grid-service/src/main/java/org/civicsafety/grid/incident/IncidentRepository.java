package org.civicsafety.grid.incident;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.SqlRow;
import org.civicsafety.grid.privacy.EncryptedTable;
import org.civicsafety.grid.privacy.PersonalDataCipher;
import org.hibernate.jpa.HibernateHints;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.query.NativeQuery;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Table incident and its history through the ORM session: aggregates as {@link Incident} and {@link IncidentHistory}
 * entities; SQL (native queries mapped to entities or records) where PostGIS, locks or keyset paging are the point.
 * {@code reporter_enc} holds the reporter's data sealed by {@link PersonalDataCipher}.
 */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID>, EncryptedTable {
    private static final String REPORTER_ON_OTHER_KEY = "reporter_enc IS NOT NULL AND "
            + EncryptedTable.textOnOtherKey("reporter_enc");
    /** The open states as SQL, from {@link IncidentState#open()}: the one definition of "open". */
    /** The columns of an {@link IncidentRow}, on alias {@code i}. */
    private static final String ROW_COLUMNS = "i.id, i.number, i.category_code, i.severity, i.description,"
            + " ST_Y(i.location) AS lat, ST_X(i.location) AS lon, i.address, i.area_code, i.path, i.source,"
            + " i.reporter_sub, i.reporter_enc, i.partner_id, i.attributes::text AS attributes, i.state, i.level,"
            + " i.assigned_unit, i.due_at, i.overdue, i.report_count, i.duplicate_of, i.occurred_at, i.reported_at,"
            + " i.updated_at, i.resolved_at, i.resolved_on_time, i.satisfaction, i.rated_at, i.version, i.media_url";
    static final String OPEN_STATES = sql(Arrays.stream(IncidentState.values()).filter(IncidentState::open));
    /** The states the escalation job looks at: those the workflow can flag overdue (DISPATCHED, IN_PROGRESS). */
    static final String LATE_STATES = sql(IncidentWorkflow.table().stream()
            .filter(t -> t.step() == IncidentWorkflow.Step.OVERDUE).map(IncidentWorkflow.Transition::from));

    /** The incident if {@code scope} lets the caller see it; locked for the caller's transaction if asked. */
    public Optional<Incident> findInScope(UUID id, IncidentScope scope, boolean forUpdate) {
        // SQL: the scope is a SQL condition (area subtree as path containment, unit, partner, reporter)
        List<Object> args = new ArrayList<>();
        args.add(id);
        args.addAll(scope.args());
        return incidents("SELECT i.* FROM incident i WHERE i.id = ? AND " + scope.sql()
                + (forUpdate ? " FOR UPDATE" : ""), args).getResultStream().findFirst();
    }

    /**
     * Takes the advisory locks of {@link DedupeLocks} (in their sorted order, so racing reports cannot
     * deadlock) and draws the next incident number, in one round trip.
     */
    public String lockAndNextNumber(long[] lockKeys, int year) {
        // SQL: advisory locks and a sequence
        Object n = NativeQueries.bind(getEntityManager().createNativeQuery("WITH locks AS MATERIALIZED"
                + " (SELECT pg_advisory_xact_lock(t.k) FROM unnest(cast(? as bigint[])) WITH ORDINALITY AS t(k, ord)"
                + " ORDER BY t.ord) SELECT nextval('incident_number_seq') FROM (SELECT count(*) FROM locks) l"),
                Collections.singletonList(Arrays.stream(lockKeys).boxed().toArray(Long[]::new))).getSingleResult();
        return String.format("SJ-%d-%06d", year, ((Number) n).longValue());
    }

    /** The nearest open incident of the category within the radius reported since {@code since}, locked. */
    public Optional<Incident> openDuplicateCandidate(String categoryCode, double lat, double lon, int radiusMeters,
            OffsetDateTime since) {
        // SQL: PostGIS distance on the geography index, and a row lock. Only the id: most reports have no
        // duplicate, and the entity of the one that has is then loaded by id (its row already locked).
        UUID id = SqlRow.first(query("SELECT i.id FROM incident i WHERE i.category_code = ? AND i.state IN "
                + OPEN_STATES
                + " AND i.reported_at >= ?"
                + " AND ST_DWithin(i.location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)"
                + " ORDER BY ST_Distance(i.location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography),"
                + " i.reported_at LIMIT 1 FOR UPDATE",
                List.of(categoryCode, since, lon, lat, radiusMeters, lon, lat)), r -> r.uuid("id"));
        return Optional.ofNullable(id).map(this::findById);
    }

    /** Up to {@code limit} incidents in work whose deadline passed, claimed so that other instances skip them. */
    public List<Incident> claimLate(OffsetDateTime now, int limit) {
        // SQL: FOR UPDATE SKIP LOCKED claim
        return incidents("SELECT i.* FROM incident i WHERE i.state IN " + LATE_STATES
                + " AND NOT i.overdue AND i.due_at < ? ORDER BY i.due_at LIMIT ? FOR UPDATE SKIP LOCKED",
                List.of(now, limit)).getResultList();
    }

    /**
     * Resolved incidents whose reporter gave no answer since {@code resolvedBefore}, locked for the feedback job;
     * SKIP LOCKED lets several instances share the work.
     */
    public List<Incident> claimUnanswered(OffsetDateTime resolvedBefore, int limit) {
        // SQL: FOR UPDATE SKIP LOCKED claim on the partial index of resolved incidents (V15)
        return incidents("SELECT i.* FROM incident i WHERE i.state = 'RESOLVED' AND i.resolved_at < ?"
                + " ORDER BY i.resolved_at LIMIT ? FOR UPDATE SKIP LOCKED", List.of(resolvedBefore, limit))
                .getResultList();
    }

    /**
     * Up to {@code limit} incidents in work that have used 75 % of their stage's time (the category's SLA hours for
     * the severity, as {@link EscalationPolicy#dueAt} counted them) and whose unit was not told so in this stage,
     * claimed so that other instances skip them.
     */
    public List<Incident> claimDueSoon(OffsetDateTime now, int limit) {
        // SQL: FOR UPDATE SKIP LOCKED claim. A quarter of the SLA hours is that many times 15 minutes; the stage key is
        // IncidentNotices.stage (level@deadline in epoch seconds), looked up in the notices already written
        return incidents("SELECT i.* FROM incident i JOIN category c ON c.code = i.category_code"
                + " WHERE i.state IN " + LATE_STATES + " AND NOT i.overdue AND i.assigned_unit IS NOT NULL"
                + " AND i.due_at > ? AND i.due_at - coalesce((c.sla_hours ->> i.severity)::int, 72)"
                + " * interval '15 minutes' <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.notice_type = 'UNIT_DUE_SOON' AND n.subject_id = i.id"
                + " AND n.stage = i.level || '@' || extract(epoch FROM date_trunc('second', i.due_at))::bigint)"
                + " ORDER BY i.due_at LIMIT ? FOR UPDATE OF i SKIP LOCKED", List.of(now, now, limit)).getResultList();
    }

    /** Appends audit trail entries, in list order (ids keep the sequence of events). */
    public void history(IncidentHistory... entries) {
        // SQL: one multi-row insert; persisting each entry would be one round trip per row, as the ids come from
        // the table's identity at insert (and the row order of VALUES is the order of those ids)
        StringBuilder sql = new StringBuilder("INSERT INTO incident_history (incident_id, actor, actor_role, action,"
                + " from_state, to_state, from_level, to_level, unit, note) VALUES ");
        List<Object> args = new ArrayList<>();
        for (IncidentHistory e : entries) {
            sql.append(args.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            args.addAll(Arrays.asList(e.incidentId, e.actor, e.role, e.action, name(e.fromState), name(e.toState),
                    name(e.fromLevel), name(e.toLevel), e.unit, e.note));
        }
        query(sql.toString(), args).executeUpdate();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** One audit trail entry as the API shows it: who ({@code actor}, in which {@code role}; {@code system} for automatic actions). */
    @Schema(name = "IncidentHistoryEntry", description = "One step of an incident's life")
    public record AuditEntry(OffsetDateTime at,
            @Schema(description = "The user id, or system; mediation when a mediation's agreement resolved it") String actor,
            @Schema(description = "The role the actor acted in (system for automatic steps)") String role,
            @Schema(description = "REPORT, DISPATCH, DUPLICATE_LINKED, OVERDUE, AUTO_CLOSE, RESOLVE_BY_MEDIATION or a"
                    + " transition action") String action,
            @Schema(nullable = true, description = "null for the report itself") IncidentState fromState,
            IncidentState toState,
            @Schema(nullable = true) AreaLevel fromLevel, @Schema(nullable = true) AreaLevel toLevel,
            @Schema(nullable = true, description = "The handling unit after the step") String unit,
            @Schema(nullable = true, description = "The reason or note given, or what the system did") String note) {}

    public List<AuditEntry> auditTrail(UUID incident) {
        return getEntityManager().createQuery("SELECT h FROM IncidentHistory h WHERE h.incidentId = :incident"
                + " ORDER BY h.id", IncidentHistory.class).setParameter("incident", incident)
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultStream()
                .map(h -> new AuditEntry(h.at, h.actor, h.role, h.action, h.fromState, h.toState,
                        h.fromLevel, h.toLevel, h.unit, h.note))
                .toList();
    }

    /** Appends a comment (FixMyStreet update) to the trail; returns its id. */
    public long comment(UUID incident, String actor, String role, String note) {
        IncidentHistory h = new IncidentHistory(incident, actor, role, "COMMENT", null, null, null, null, null, note);
        getEntityManager().persist(h);
        return h.id;
    }

    /**
     * An area subtree as the lists read it: the incidents whose path holds {@code code} at position {@code depth}
     * (1 for a county, 4 for a grid), an equality on the expression the per-level list indexes lead with (V12).
     */
    public record AreaKey(String code, int depth) {
        public AreaKey {
            if (depth < 1 || depth > MAX_DEPTH) {
                throw new IllegalArgumentException("area depth " + depth);
            }
        }

        String sql() {
            return "i.path[" + depth + "]";
        }
    }

    /** The levels of the hierarchy: path positions 1 (county) to 4 (grid). */
    static final int MAX_DEPTH = AreaLevel.values().length;
    /** Every state, as the slices of a list that does not filter by state. */
    private static final List<String> ALL_STATES = Arrays.stream(IncidentState.values()).map(Enum::name).toList();
    /** The counties incidents lie in: distinct path[1] values, one index probe each (a skip scan over the list index). */
    private static final String COUNTIES = "(WITH RECURSIVE c(code) AS (SELECT min(i.path[1]) FROM incident i UNION ALL"
            + " SELECT (SELECT min(i.path[1]) FROM incident i WHERE i.path[1] > c.code) FROM c WHERE c.code IS NOT NULL)"
            + " SELECT code FROM c WHERE code IS NOT NULL)";

    /**
     * One page of the incidents {@code scope} lets the caller see that match {@code f} in {@code area} (all if
     * null), newest first: {@code f.limit() + 1} rows at most, the extra one telling that there is a next page.
     * <p>
     * Filtered by area, state or category, a page is merged from slices that the list indexes hold in list order,
     * so no plan reads rows of other areas or states: one per state (the filter's, or every state) and area (the
     * area at its level, or every county), each the newest {@code limit + 1} of its range of the (area, state,
     * reported_at DESC, id DESC) index, or of the (area, state, category, ...) one with a category; overdue ones one
     * per area, of the partial (area, reported_at DESC, id DESC) WHERE overdue index. A box or circle is read newest
     * first from the (location, reported_at) GiST index.
     */
    public List<IncidentRow> page(IncidentScope scope, IncidentFilter.Criteria f, AreaKey area) {
        OffsetDateTime since = f.updatedAfter();
        if (since == null || !f.sliced()) {
            return page(scope, f, area, null, false, f.limit() + 1);
        }
        // Updated after a time: an incident is updated when reported and later (updated_at >= reported_at), so every
        // one reported since then is in, and newer than every other: first those (a range of the list indexes, read
        // as any list, without testing updated_at), then, only if they do not fill the page, those reported before
        // and updated since (few unless the time is long ago, and then the first part fills the page), by the
        // updated_at index or the area's rows, as the planner sees fit.
        List<IncidentRow> rows = page(scope, f.withoutUpdatedAfter(), area, since, true, f.limit() + 1);
        if (rows.size() <= f.limit()) {
            rows = new ArrayList<>(rows);
            rows.addAll(page(scope, f, area, since, false, f.limit() + 1 - rows.size()));
        }
        return rows;
    }

    /**
     * {@link #page(IncidentScope, IncidentFilter.Criteria, AreaKey)}, {@code limit} rows at most; if {@code time}
     * is set, those reported after it if {@code after} (a range of the list indexes), else those reported up to it
     * (one query).
     */
    private List<IncidentRow> page(IncidentScope scope, IncidentFilter.Criteria f, AreaKey area, OffsetDateTime time,
            boolean after, int limit) {
        // SQL: keyset paging over the list indexes. The page's ids first, then their rows, read into records (the
        // point as two numbers): a page is only shown, so no entity is built or tracked.
        List<Object> args = new ArrayList<>();
        StringBuilder ids = new StringBuilder();
        boolean overdue = Boolean.TRUE.equals(f.overdue());
        boolean sliced = f.sliced() && (time == null || after);
        String since = time == null ? null : after ? " AND i.reported_at > ?" : " AND i.reported_at <= ?";
        if (sliced && (area != null || !f.states().isEmpty() || f.categoryCode() != null || overdue)) {
            // overdue incidents are few: one slice per area, of the partial (area, reported_at DESC, id DESC) index
            ids.append("SELECT s.id FROM ").append(area == null ? COUNTIES : "(SELECT CAST(? AS text))")
                    .append(" AS a(code)").append(overdue ? "" : " CROSS JOIN unnest(CAST(? AS text[])) AS st(state)")
                    .append(" CROSS JOIN LATERAL (SELECT i.id, i.reported_at FROM incident i WHERE ")
                    .append(area == null ? "i.path[1]" : area.sql()).append(" = a.code")
                    .append(overdue ? "" : " AND i.state = st.state").append(" AND ").append(scope.sql());
            if (area != null) {
                args.add(area.code());
            }
            if (!overdue) {
                args.add(f.states().isEmpty() ? ALL_STATES : f.states().stream().map(Enum::name).toList());
            }
            args.addAll(scope.args());
            f.apply(ids, args, overdue);
            if (since != null) {
                ids.append(since);
                args.add(time);
            }
            ids.append(" ORDER BY i.reported_at DESC, i.id DESC LIMIT ?) s ORDER BY s.reported_at DESC, s.id DESC");
            args.add(limit);
        } else {
            boolean spatial = f.bbox() != null || f.radius() != null;
            // Reported up to a time and updated after it: estimating area, update time and report time as
            // independent, the planner expected a page of them every few hundred rows of the newest-first index and
            // walked all 1,000,000 for a township that has none (8.9 s). OFFSET 0 keeps the ORDER BY ... LIMIT out
            // of the scan: the rows are found by the updated_at and area indexes (a bitmap AND), then sorted.
            boolean changedBefore = time != null && !after;
            ids.append(spatial || changedBefore ? "SELECT k.id FROM (SELECT i.id, i.reported_at" : "SELECT i.id")
                    .append(" FROM incident i WHERE ").append(scope.sql());
            args.addAll(scope.args());
            if (area != null) {
                ids.append(" AND ").append(area.sql()).append(" = ?");
                args.add(area.code());
            }
            f.apply(ids, args, true);
            if (since != null) {
                ids.append(since);
                args.add(time);
            }
            if (spatial) {
                // within a box or circle: newest first as the nearest to a time after every report, which the
                // (location, reported_at) GiST index returns in that order from the box's entries only. WITH TIES:
                // reports of the same instant as the last stay together, their order by id is the outer query's.
                ids.append(" ORDER BY i.reported_at <-> CAST('3000-01-01T00:00:00Z' AS timestamptz)"
                        + " FETCH FIRST ? ROWS WITH TIES) k ORDER BY k.reported_at DESC, k.id DESC");
                args.add(limit);
            } else if (changedBefore) {
                ids.append(" OFFSET 0) k ORDER BY k.reported_at DESC, k.id DESC");
            } else {
                ids.append(" ORDER BY i.reported_at DESC, i.id DESC");
            }
        }
        args.add(limit);
        return SqlRow.list(query("SELECT " + ROW_COLUMNS + " FROM incident i WHERE i.id IN (" + ids + " LIMIT ?)"
                + " ORDER BY i.reported_at DESC, i.id DESC", args), IncidentRepository::row);
    }

    private static IncidentRow row(SqlRow r) {
        return new IncidentRow(r.uuid("id"), r.string("number"), r.string("category_code"),
                Severity.valueOf(r.string("severity")), r.string("description"), r.dbl("lat"), r.dbl("lon"),
                r.string("address"), r.string("area_code"), List.of(r.strings("path")),
                Source.valueOf(r.string("source")), r.string("reporter_sub"), r.string("reporter_enc"),
                r.string("partner_id"), r.string("attributes"), IncidentState.valueOf(r.string("state")),
                AreaLevel.valueOf(r.string("level")), r.string("assigned_unit"), r.offsetDateTime("due_at"),
                r.bool("overdue"), r.integer("report_count"), r.uuid("duplicate_of"), r.offsetDateTime("occurred_at"),
                r.offsetDateTime("reported_at"), r.offsetDateTime("updated_at"), r.offsetDateTime("resolved_at"),
                r.nullableBool("resolved_on_time"),
                r.string("satisfaction") == null ? null : Satisfaction.valueOf(r.string("satisfaction")),
                r.offsetDateTime("rated_at"), r.lng("version"), r.string("media_url"));
    }

    /** An open incident near a point, with its distance in whole meters. */
    public record NearbyRow(UUID id, String number, String categoryCode, IncidentState state, double lat, double lon,
            long distanceMeters, int reportCount, OffsetDateTime reportedAt) {}

    /**
     * Open incidents of non-private categories within {@code meters} of the point (of {@code category} if not
     * blank), nearest first, at most 50.
     */
    public List<NearbyRow> nearbyOpen(double lat, double lon, double meters, String category) {
        // SQL: PostGIS distance on the geography index
        StringBuilder sql = new StringBuilder("SELECT i.id, i.number, i.category_code, i.state,"
                + " ST_Y(i.location) AS lat, ST_X(i.location) AS lon, ST_Distance(i.location::geography, p.g) AS distance,"
                + " i.report_count, i.reported_at"
                + " FROM incident i JOIN category c ON c.code = i.category_code,"
                + " (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g) p"
                + " WHERE i.state IN " + OPEN_STATES + " AND NOT c.private"
                + " AND ST_DWithin(i.location::geography, p.g, ?)");
        List<Object> args = new ArrayList<>(List.of(lon, lat, meters));
        if (category != null && !category.isBlank()) {
            sql.append(" AND i.category_code = ?");
            args.add(category);
        }
        sql.append(" ORDER BY 7 LIMIT 50");
        return SqlRow.list(query(sql.toString(), args), r -> new NearbyRow(r.uuid("id"), r.string("number"),
                r.string("category_code"), IncidentState.valueOf(r.string("state")), r.dbl("lat"), r.dbl("lon"),
                Math.round(r.dbl("distance")), r.integer("report_count"), r.offsetDateTime("reported_at")));
    }

    @Override
    public String table() {
        return "incident";
    }

    @Override
    public long countOnOtherKeys(byte[] header) {
        // SQL: a byte comparison on the sealed column
        return SqlRow.first(query("SELECT count(*) AS n FROM incident WHERE " + REPORTER_ON_OTHER_KEY,
                List.of(header.length, header)), r -> r.lng("n"));
    }

    /** Only reporter_enc changes: not a change of the incident, so neither version nor updated_at moves. */
    @Override
    public int reencrypt(PersonalDataCipher with, int limit) {
        record Row(UUID id, String reporter) {}
        byte[] header = with.currentHeader();
        // SQL: FOR UPDATE SKIP LOCKED claim, then a one-column update that leaves version and updated_at alone
        List<Row> rows = SqlRow.list(query("SELECT id, reporter_enc FROM incident WHERE " + REPORTER_ON_OTHER_KEY
                + " LIMIT ? FOR UPDATE SKIP LOCKED", List.of(header.length, header, limit)),
                r -> new Row(r.uuid("id"), r.string("reporter_enc")));
        for (Row r : rows) {
            query("UPDATE incident SET reporter_enc = ? WHERE id = ?", List.of(with.reencrypt(r.reporter()), r.id()))
                    .executeUpdate();
        }
        return rows.size();
    }

    /** A native query of incidents on alias {@code i} selecting {@code i.*}. */
    @SuppressWarnings("unchecked")
    private NativeQuery<Incident> incidents(String sql, List<Object> args) {
        return NativeQueries.bind(getEntityManager().createNativeQuery(sql, Incident.class), args)
                .unwrap(NativeQuery.class);
    }

    /** States as an SQL list, e.g. {@code ('DISPATCHED', 'IN_PROGRESS')}. */
    private static String sql(Stream<IncidentState> states) {
        return states.distinct().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    private Query query(String sql, List<Object> args) {
        return NativeQueries.bind(getEntityManager().createNativeQuery(sql), args);
    }
}
