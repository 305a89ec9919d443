package org.civicsafety.grid.area;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.grid.common.ApiDocs;
import org.civicsafety.grid.common.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The boundaries of an area's children as one GeoJSON layer, for maps (choropleths, drilling down). */
@Path("/api/v1/areas.geojson")
@Tag(name = ApiDocs.AREAS, description = ApiDocs.AREAS_DESCRIPTION)
public class AreaGeoJsonResource {
    @Inject AreaService service;

    @GET
    @Produces({"application/geo+json", MediaType.APPLICATION_JSON})
    @Authenticated
    @Operation(operationId = "getAreaChildrenGeoJson", summary = "The children of an area (without parentCode: the"
            + " top-level areas) as a GeoJSON FeatureCollection, by code, their boundaries simplified for display"
            + " (detail under a thousandth of the parent's extent dropped, coordinates to 6 decimals)")
    @APIResponse(responseCode = "200", description = "The children as features")
    @APIResponse(responseCode = "404", description = "No area has the code parentCode")
    public FeatureCollection children(
            @Parameter(description = "The area whose children are wanted; absent for the top-level areas") @QueryParam("parentCode") String parentCode) {
        String parent = parentCode == null || parentCode.isBlank() ? null : parentCode.trim();
        return service.childFeatures(parent).orElseThrow(() -> ApiException.notFound("Unknown area " + parent));
    }

    @Schema(name = "AreaFeatureCollection", description = "Areas as a GeoJSON FeatureCollection")
    public record FeatureCollection(@Schema(enumeration = "FeatureCollection", required = true) String type,
            @Schema(required = true) List<Feature> features) {}

    @Schema(name = "AreaFeature", description = "An area as a GeoJSON Feature: its simplified boundary and its names")
    public record Feature(@Schema(enumeration = "Feature", required = true) String type,
            @Schema(required = true, description = "The area code") String id,
            @Schema(required = true) FeatureProperties properties,
            @Schema(nullable = true, description = "The simplified boundary; null for an area without one", implementation = Object.class, oneOf = {
                    AreaSchemas.Polygon.class, AreaSchemas.MultiPolygon.class}) JsonNode geometry){}

    @Schema(name = "AreaFeatureProperties", description = "What a map shows of an area")
    public record FeatureProperties(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(required = true) AreaLevel level,
            @Schema(nullable = true, description = "Null for a top-level area") String parentCode) {}
}
