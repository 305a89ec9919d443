package org.civicsafety.grid.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;
import org.civicsafety.grid.common.Jdbc;
import org.civicsafety.grid.privacy.EncryptedTable;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Table incident (and its history); {@code reporter_enc} holds the reporter's data sealed by {@link PersonalDataCipher}. */
@ApplicationScoped
public class IncidentRepository implements EncryptedTable {
    private static final String REPORTER_ON_OTHER_KEY = "reporter_enc IS NOT NULL AND "
            + EncryptedTable.textOnOtherKey("reporter_enc");
    public static final String COLUMNS = "i.id, i.number, i.category_code, i.severity, i.description,"
            + " ST_Y(i.location), ST_X(i.location), i.address, i.area_code, i.path, i.source, i.reporter_sub,"
            + " i.reporter_enc, i.partner_id, i.attributes::text, i.state, i.level, i.assigned_unit, i.due_at,"
            + " i.overdue, i.escalation_count, i.report_count, i.duplicate_of, i.occurred_at, i.reported_at,"
            + " i.updated_at, i.resolved_at, i.resolved_on_time, i.version, i.media_url";

    @Inject
    Jdbc jdbc;

    public Optional<Incident> find(UUID id, boolean forUpdate) {
        return jdbc.one("SELECT " + COLUMNS + " FROM incident i WHERE i.id = ?" + (forUpdate ? " FOR UPDATE" : ""),
                IncidentRepository::map, id);
    }

    /**
     * Takes the advisory locks of {@link DedupeLocks} (in their sorted order, so racing reports cannot
     * deadlock) and draws the next incident number, in one round trip.
     */
    public String lockAndNextNumber(long[] lockKeys, int year) {
        List<String> keys = Arrays.stream(lockKeys).mapToObj(Long::toString).toList();
        long n = jdbc.one("WITH locks AS MATERIALIZED (SELECT pg_advisory_xact_lock(t.k) FROM unnest(?::bigint[])"
                + " WITH ORDINALITY AS t(k, ord) ORDER BY t.ord)"
                + " SELECT nextval('incident_number_seq') FROM (SELECT count(*) FROM locks) l",
                rs -> rs.getLong(1), keys).orElseThrow();
        return number(year, n);
    }

    private static String number(int year, long n) {
        return String.format("SJ-%d-%06d", year, n);
    }

    public void insert(Incident i) {
        jdbc.update("INSERT INTO incident (id, number, category_code, severity, description, location, address,"
                + " area_code, path, source, reporter_sub, reporter_enc, partner_id, attributes, state, level,"
                + " assigned_unit, due_at, report_count, duplicate_of, occurred_at, reported_at, updated_at, version,"
                + " media_url) VALUES (?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?, ?, ?, ?, ?, ?,"
                + " ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                i.id(), i.number(), i.categoryCode(), i.severity(), i.description(), i.lon(), i.lat(), i.address(),
                i.areaCode(), i.path(), i.source(), i.reporterSub(), i.reporterEnc(), i.partnerId(),
                i.attributesJson(), i.state(), i.level(), i.assignedUnit(), i.dueAt(), i.reportCount(),
                i.duplicateOf(), i.occurredAt(), i.reportedAt(), i.updatedAt(), i.version(), i.mediaUrl());
    }

    /** Writes the mutable workflow fields of an incident (already locked by the caller). */
    public void update(Incident i) {
        jdbc.update("UPDATE incident SET state = ?, level = ?, assigned_unit = ?, due_at = ?, overdue = ?,"
                + " escalation_count = ?, report_count = ?, resolved_at = ?, resolved_on_time = ?, updated_at = ?,"
                + " version = ? WHERE id = ? AND version = ?",
                i.state(), i.level(), i.assignedUnit(), i.dueAt(), i.overdue(), i.escalationCount(),
                i.reportCount(), i.resolvedAt(), i.resolvedOnTime(), i.updatedAt(), i.version(), i.id(),
                i.version() - 1);
    }

