package org.civicsafety.grid.incident;

import jakarta.ws.rs.QueryParam;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Params;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.ArrayList;
import java.util.List;

/** The query parameters of GET /incidents/nearby, shared by its JSON list and its CSV export ({@code @BeanParam}). */
public class NearbyFilter {
    @Parameter(description = "Latitude (WGS84)", required = true, schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90"))
    @QueryParam("lat") String lat;
    @Parameter(description = "Longitude (WGS84)", required = true, schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180"))
    @QueryParam("lon") String lon;
    @Parameter(description = "Meters around the point (default 100)", schema = @Schema(type = SchemaType.NUMBER, minimum = "1", maximum = "5000"))
    @QueryParam("radius") String radius;
    @Parameter(description = "Only this category")
    @QueryParam("category") String category;

    /** The checked point, radius in meters and category (null: any). */
    public record Criteria(double lat, double lon, double meters, String category) {}

    public Criteria criteria() {
        List<FieldError> errors = new ArrayList<>();
        Double la = Params.decimal(lat, "lat", -90, 90, true, errors);
        Double lo = Params.decimal(lon, "lon", -180, 180, true, errors);
        Double r = Params.decimal(radius, "radius", 1, 5000, false, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        return new Criteria(la, lo, r == null ? 100 : r, category);
    }
}
