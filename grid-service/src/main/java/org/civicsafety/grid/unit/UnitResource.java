package org.civicsafety.grid.unit;

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
import org.civicsafety.grid.common.ApiDocs;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Idempotency;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.csv.CsvExport;
import org.civicsafety.grid.csv.CsvOpenApiFilter;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The handling units' directory: staff read the units of their area (and above it), admins keep it. */
@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "units", description = "The handling units' directory: who handles incidents and cases, where they sit,"
        + " and their notice channels")
public class UnitResource {
    private static final String ID = "The unit's id";
    private static final String AREA_CODE = "Only units sitting in this area's subtree";

    @Inject UnitService service;
    @Inject Idempotency idempotency;
    @Inject Caller caller;
    @Inject CsvExport csv;

    @GET
    @RolesAllowed({"admin", "grid_worker", "handler", "petition_officer", "mediator", "supervisor", "analyst"})
    @Operation(operationId = "listUnits", summary = "List units by id (staff: those sitting in their area's subtree"
            + " or above it)")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    public Page<UnitView> list(
            @Parameter(description = AREA_CODE) @QueryParam("areaCode") String areaCode,
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        Integer lim = Params.integer(limit, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        return service.page(caller, within(areaCode), cursor, Cursors.limit(lim));
    }

    /** {@link #list} as a CSV download (the same operation in the API document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"admin", "grid_worker", "handler", "petition_officer", "mediator", "supervisor", "analyst"})
    @Operation(hidden = true)
    public Response listCsv(@QueryParam("areaCode") String areaCode) {
        return csv.export("units", UnitView.class,
                cursor -> service.page(caller, within(areaCode), cursor, CsvExport.PAGE_SIZE));
    }

    private static String within(String areaCode) {
        return areaCode == null || areaCode.isBlank() ? null : areaCode;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "grid_worker", "handler", "petition_officer", "mediator", "supervisor", "analyst"})
    @Operation(operationId = "getUnit", summary = "One unit; ETag = version")
    @APIResponse(responseCode = "200", description = "The unit", content = @Content(schema = @Schema(implementation = UnitView.class)))
    public Response get(@Parameter(description = ID) @PathParam("id") String id) {
        Unit u = service.find(id, caller);
        return Response.ok(service.view(u, caller)).tag(Long.toString(u.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "createUnit", summary = "Add a unit to the directory; Idempotency-Key honoured")
    @APIResponse(responseCode = "201", description = "The unit, created", content = @Content(schema = @Schema(implementation = UnitView.class)))
    public Response create(@NotNull @Valid UnitRequest body,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key) {
        Idempotency.Stored stored = idempotency.run(caller.idempotencyClient(), key, "POST /api/v1/units", body, 201,
                () -> service.view(service.create(body), caller));
        return stored.created(created -> "/api/v1/units/" + created.get("id"));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "updateUnit", summary = "Create or replace a unit (notice channels left out: kept);"
            + " If-Match honoured")
    @APIResponse(responseCode = "200", description = "The unit, replaced", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "201", description = "The unit, created", content = @Content(schema = @Schema(implementation = UnitView.class)))
    public Response put(@Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid UnitRequest body) {
        UnitService.Written w = service.put(id, body, Params.ifMatch(ifMatch));
        Response.ResponseBuilder b = w.created() ? Response.created(URI.create("/api/v1/units/" + id)) : Response.ok();
        return b.tag(Long.toString(w.unit().version())).entity(service.view(w.unit(), caller)).build();
    }

    @GET
    @Path("/{id}/notice-channels")
    @RolesAllowed("admin")
    @Operation(operationId = "getUnitNoticeChannels", summary = "A unit's notice channels; ETag = the unit's version")
    @APIResponse(responseCode = "200", description = "The channels", content = @Content(schema = @Schema(implementation = NoticeChannels.class)))
    public Response channels(@Parameter(description = ID) @PathParam("id") String id) {
        Unit u = service.find(id, caller);
        return Response.ok(u.channels()).tag(Long.toString(u.version())).build();
    }

    @PUT
    @Path("/{id}/notice-channels")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "updateUnitNoticeChannels", summary = "Replace a unit's notice channels (null clears"
            + " one); If-Match honoured")
    @APIResponse(responseCode = "200", description = "The channels, replaced", content = @Content(schema = @Schema(implementation = NoticeChannels.class)))
    public Response putChannels(@Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @NotNull NoticeChannels body) {
        Unit u = service.putChannels(id, body, Params.ifMatch(ifMatch));
        return Response.ok(u.channels()).tag(Long.toString(u.version())).build();
    }
}
