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
import org.civicsafety.grid.common.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

@Path("/api/v1/areas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.AREAS, description = ApiDocs.AREAS_DESCRIPTION)
public class AreaResource {
    @Inject AreaService service;
    @Inject AreaImportService importer;
    @Inject AreaRepository repo;
    @Inject Idempotency idempotency;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "createArea", summary = "Create an area (levels must nest COUNTY > TOWNSHIP > VILLAGE > GRID); Idempotency-Key honoured")
    @APIResponse(responseCode = "201", description = "The area, created", content = @Content(schema = @Schema(implementation = AreaView.class)))
    public Response create(@NotNull @Valid AreaRequest body,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key) {
        Idempotency.Stored stored = idempotency.run("sub:" + caller.subject(), key, "POST /api/v1/areas", body, 201,
                () -> service.view(service.create(body).area(), false));
        return stored.created(created -> "/api/v1/areas/" + created.get("code"));
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "updateArea", summary = "Create or replace an area; If-Match honoured")
    @APIResponse(responseCode = "200", description = "The area, replaced", content = @Content(schema = @Schema(implementation = AreaView.class)))
    @APIResponse(responseCode = "201", description = "The area, created", content = @Content(schema = @Schema(implementation = AreaView.class)))
    public Response put(@Parameter(description = "The area code") @PathParam("code") String code,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
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
    @Operation(operationId = "importAreas", summary = "Import a GeoJSON FeatureCollection of up to 50,000 areas, all"
            + " or nothing (every invalid feature is reported in one 400); existing codes are updated")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AreaSchemas.Import.class)),
            @Content(mediaType = "application/geo+json", schema = @Schema(implementation = AreaSchemas.Import.class))})
    public AreaImportService.Result importAreas(@NotNull JsonNode body) {
        return importer.importCollection(body);
    }

    @GET
    @Authenticated
    @Operation(operationId = "listAreas", summary = "List areas by level and/or parent, by code")
    public Page<AreaView> list(
            @Parameter(description = "Only areas of this level", schema = @Schema(implementation = AreaLevel.class)) @QueryParam("level") String level,
            @Parameter(description = "Only the children of this area") @QueryParam("parentCode") String parentCode,
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor) {
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
    @Operation(operationId = "locateArea", summary = "The grid containing a WGS84 point, with its ancestors (404 if"
            + " none)")
    public AreaView locate(
            @Parameter(description = "Latitude (WGS84)", required = true, schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90")) @QueryParam("lat") String lat,
            @Parameter(description = "Longitude (WGS84)", required = true, schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180")) @QueryParam("lon") String lon) {
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
    @Operation(operationId = "getArea", summary = "One area with its boundary and ancestors; ETag = version")
    @APIResponse(responseCode = "200", description = "The area", content = @Content(schema = @Schema(implementation = AreaView.class)))
    public Response get(@Parameter(description = "The area code") @PathParam("code") String code) {
        Area a = service.find(code).orElseThrow(() -> ApiException.notFound("Unknown area " + code));
        return Response.ok(service.view(a, true)).tag(Long.toString(a.version())).build();
    }
}