    /** The nearest open incident of the category within the radius reported since {@code since}, locked. */
    public Optional<Incident> openDuplicateCandidate(String categoryCode, double lat, double lon, int radiusMeters,
            OffsetDateTime since) {
        return jdbc.one("SELECT " + COLUMNS + " FROM incident i WHERE i.category_code = ?"
                + " AND i.state IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS') AND i.reported_at >= ?"
                + " AND ST_DWithin(i.location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)"
                + " ORDER BY ST_Distance(i.location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography),"
                + " i.reported_at LIMIT 1 FOR UPDATE",
                IncidentRepository::map, categoryCode, since, lon, lat, radiusMeters, lon, lat);
    }

    public void history(UUID incident, String actor, String role, String action, IncidentState from,
            IncidentState to, AreaLevel fromLevel, AreaLevel toLevel, String unit, String note) {
        history(List.of(new HistoryEntry(incident, actor, role, action, from, to, fromLevel, toLevel, unit, note)));
    }

    /** One audit trail row; {@code role} is the role the actor acted in ({@code system} for automatic actions). */
    public record HistoryEntry(UUID incident, String actor, String role, String action, IncidentState from,
            IncidentState to, AreaLevel fromLevel, AreaLevel toLevel, String unit, String note) {
    }

    /** Appends several history rows in one statement (in list order, so ids keep the sequence of events). */
    public void history(List<HistoryEntry> entries) {
        StringBuilder sql = new StringBuilder("INSERT INTO incident_history (incident_id, actor, actor_role, action,"
                + " from_state, to_state, from_level, to_level, unit, note) VALUES ");
        List<Object> args = new ArrayList<>();
        for (int n = 0; n < entries.size(); n++) {
            HistoryEntry e = entries.get(n);
            sql.append(n == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            args.addAll(Arrays.asList(e.incident(), e.actor(), e.role(), e.action(), e.from(), e.to(), e.fromLevel(),
                    e.toLevel(), e.unit(), e.note()));
        }
        jdbc.update(sql.toString(), args.toArray());
    }

    /**
     * A GeoReport v2 request list: by numbers (then the date window does not apply) or in {@code [from, to]}; optional
     * categories and open/closed; what {@code partner} (may be null) sees, see {@link #open311Visible}.
     */
    public record Open311Filter(List<String> numbers, List<String> categories, OffsetDateTime from, OffsetDateTime to,
            Boolean open, String partner, int limit, long offset) {
    }

    public List<Incident> open311Requests(Open311Filter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incident i JOIN category c"
                + " ON c.code = i.category_code WHERE " + open311Visible(f.partner(), args));
        if (!f.numbers().isEmpty()) {
            sql.append(" AND i.number = ANY(?)");
            args.add(f.numbers());
        } else {
            sql.append(" AND i.reported_at >= ? AND i.reported_at <= ?");
            args.add(f.from());
            args.add(f.to());
        }
        if (!f.categories().isEmpty()) {
            sql.append(" AND i.category_code = ANY(?)");
            args.add(f.categories());
        }
        if (f.open() != null) {
            sql.append(f.open() ? " AND i.state IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS')"
                    : " AND i.state NOT IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS')");
        }
        sql.append(" ORDER BY i.reported_at DESC, i.id DESC LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.offset());
        return jdbc.query(sql.toString(), IncidentRepository::map, args.toArray());
    }

    public Optional<Incident> open311Request(String number, String partner) {
        List<Object> args = new ArrayList<>();
        String visible = open311Visible(partner, args);
        args.add(number);
        return jdbc.one("SELECT " + COLUMNS + " FROM incident i JOIN category c ON c.code = i.category_code WHERE "
                + visible + " AND i.number = ?", IncidentRepository::map, args.toArray());
    }

    /** The number of the incident whose Open311 token (its id) this is. */
    public Optional<String> open311NumberOfToken(UUID id, String partner) {
        List<Object> args = new ArrayList<>();
        String visible = open311Visible(partner, args);
        args.add(id);
        return jdbc.one("SELECT i.number FROM incident i JOIN category c ON c.code = i.category_code WHERE " + visible
                + " AND i.id = ?", rs -> rs.getString(1), args.toArray());
    }

    /** A history entry as Open311 shows it (FixMyStreet updates, notes). */
    public record HistoryRow(long id, String number, OffsetDateTime at, String action, String toState, String note) {
    }

    private static HistoryRow historyRow(ResultSet rs) throws SQLException {
        return new HistoryRow(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4),
                rs.getString(5), rs.getString(6));
    }

