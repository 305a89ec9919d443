package org.civicsafety.grid.incident;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.civicsafety.grid.area.Area;
import org.civicsafety.grid.area.AreaRepository;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.CategoryRepository;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Jdbc;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Read models over incidents: filtered lists, GeoJSON for maps, "already reported nearby", statistics. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentQueryResource {
    @Inject
    Jdbc jdbc;
    @Inject
    Caller caller;
    @Inject
    IncidentViews views;
    @Inject
    CategoryRepository categories;
    @Inject
    AreaRepository areas;

    @GET
    @Authenticated
    @Operation(summary = "Incidents in the caller's scope, newest first, cursor-paged")
    public Page<IncidentView> list(@QueryParam("state") String state, @QueryParam("areaCode") String areaCode,
            @QueryParam("categoryCode") String categoryCode, @QueryParam("severity") String severity,
            @QueryParam("source") String source, @QueryParam("bbox") String bbox, @QueryParam("lat") String lat,
            @QueryParam("lon") String lon, @QueryParam("radius") String radius,
            @QueryParam("updatedAfter") String updatedAfter, @QueryParam("overdue") String overdue,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        IncidentFilter f = IncidentFilter.parse(state, areaCode, categoryCode, severity, source, bbox, lat, lon,
                radius, updatedAfter, overdue, limit, cursor);
        List<Incident> rows = find(f);
        String next = null;
        if (rows.size() > f.limit()) {
            rows = rows.subList(0, f.limit());
            next = IncidentFilter.cursorOf(rows.get(rows.size() - 1));
        }
        return new Page<>(views.views(rows, caller, Lang.of(acceptLanguage)), next);
    }

    /** Served by {@link IncidentGeoJsonResource}; lives here to share the filter query. */
    Map<String, Object> geojson(@QueryParam("state") String state, @QueryParam("areaCode") String areaCode,
            @QueryParam("categoryCode") String categoryCode, @QueryParam("severity") String severity,
            @QueryParam("source") String source, @QueryParam("bbox") String bbox, @QueryParam("lat") String lat,
            @QueryParam("lon") String lon, @QueryParam("radius") String radius,
            @QueryParam("updatedAfter") String updatedAfter, @QueryParam("overdue") String overdue,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            String acceptLanguage) {
        IncidentFilter f = IncidentFilter.parse(state, areaCode, categoryCode, severity, source, bbox, lat, lon,
                radius, updatedAfter, overdue, limit, cursor);
        List<Incident> rows = find(f);
        String next = null;
        if (rows.size() > f.limit()) {
            rows = rows.subList(0, f.limit());
            next = IncidentFilter.cursorOf(rows.get(rows.size() - 1));
        }
        Lang lang = Lang.of(acceptLanguage);
        Map<String, Category> cats = categoryMap();
        List<Map<String, Object>> features = new ArrayList<>();
        for (Incident i : rows) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", i.id());
            props.put("number", i.number());
            props.put("categoryCode", i.categoryCode());
            props.put("categoryName", cats.containsKey(i.categoryCode()) ? cats.get(i.categoryCode()).name(lang) : null);
            props.put("severity", i.severity());
            props.put("state", i.state());
            props.put("level", i.level());
            props.put("areaCode", i.areaCode());
            props.put("assignedUnit", i.assignedUnit());
            props.put("dueAt", i.dueAt());
            props.put("overdue", i.overdue());
            props.put("reportCount", i.reportCount());
            props.put("reportedAt", i.reportedAt());
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", i.id());
            feature.put("geometry", Map.of("type", "Point", "coordinates", List.of(i.lon(), i.lat())));
            feature.put("properties", props);
            features.add(feature);
        }
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("features", features);
        fc.put("nextCursor", next);
        return fc;
    }

    public record Nearby(UUID id, String number, String categoryCode, String categoryName, IncidentState state,
            double lat, double lon, long distanceMeters, int reportCount, OffsetDateTime reportedAt) {
    }

    @GET
    @Path("/nearby")
    @Authenticated
    @Operation(summary = "Open incidents near a point (non-private categories), to show 'already reported'")
    public Page<Nearby> nearby(@QueryParam("lat") String lat, @QueryParam("lon") String lon,
            @QueryParam("radius") String radius, @QueryParam("category") String category,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        List<FieldError> errors = new ArrayList<>();
        Double la = Params.decimal(lat, "lat", -90, 90, true, errors);
        Double lo = Params.decimal(lon, "lon", -180, 180, true, errors);
        Double r = Params.decimal(radius, "radius", 1, 5000, false, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        double meters = r == null ? 100 : r;
        Lang lang = Lang.of(acceptLanguage);
        Map<String, Category> cats = categoryMap();
        StringBuilder sql = new StringBuilder("SELECT i.id, i.number, i.category_code, i.state, ST_Y(i.location),"
                + " ST_X(i.location), ST_Distance(i.location::geography, p.g), i.report_count, i.reported_at"
                + " FROM incident i JOIN category c ON c.code = i.category_code,"
                + " (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g) p"
                + " WHERE i.state IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS') AND NOT c.private"
                + " AND ST_DWithin(i.location::geography, p.g, ?)");
        List<Object> args = new ArrayList<>(List.of(lo, la, meters));
        if (category != null && !category.isBlank()) {
            sql.append(" AND i.category_code = ?");
            args.add(category);
        }
        sql.append(" ORDER BY 7 LIMIT 50");
        List<Nearby> items = jdbc.query(sql.toString(), rs -> new Nearby(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3),
                cats.containsKey(rs.getString(3)) ? cats.get(rs.getString(3)).name(lang) : null,
                IncidentState.valueOf(rs.getString(4)), rs.getDouble(5), rs.getDouble(6), Math.round(rs.getDouble(7)),
                rs.getInt(8), rs.getObject(9, OffsetDateTime.class)), args.toArray());
        return new Page<>(items, null);
    }

    static final Set<String> STATS_PARAMS = Set.of("areaCode", "from", "to");

    public record AreaStats(String areaCode, String name, long incidents, long resolved, long resolvedOnTime,
            Double onTimeRate, long escalated, Double escalationRate, long overdue, long reports) {
        AreaStats named(String code, String areaName) {
            return new AreaStats(code, areaName, incidents, resolved, resolvedOnTime, onTimeRate, escalated,
                    escalationRate, overdue, reports);
        }
    }

    public record Stats(String areaCode, OffsetDateTime from, OffsetDateTime to, long incidents,
            Map<String, Long> byCategory, Map<String, Long> bySeverity, Map<String, Long> byState,
            AreaStats total, List<AreaStats> areas) {
    }

    @GET
    @Path("/stats")
    @RolesAllowed({"grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Operation(summary = "Counts by category/severity/state and on-time and escalation rates per child area."
            + " Incidents are counted, not reports: duplicates only add to their original's reportCount.")
    public Stats stats(@QueryParam("areaCode") String areaCode, @QueryParam("from") String from,
            @QueryParam("to") String to, @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        // the list filters (bbox, lat, cursor, ...) do not apply here: refuse them rather than silently
        // answering with unfiltered figures
        uri.getQueryParameters().keySet().stream().filter(p -> !STATS_PARAMS.contains(p)).sorted()
                .forEach(p -> errors.add(new FieldError(p, "is not a parameter of stats (use areaCode, from, to)")));
        OffsetDateTime f = Params.timestamp(from, "from", errors);
        OffsetDateTime t = Params.timestamp(to, "to", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        String code = areaCode == null || areaCode.isBlank() ? caller.area() : areaCode.trim();
        Area area = null;
        if (code != null) {
            area = areas.find(code, false, false).orElseThrow(() -> ApiException.notFound("Unknown area " + code));
            if (!caller.is("admin") && (caller.area() == null || !area.path().contains(caller.area()))) {
                throw ApiException.notFound("Unknown area " + code);
            }
        } else if (!caller.is("admin")) {
            throw ApiException.badRequest("areaCode", "is required");
        }
        final Area target = area;
        StringBuilder where = new StringBuilder(" WHERE i.state <> 'DUPLICATE'");
        List<Object> args = new ArrayList<>();
        if (area != null) {
            where.append(" AND i.path @> ARRAY[?::text]");
            args.add(area.code());
        }
        if (f != null) {
            where.append(" AND i.reported_at >= ?");
            args.add(f);
        }
        if (t != null) {
            where.append(" AND i.reported_at < ?");
            args.add(t);
        }
        int depth = area == null ? 1 : area.path().size() + 1;
        // One scan for every figure: each grouping set is one breakdown, () is the total. GROUPING(...)
        // has a bit set for each column the row is not grouped by, which says which breakdown it is.
        String rates = "count(*), count(*) FILTER (WHERE i.resolved_at IS NOT NULL),"
                + " count(*) FILTER (WHERE i.resolved_on_time), count(*) FILTER (WHERE i.escalation_count > 0),"
                + " count(*) FILTER (WHERE i.overdue), coalesce(sum(i.report_count), 0)";
        String child = "i.path[" + depth + "]";
        record Row(int grouping, String category, String severity, String state, String child, AreaStats figures) {
        }
        List<Row> rows = jdbc.query("SELECT GROUPING(i.category_code, i.severity, i.state, " + child + "),"
                + " i.category_code, i.severity, i.state, " + child + ", " + rates + " FROM incident i" + where
                + " GROUP BY GROUPING SETS ((i.category_code), (i.severity), (i.state), (" + child + "), ())"
                + " ORDER BY 1, 2, 3, 4, 5", rs -> new Row(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), stats(rs.getString(5), null, rs, 5)), args.toArray());
        Map<String, Long> byCategory = new LinkedHashMap<>();
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        Map<String, Long> byState = new LinkedHashMap<>();
        List<AreaStats> children = new ArrayList<>();
        AreaStats total = null;
        for (Row r : rows) {
            switch (r.grouping()) {
                case 0b0111 -> byCategory.put(r.category(), r.figures().incidents());
                case 0b1011 -> bySeverity.put(r.severity(), r.figures().incidents());
                case 0b1101 -> byState.put(r.state(), r.figures().incidents());
                case 0b1110 -> {
                    if (r.child() != null) {
                        children.add(r.figures());
                    }
                }
                default -> total = r.figures().named(code, target == null ? null : target.name());
            }
        }
        Map<String, String> names = new HashMap<>();
        areas.findAll(children.stream().map(AreaStats::areaCode).toList()).forEach(a -> names.put(a.code(), a.name()));
        List<AreaStats> perArea = children.stream().map(a -> a.named(a.areaCode(), names.get(a.areaCode()))).toList();
        return new Stats(code, f, t, total.incidents(), byCategory, bySeverity, byState, total, perArea);
    }

    /** Maps the six rate columns starting after {@code offset} leading columns. */
    private static AreaStats stats(String code, String name, java.sql.ResultSet rs, int offset)
            throws java.sql.SQLException {
        long n = rs.getLong(offset + 1);
        long resolved = rs.getLong(offset + 2);
        long onTime = rs.getLong(offset + 3);
        long escalated = rs.getLong(offset + 4);
        return new AreaStats(code, name, n, resolved, onTime, resolved == 0 ? null : (double) onTime / resolved,
                escalated, n == 0 ? null : (double) escalated / n, rs.getLong(offset + 5), rs.getLong(offset + 6));
    }

    private List<Incident> find(IncidentFilter f) {
        IncidentScope scope = IncidentScope.of(caller);
        // The page's ids first, then their rows: the id query can run as an index-only scan of a list
        // index that carries the path, so rows outside the area are skipped without reading them.
        StringBuilder sql = new StringBuilder("SELECT " + IncidentRepository.COLUMNS + " FROM incident i WHERE i.id IN"
                + " (SELECT i.id FROM incident i WHERE " + scope.sql());
        List<Object> args = new ArrayList<>(scope.args());
        f.apply(sql, args);
        sql.append(" ORDER BY i.reported_at DESC, i.id DESC LIMIT ?) ORDER BY i.reported_at DESC, i.id DESC");
        args.add(f.limit() + 1);
        return jdbc.query(sql.toString(), IncidentRepository::map, args.toArray());
    }

    private Map<String, Category> categoryMap() {
        Map<String, Category> cats = new HashMap<>();
        categories.all().forEach(c -> cats.put(c.code(), c));
        return cats;
    }
}
