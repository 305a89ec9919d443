package org.civicsafety.grid.area;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Idempotency;
import org.civicsafety.grid.security.Caller;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.common.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

@Path("/api/v1/areas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Areas")
public class AreaResource {
    @Inject AreaService service;
    @Inject AreaImportService importer;
    @Inject AreaRepository repo;
    @Inject Idempotency idempotency;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create an area (levels must nest COUNTY > TOWNSHIP > VILLAGE > GRID); Idempotency-Key honoured")
    public Response create(@NotNull @Valid AreaRequest body, @HeaderParam("Idempotency-Key") String key) {
        Idempotency.Stored stored = idempotency.run("sub:" + caller.subject(), key, "POST /api/v1/areas", body, 201,
                () -> service.view(service.create(body).area(), false));
        return stored.created(created -> "/api/v1/areas/" + created.get("code"));
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create or replace an area; If-Match honoured")
    public Response put(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid AreaRequest body) {
        AreaService.Written w = service.put(code, body, Params.ifMatch(ifMatch));
        Response.ResponseBuilder b = w.created()
                ? Response.created(URI.create("/api/v1/areas/" + code)) : Response.ok();
        return b.tag(Long.toString(w.area().version())).entity(service.view(w.area(), false)).build();
    }

    @POST
    @Path("/import")
    @Consumes({MediaType.APPLICATION_JSON, "application/geo+json"})
    @RolesAllowed("admin")
    @Operation(summary = "Import a GeoJSON FeatureCollection of up to 50,000 areas, all or nothing")
    public AreaImportService.Result importAreas(@NotNull JsonNode body) {
        return importer.importCollection(body);
    }

    @GET
    @Authenticated
    @Operation(summary = "List areas by level and/or parent")
    public Page<AreaView> list(@QueryParam("level") String level, @QueryParam("parentCode") String parentCode,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        AreaLevel lvl = null;
        if (level != null && !level.isBlank()) {
            lvl = AreaLevel.parse(level);
            if (lvl == null) {
                errors.add(FieldError.of("level", "area.level"));
            }
        }
        Integer lim = Params.integer(limit, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        int n = Cursors.limit(lim);
        String after = cursor == null || cursor.isBlank() ? null : Cursors.decode(cursor, "a:");
        List<Area> rows = repo.list(lvl, parentCode == null || parentCode.isBlank() ? null : parentCode, after, n + 1);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            next = Cursors.encode("a:" + rows.get(n - 1).code());
        }
        return new Page<>(rows.stream().map(a -> service.view(a, false)).toList(), next);
    }

    @GET
    @Path("/locate")
    @Authenticated
    @Operation(summary = "The grid containing a WGS84 point, with its ancestors")
    public AreaView locate(@QueryParam("lat") String lat, @QueryParam("lon") String lon) {
        List<FieldError> errors = new ArrayList<>();
        Double la = Params.decimal(lat, "lat", -90, 90, true, errors);
        Double lo = Params.decimal(lon, "lon", -180, 180, true, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid coordinates", errors);
        }
        // the grid and its ancestors in one round trip
        List<Area> lineage = repo.locateLineage(la, lo);
        if (lineage.isEmpty()) {
            throw ApiException.notFound("No grid contains the point " + lat + "," + lon);
        }
        return service.view(lineage.get(lineage.size() - 1), lineage.subList(0, lineage.size() - 1));
    }

    @GET
    @Path("/{code}")
    @Authenticated
    @Operation(summary = "One area with its boundary and ancestors")
    public Response get(@PathParam("code") String code) {
        Area a = service.find(code).orElseThrow(() -> ApiException.notFound("Unknown area " + code));
        return Response.ok(service.view(a, true)).tag(Long.toString(a.version())).build();
    }
}