    /** History entries in {@code [from, to]} of the incidents Open311 shows {@code partner}, at most 1000. */
    public List<HistoryRow> open311Updates(OffsetDateTime from, OffsetDateTime to, String partner) {
        List<Object> args = new ArrayList<>();
        String visible = open311Visible(partner, args);
        args.add(from);
        args.add(to);
        return jdbc.query("SELECT h.id, i.number, h.at, h.action, h.to_state, h.note FROM incident_history h"
                + " JOIN incident i ON i.id = h.incident_id JOIN category c ON c.code = i.category_code WHERE " + visible
                + " AND h.at >= ? AND h.at <= ? ORDER BY h.id LIMIT 1000", IncidentRepository::historyRow,
                args.toArray());
    }

    public List<HistoryRow> historyRows(UUID incident) {
        return jdbc.query("SELECT h.id, i.number, h.at, h.action, h.to_state, h.note FROM incident_history h"
                + " JOIN incident i ON i.id = h.incident_id WHERE h.incident_id = ? ORDER BY h.id",
                IncidentRepository::historyRow, incident);
    }

    /**
     * GeoReport v2 reads without a key show incidents of non-private categories only; a partner's key adds the
     * incidents that partner posted in private categories. Appends the condition's parameter to {@code args}.
     */
    private static String open311Visible(String partner, List<Object> args) {
        if (partner == null) {
            return "NOT c.private";
        }
        args.add(partner);
        return "(NOT c.private OR i.partner_id = ?)";
    }

    /** An incident's id and the partner that posted it (null if none). */
    /** One audit trail entry as the API shows it: who ({@code actor}, in which {@code role}; {@code system} for automatic actions). */
    public record AuditEntry(OffsetDateTime at, String actor, String role, String action, IncidentState fromState,
            IncidentState toState, String fromLevel, String toLevel, String unit, String note) {
    }

