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
    IncidentRepository incidents;
    @Inject
    IncidentStatistics statistics;
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
        List<Nearby> items = incidents.nearbyOpen(la, lo, meters, category).stream()
                .map(n -> new Nearby(n.id(), n.number(), n.categoryCode(),
                        cats.containsKey(n.categoryCode()) ? cats.get(n.categoryCode()).name(lang) : null, n.state(),
                        n.lat(), n.lon(), n.distanceMeters(), n.reportCount(), n.reportedAt()))
                .toList();
        return new Page<>(items, null);
    }

    static final Set<String> STATS_PARAMS = Set.of("areaCode", "from", "to");

    public record AreaStats(String areaCode, String name, long incidents, long resolved, long resolvedOnTime,
            Double onTimeRate, long escalated, Double escalationRate, long overdue, long reports) {
        /** The figures of area {@code code} with their on-time and escalation rates. */
        static AreaStats of(String code, String name, IncidentStatistics.Figures f) {
            return new AreaStats(code, name, f.incidents(), f.resolved(), f.resolvedOnTime(),
                    f.resolved() == 0 ? null : (double) f.resolvedOnTime() / f.resolved(), f.escalated(),
                    f.incidents() == 0 ? null : (double) f.escalated() / f.incidents(), f.overdue(), f.reports());
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
                .forEach(p -> errors.add(FieldError.of(p, "incident.stats-parameter")));
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
            throw ApiException.badRequest(FieldError.of("areaCode", "required"));
        }
        int depth = area == null ? 1 : area.path().size() + 1;
        IncidentStatistics.Breakdown b = statistics.breakdown(area == null ? null : area.code(), depth, f, t);
        AreaStats total = AreaStats.of(code, area == null ? null : area.name(), b.total());
        Map<String, String> names = new HashMap<>();
        areas.findAll(b.children().stream().map(IncidentStatistics.Figures::areaCode).toList())
                .forEach(a -> names.put(a.code(), a.name()));
        List<AreaStats> perArea = b.children().stream()
                .map(a -> AreaStats.of(a.areaCode(), names.get(a.areaCode()), a)).toList();
        return new Stats(code, f, t, total.incidents(), b.byCategory(), b.bySeverity(), b.byState(), total, perArea);
    }

    private List<Incident> find(IncidentFilter f) {
        return incidents.page(IncidentScope.of(caller), f);
    }

    private Map<String, Category> categoryMap() {
        Map<String, Category> cats = new HashMap<>();
        categories.all().forEach(c -> cats.put(c.code(), c));
        return cats;
    }
}
