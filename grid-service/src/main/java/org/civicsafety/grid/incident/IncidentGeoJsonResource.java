package org.civicsafety.grid.incident;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.category.Severity;
import org.civicsafety.grid.security.Caller;
import org.civicsafety.grid.common.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/incidents.geojson")
@Tag(name = ApiDocs.INCIDENTS, description = ApiDocs.INCIDENTS_DESCRIPTION)
public class IncidentGeoJsonResource {
    @Inject IncidentQueries queries;
    @Inject IncidentViews views;
    @Inject Caller caller;

    @GET
    @Produces({"application/geo+json", MediaType.APPLICATION_JSON})
    @Authenticated
    @Operation(operationId = "getIncidentsGeoJson", summary = "The filters and paging of GET /incidents as a GeoJSON"
            + " FeatureCollection of points, for map clients")
    public FeatureCollection geojson(@BeanParam IncidentFilter filter,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        IncidentQueries.Slice slice = queries.page(filter, caller);
        Lang lang = Lang.of(acceptLanguage);
        Map<String, Category> cats = views.categories();
        List<Feature> features = slice.items().stream().map(i -> new Feature("Feature", i.id(),
                new Point("Point", List.of(i.lon(), i.lat())),
                new FeatureProperties(i.id(), i.number(), i.categoryCode(),
                        cats.containsKey(i.categoryCode()) ? cats.get(i.categoryCode()).name(lang) : null,
                        i.severity(), i.state(), i.level(), i.areaCode(), i.assignedUnit(), i.dueAt(), i.overdue(),
                        i.reportCount(), i.reportedAt())))
                .toList();
        return new FeatureCollection("FeatureCollection", features, slice.nextCursor());
    }

    @Schema(name = "IncidentFeatureCollection", description = "A page of incidents as a GeoJSON FeatureCollection;"
            + " nextCursor continues it")
    public record FeatureCollection(@Schema(enumeration = "FeatureCollection") String type, List<Feature> features,
            @Schema(nullable = true) String nextCursor) {}

    @Schema(name = "IncidentFeature", description = "An incident as a GeoJSON Feature: its location and a summary")
    public record Feature(@Schema(enumeration = "Feature") String type, UUID id, Point geometry,
            FeatureProperties properties) {}

    @Schema(name = "GeoJsonPoint", description = "A GeoJSON Point")
    public record Point(@Schema(enumeration = "Point") String type,
            @Schema(description = "[lon, lat] (WGS84)", minItems = 2, maxItems = 2) List<Double> coordinates) {}

    @Schema(name = "IncidentFeatureProperties", description = "The incident's summary on the map")
    public record FeatureProperties(UUID id, String number, String categoryCode,
            @Schema(nullable = true, description = "In the language of Accept-Language") String categoryName,
            Severity severity, IncidentState state, AreaLevel level, String areaCode,
            @Schema(nullable = true) String assignedUnit, @Schema(nullable = true) OffsetDateTime dueAt,
            boolean overdue, int reportCount, OffsetDateTime reportedAt) {}
}
