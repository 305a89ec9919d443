package org.civicsafety.grid.open311;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.common.SqlRow;
import org.civicsafety.grid.incident.IncidentState;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The reads of the GeoReport facade, as native queries through the ORM session: the incident tables are not mapped
 * as entities, and these reads need PostGIS ({@code ST_Y}/{@code ST_X}) and PostgreSQL arrays ({@code = ANY}).
 * What a reader sees: incidents of non-private categories, and with a partner's key also those that partner posted.
 */
@ApplicationScoped
public class Open311Repository {
    /**
     * The open states as SQL constants rather than a parameter, so that the planner can match the partial index
     * {@code incident_open_category} (whose predicate lists the same states).
     */
    static final String OPEN_STATES = Arrays.stream(IncidentState.values()).filter(IncidentState::open)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    @Inject Session session;

    /** GET requests: by numbers (then the date window does not apply) or reported in the window. */
    record RequestFilter(List<String> numbers, List<String> categories, OffsetDateTime from, OffsetDateTime to,
            Boolean open, String partner, int limit, long offset) {}

    /** The columns of an incident that a GeoReport request shows. */
    record RequestRow(UUID id, String number, String categoryCode, IncidentState state, String severity,
            AreaLevel level, String description, String address, String areaCode, double lat, double lon,
            String assignedUnit, UUID duplicateOf, int reportCount, OffsetDateTime reportedAt, OffsetDateTime updatedAt,
            OffsetDateTime dueAt, String mediaUrl) {}

    /** A history entry of an incident as GeoReport notes and FixMyStreet updates show it. */
    record HistoryRow(long id, UUID incidentId, String number, OffsetDateTime at, String action, String toState,
            String note) {}

    /** An incident's id and the partner that posted it (null if none). */
    record Poster(UUID id, String partnerId) {}

    /** Newest first, one page. */
    List<RequestRow> requests(RequestFilter f) {
        // SQL: the location is a PostGIS point, the filters are PostgreSQL array comparisons
        StringBuilder sql = new StringBuilder("SELECT i.id, i.number, i.category_code, i.state, i.severity, i.level,"
                + " i.description, i.address, i.area_code, ST_Y(i.location) AS lat, ST_X(i.location) AS lon,"
                + " i.assigned_unit, i.duplicate_of, i.report_count, i.reported_at, i.updated_at, i.due_at, i.media_url"
                + " FROM incident i JOIN category c ON c.code = i.category_code WHERE " + visible(f.partner()));
        if (!f.numbers().isEmpty()) {
            sql.append(" AND i.number = ANY(:numbers)");
        } else {
            sql.append(" AND i.reported_at >= :from AND i.reported_at <= :to");
        }
        if (!f.categories().isEmpty()) {
            sql.append(" AND i.category_code = ANY(:categories)");
        }
        if (f.open() != null) {
            sql.append(f.open() ? " AND i.state IN " : " AND i.state NOT IN ").append(OPEN_STATES);
        }
        sql.append(" ORDER BY i.reported_at DESC, i.id DESC LIMIT :limit OFFSET :offset");
        NativeQuery<?> q = session.createNativeQuery(sql.toString(), Object[].class)
                .setParameter("limit", f.limit()).setParameter("offset", f.offset());
        partner(q, f.partner());
        if (!f.numbers().isEmpty()) {
            q.setParameter("numbers", f.numbers().toArray(String[]::new), String[].class);
        } else {
            q.setParameter("from", f.from(), OffsetDateTime.class).setParameter("to", f.to(), OffsetDateTime.class);
        }
        if (!f.categories().isEmpty()) {
            q.setParameter("categories", f.categories().toArray(String[]::new), String[].class);
        }
        return SqlRow.list(q, r -> new RequestRow(r.uuid("id"), r.string("number"), r.string("category_code"),
                IncidentState.valueOf(r.string("state")), r.string("severity"), AreaLevel.valueOf(r.string("level")),
                r.string("description"), r.string("address"), r.string("area_code"), r.dbl("lat"), r.dbl("lon"),
                r.string("assigned_unit"), r.uuid("duplicate_of"), r.integer("report_count"),
                r.offsetDateTime("reported_at"), r.offsetDateTime("updated_at"), r.offsetDateTime("due_at"),
                r.string("media_url")));
    }

