package org.civicsafety.grid.incident;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/v1/incidents.geojson")
@Tag(name = "Incidents")
public class IncidentGeoJsonResource {
    @Inject
    IncidentQueryResource queries;

    @GET
    @Produces({"application/geo+json", MediaType.APPLICATION_JSON})
    @Authenticated
    @Operation(summary = "The filters of GET /incidents as a GeoJSON FeatureCollection of points, for map clients")
    public Map<String, Object> geojson(@QueryParam("state") String state, @QueryParam("areaCode") String areaCode,
            @QueryParam("categoryCode") String categoryCode, @QueryParam("severity") String severity,
            @QueryParam("source") String source, @QueryParam("bbox") String bbox, @QueryParam("lat") String lat,
            @QueryParam("lon") String lon, @QueryParam("radius") String radius,
            @QueryParam("updatedAfter") String updatedAfter, @QueryParam("overdue") String overdue,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return queries.geojson(state, areaCode, categoryCode, severity, source, bbox, lat, lon, radius, updatedAfter,
                overdue, limit, cursor, acceptLanguage);
    }
}
