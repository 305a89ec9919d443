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
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/v1/incidents.geojson")
@Tag(name = "Incidents")
public class IncidentGeoJsonResource {
    @Inject IncidentQueries queries;
    @Inject IncidentViews views;
    @Inject Caller caller;

    @GET
    @Produces({"application/geo+json", MediaType.APPLICATION_JSON})
    @Authenticated
    @Operation(summary = "The filters of GET /incidents as a GeoJSON FeatureCollection of points, for map clients")
    public Map<String, Object> geojson(@BeanParam IncidentFilter filter,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        IncidentQueries.Slice slice = queries.page(filter, caller);
        Lang lang = Lang.of(acceptLanguage);
        Map<String, Category> cats = views.categories();
        List<Map<String, Object>> features = new ArrayList<>();
        for (IncidentRow i : slice.items()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", i.id());
            props.put("number", i.number());
            props.put("categoryCode", i.categoryCode());
            props.put("categoryName",
                    cats.containsKey(i.categoryCode()) ? cats.get(i.categoryCode()).name(lang) : null);
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
        fc.put("nextCursor", slice.nextCursor());
        return fc;
    }
}