    public List<AuditEntry> auditTrail(UUID incident) {
        return jdbc.query("SELECT at, actor, actor_role, action, from_state, to_state, from_level, to_level, unit, note"
                + " FROM incident_history WHERE incident_id = ? ORDER BY id",
                rs -> new AuditEntry(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), state(rs.getString(5)), state(rs.getString(6)), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10)), incident);
    }

    private static IncidentState state(String name) {
        return name == null ? null : IncidentState.valueOf(name);
    }

    public record Poster(UUID id, String partnerId) {
    }

    public Optional<Poster> poster(String number) {
        return jdbc.one("SELECT id, partner_id FROM incident WHERE number = ?",
                rs -> new Poster(rs.getObject(1, UUID.class), rs.getString(2)), number);
    }

    /** Appends a comment (FixMyStreet update) to the trail; returns its id. */
    public long comment(UUID incident, String actor, String role, String note) {
        return jdbc.one("INSERT INTO incident_history (incident_id, actor, actor_role, action, note)"
                + " VALUES (?, ?, ?, 'COMMENT', ?) RETURNING id", rs -> rs.getLong(1), incident, actor, role, note)
                .orElseThrow();
    }

    /**
     * One page of the incidents {@code scope} lets the caller see that match {@code f}, newest first:
     * {@code f.limit() + 1} rows at most, the extra one telling that there is a next page.
     */
    public List<Incident> page(IncidentScope scope, IncidentFilter f) {
        // The page's ids first, then their rows: the id query can run as an index-only scan of a list
        // index that carries the path, so rows outside the area are skipped without reading them.
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incident i WHERE i.id IN"
                + " (SELECT i.id FROM incident i WHERE " + scope.sql());
        List<Object> args = new ArrayList<>(scope.args());
        f.apply(sql, args);
        sql.append(" ORDER BY i.reported_at DESC, i.id DESC LIMIT ?) ORDER BY i.reported_at DESC, i.id DESC");
        args.add(f.limit() + 1);
        return jdbc.query(sql.toString(), IncidentRepository::map, args.toArray());
    }

    /** An open incident near a point, with its distance in whole meters. */
    public record NearbyRow(UUID id, String number, String categoryCode, IncidentState state, double lat, double lon,
            long distanceMeters, int reportCount, OffsetDateTime reportedAt) {
    }

    /**
     * Open incidents of non-private categories within {@code meters} of the point (of {@code category} if not
     * blank), nearest first, at most 50.
     */
    public List<NearbyRow> nearbyOpen(double lat, double lon, double meters, String category) {
        StringBuilder sql = new StringBuilder("SELECT i.id, i.number, i.category_code, i.state, ST_Y(i.location),"
                + " ST_X(i.location), ST_Distance(i.location::geography, p.g), i.report_count, i.reported_at"
                + " FROM incident i JOIN category c ON c.code = i.category_code,"
                + " (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g) p"
                + " WHERE i.state IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS') AND NOT c.private"
                + " AND ST_DWithin(i.location::geography, p.g, ?)");
        List<Object> args = new ArrayList<>(List.of(lon, lat, meters));
        if (category != null && !category.isBlank()) {
            sql.append(" AND i.category_code = ?");
            args.add(category);
        }
        sql.append(" ORDER BY 7 LIMIT 50");
        return jdbc.query(sql.toString(), rs -> new NearbyRow(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), IncidentState.valueOf(rs.getString(4)), rs.getDouble(5), rs.getDouble(6),
                Math.round(rs.getDouble(7)), rs.getInt(8), rs.getObject(9, OffsetDateTime.class)), args.toArray());
    }

    @Override
    public String table() {
        return "incident";
    }

    @Override
    public long countOnOtherKeys(byte[] header) {
        return jdbc.one("SELECT count(*) FROM incident WHERE " + REPORTER_ON_OTHER_KEY, rs -> rs.getLong(1),
                header.length, header).orElseThrow();
    }

    /** Only reporter_enc changes: not a change of the incident, so neither version nor updated_at moves. */
    @Override
    public int reencrypt(PersonalDataCipher with, int limit) {
        record Row(UUID id, String reporter) {
        }
        byte[] header = with.currentHeader();
        List<Row> rows = jdbc.query("SELECT id, reporter_enc FROM incident WHERE " + REPORTER_ON_OTHER_KEY
                + " LIMIT ? FOR UPDATE SKIP LOCKED", rs -> new Row(rs.getObject(1, UUID.class), rs.getString(2)),
                header.length, header, limit);
        for (Row r : rows) {
            jdbc.update("UPDATE incident SET reporter_enc = ? WHERE id = ?", with.reencrypt(r.reporter()), r.id());
        }
        return rows.size();
    }

    public static Incident map(ResultSet rs) throws SQLException {
        String dup = rs.getString(23);
        Object onTime = rs.getObject(28);
        return new Incident(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                Severity.valueOf(rs.getString(4)), rs.getString(5), rs.getDouble(6), rs.getDouble(7),
                rs.getString(8), rs.getString(9), Arrays.asList((String[]) rs.getArray(10).getArray()),
                Source.valueOf(rs.getString(11)), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getString(15), IncidentState.valueOf(rs.getString(16)), AreaLevel.valueOf(rs.getString(17)),
                rs.getString(18), rs.getObject(19, OffsetDateTime.class), rs.getBoolean(20), rs.getInt(21),
                rs.getInt(22), dup == null ? null : UUID.fromString(dup), rs.getObject(24, OffsetDateTime.class),
                rs.getObject(25, OffsetDateTime.class), rs.getObject(26, OffsetDateTime.class),
                rs.getObject(27, OffsetDateTime.class), onTime == null ? null : (Boolean) onTime, rs.getLong(29),
                rs.getString(30));
    }
}