    /** GET requests/{id}. */
    Optional<RequestRow> request(String number, String partner) {
        return requests(new RequestFilter(List.of(number), List.of(), null, null, null, partner, 1, 0)).stream()
                .findFirst();
    }

    /**
     * The history of all {@code incidents} in one query (never one per request of a page), each incident's entries
     * in the order they happened; incidents without history are absent.
     */
    Map<UUID, List<HistoryRow>> notes(List<UUID> incidents) {
        if (incidents.isEmpty()) {
            return Map.of();
        }
        // SQL: one round trip for a whole page through the (incident_id, id) index, with a PostgreSQL array
        List<HistoryRow> rows = SqlRow.list(session.createNativeQuery("SELECT h.id, h.incident_id, i.number, h.at,"
                + " h.action, h.to_state, h.note FROM incident_history h JOIN incident i ON i.id = h.incident_id"
                + " WHERE h.incident_id = ANY(:incidents) ORDER BY h.incident_id, h.id", Object[].class)
                .setParameter("incidents", incidents.toArray(UUID[]::new), UUID[].class),
                Open311Repository::historyRow);
        return rows.stream().collect(Collectors.groupingBy(HistoryRow::incidentId, LinkedHashMap::new,
                Collectors.toList()));
    }

    /**
     * History entries in {@code [from, to]} of the incidents the reader sees (FixMyStreet updates), in the order they
     * happened: the latest 1000 when there are more, since a polling client wants what is new.
     */
    List<HistoryRow> updates(OffsetDateTime from, OffsetDateTime to, String partner) {
        // SQL: like the other reads here, on tables that are not mapped as entities
        NativeQuery<?> q = session.createNativeQuery("SELECT * FROM (SELECT h.id, h.incident_id, i.number, h.at,"
                + " h.action, h.to_state, h.note FROM incident_history h JOIN incident i ON i.id = h.incident_id"
                + " JOIN category c ON c.code = i.category_code WHERE " + visible(partner)
                + " AND h.at >= :from AND h.at <= :to ORDER BY h.id DESC LIMIT 1000) latest ORDER BY id",
                Object[].class)
                .setParameter("from", from, OffsetDateTime.class).setParameter("to", to, OffsetDateTime.class);
        partner(q, partner);
        return SqlRow.list(q, Open311Repository::historyRow);
    }

    /** The number of the incident whose token (its id) this is. */
    Optional<String> numberOfToken(UUID token, String partner) {
        // SQL: like the other reads here, on tables that are not mapped as entities
        NativeQuery<String> q = session.createNativeQuery("SELECT i.number FROM incident i JOIN category c"
                + " ON c.code = i.category_code WHERE " + visible(partner) + " AND i.id = :id", String.class)
                .setParameter("id", token, UUID.class);
        partner(q, partner);
        return q.getResultStream().findFirst();
    }

    /** Who posted a request, whatever its category (a partner may update only its own). */
    Optional<Poster> poster(String number) {
        // SQL: like the other reads here, on tables that are not mapped as entities
        return SqlRow.list(session.createNativeQuery("SELECT id, partner_id FROM incident WHERE number = :number",
                Object[].class).setParameter("number", number), r -> new Poster(r.uuid("id"), r.string("partner_id")))
                .stream().findFirst();
    }

    /** A row of the history reads (their columns: id, incident_id, number, at, action, to_state, note). */
    private static HistoryRow historyRow(SqlRow r) {
        return new HistoryRow(r.lng("id"), r.uuid("incident_id"), r.string("number"), r.offsetDateTime("at"),
                r.string("action"), r.string("to_state"), r.string("note"));
    }

    /** Incidents of non-private categories; with a partner's key also those it posted ({@code :partner}). */
    private static String visible(String partner) {
        return partner == null ? "NOT c.private" : "(NOT c.private OR i.partner_id = :partner)";
    }

    private static void partner(NativeQuery<?> q, String partner) {
        if (partner != null) {
            q.setParameter("partner", partner);
        }
    }
}
