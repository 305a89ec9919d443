package org.civicsafety.grid.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.security.Caller;
import org.civicsafety.grid.common.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read models over incidents: filtered lists, GeoJSON for maps, "already reported nearby", statistics. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.INCIDENTS, description = ApiDocs.INCIDENTS_DESCRIPTION)
public class IncidentQueryResource {
    @Inject IncidentRepository incidents;
    @Inject IncidentQueries queries;
    @Inject IncidentStatsReport statsReport;
    @Inject Caller caller;
    @Inject IncidentViews views;

    @GET
    @Authenticated
    @Operation(operationId = "listIncidents", summary = "Incidents in the caller's scope, newest first, cursor-paged")
    public Page<IncidentView> list(@BeanParam IncidentFilter filter,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        IncidentQueries.Slice slice = queries.page(filter, caller);
        return new Page<>(views.views(slice.items(), caller, Lang.of(acceptLanguage)), slice.nextCursor());
    }

    @Schema(name = "NearbyIncident", description = "An open incident near the point")
    public record Nearby(UUID id, String number, String categoryCode, @Schema(nullable = true) String categoryName,
            IncidentState state,
            double lat, double lon, long distanceMeters, int reportCount, OffsetDateTime reportedAt) {}

    @GET
    @Path("/nearby")
    @Authenticated
    @Operation(operationId = "listNearbyIncidents", summary = "Open incidents near a point (non-private"
            + " categories), nearest first, to show 'already reported' before a report is sent")
    public Page<Nearby> nearby(
            @Parameter(description = "Latitude (WGS84)", required = true, schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90")) @QueryParam("lat") String lat,
            @Parameter(description = "Longitude (WGS84)", required = true, schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180")) @QueryParam("lon") String lon,
            @Parameter(description = "Meters around the point (default 100)", schema = @Schema(type = SchemaType.NUMBER, minimum = "1", maximum = "5000")) @QueryParam("radius") String radius,
            @Parameter(description = "Only this category") @QueryParam("category") String category,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        List<FieldError> errors = new ArrayList<>();
        Double la = Params.decimal(lat, "lat", -90, 90, true, errors);
        Double lo = Params.decimal(lon, "lon", -180, 180, true, errors);
        Double r = Params.decimal(radius, "radius", 1, 5000, false, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        double meters = r == null ? 100 : r;
        Lang lang = Lang.of(acceptLanguage);
        Map<String, Category> cats = views.categories();
        List<Nearby> items = incidents.nearbyOpen(la, lo, meters, category).stream()
                .map(n -> new Nearby(n.id(), n.number(), n.categoryCode(),
                        cats.containsKey(n.categoryCode()) ? cats.get(n.categoryCode()).name(lang) : null, n.state(),
                        n.lat(), n.lon(), n.distanceMeters(), n.reportCount(), n.reportedAt()))
                .toList();
        return new Page<>(items, null);
    }

    @Schema(name = "AreaIncidentStats", description = "The figures of one area; rates are fractions (0-1), null"
            + " when there is nothing to divide")
    public record AreaStats(String areaCode, @Schema(nullable = true) String name, long incidents, long resolved,
            long resolvedOnTime,
            @Schema(nullable = true) Double onTimeRate, long escalated, @Schema(nullable = true) Double escalationRate,
            long overdue, long reports,
            @Schema(description = "Incidents dispatched within an hour of the report") long respondedInTime,
            @Schema(description = "Incidents with a reporter's rating (RATE)") long rated,
            @Schema(description = "Rated incidents whose rating is SATISFIED or BASICALLY_SATISFIED") long satisfied,
            @Schema(nullable = true, description = "12345 response rate: respondedInTime / incidents") Double responseRate,
            @Schema(nullable = true, description = "12345 resolution rate: resolved / incidents") Double resolutionRate,
            @Schema(nullable = true, description = "12345 satisfaction rate: satisfied / rated") Double satisfactionRate) {
        /** The figures of area {@code code} with their rates (null where the denominator is 0). */
        static AreaStats of(String code, String name, IncidentStatistics.Figures f) {
            return new AreaStats(code, name, f.incidents(), f.resolved(), f.resolvedOnTime(),
                    rate(f.resolvedOnTime(), f.resolved()), f.escalated(), rate(f.escalated(), f.incidents()),
                    f.overdue(), f.reports(), f.respondedInTime(), f.rated(), f.satisfied(),
                    rate(f.respondedInTime(), f.incidents()), rate(f.resolved(), f.incidents()),
                    rate(f.satisfied(), f.rated()));
        }

        private static Double rate(long part, long whole) {
            return whole == 0 ? null : (double) part / whole;
        }
    }

    @Schema(name = "IncidentStats", description = "Incident figures of an area and of each of its children; with"
            + " groupBy, the same figures for each group too")
    public record Stats(String areaCode, @Schema(nullable = true) OffsetDateTime from,
            @Schema(nullable = true) OffsetDateTime to, long incidents,
            Map<String, Long> byCategory, Map<String, Long> bySeverity, Map<String, Long> byState,
            AreaStats total, List<AreaStats> areas,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The groupBy asked for; absent without"
                    + " it (and in a group's own figures)", enumeration = {
                            "month", "week", "category", "unit",
                            "childArea"}) String groupBy,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The groups, absent without groupBy:"
                    + " every month or week from..to in order (Asia/Shanghai; none left out); categories and units"
                    + " with incidents, most first; every child area, by code") List<StatsGroup> groups){
        /** These figures split into {@code groups}. */
        Stats grouped(StatsGrouping by, List<StatsGroup> groups) {
            return new Stats(areaCode, from, to, incidents, byCategory, bySeverity, byState, total, areas, by.wire(),
                    groups);
        }
    }

    @Schema(name = "IncidentStatsGroup", description = "The figures of one group of incidents")
    public record StatsGroup(@Schema(description = "month: 2026-11; week: 2026-W49 (ISO, Monday first); category:"
            + " its code; unit: its id, UNASSIGNED for incidents no unit handles; childArea: the area code", example = "2026-W49") String key,
            @Schema(nullable = true, description = "The category's name (in the language of Accept-Language), the"
                    + " unit's or the area's name; null for periods and unknown keys") String name,
            @Schema(nullable = true, description = "A period's first instant (Asia/Shanghai); null for other"
                    + " groupings") OffsetDateTime from,
            @Schema(nullable = true, description = "The instant after a period's last; null for other groupings") OffsetDateTime to,
            @Schema(description = "The group's figures, over the part of the period inside the asked from..to; for a"
                    + " child area, its own children's too") Stats stats) {}

    @GET
    @Path("/stats")
    @RolesAllowed({"grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Operation(operationId = "getIncidentStats", summary = "Counts by category/severity/state and on-time and"
            + " escalation rates per child area, with the 12345 response, resolution and satisfaction rates, and"
            + " with groupBy the same per month, week, category, unit or child area."
            + " Incidents are counted, not reports: duplicates only add to their original's reportCount.")
    public Stats stats(@BeanParam StatsFilter filter,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return statsReport.stats(filter.criteria(), caller, Lang.of(acceptLanguage));
    }
}
