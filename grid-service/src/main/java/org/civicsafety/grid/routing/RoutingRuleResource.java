package org.civicsafety.grid.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.security.Caller;
import org.civicsafety.grid.common.ApiDocs;
import org.civicsafety.grid.csv.CsvExport;
import org.civicsafety.grid.csv.CsvOpenApiFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * The routing table: (category, severity, area subtree, level) → unit. Admin writes; a supervisor reads the
 * rules that can route incidents in their area. Changes apply to the next report.
 */
@Path("/api/v1/routing-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "routing-rules", description = "The routing table: which unit at which level handles an incident of a"
        + " category and severity in an area subtree")
public class RoutingRuleResource {
    private static final String ID = "The routing rule's id";

    @Inject RoutingRuleService service;
    @Inject Idempotency idempotency;
    @Inject Caller caller;
    @Inject CsvExport csv;

    @GET
    @RolesAllowed({"admin", "supervisor"})
    @Operation(operationId = "listRoutingRules", summary = "List routing rules, newest first (a supervisor:"
            + " territory-wide rules and those of their area, its ancestors and the areas below it)")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    public Page<RoutingRuleView> list(
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        Integer lim = Params.integer(limit, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        return service.page(caller, cursor, Cursors.limit(lim));
    }

    /** {@link #list} as a CSV download (the same operation in the API document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"admin", "supervisor"})
    @Operation(hidden = true)
    public Response listCsv() {
        return csv.export("routing-rules", RoutingRuleView.class,
                cursor -> service.page(caller, cursor, CsvExport.PAGE_SIZE));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "supervisor"})
    @Operation(operationId = "getRoutingRule", summary = "One routing rule; ETag = version")
    @APIResponse(responseCode = "200", description = "The routing rule", content = @Content(schema = @Schema(implementation = RoutingRuleView.class)))
    public Response get(@Parameter(description = ID) @PathParam("id") String id) {
        RoutingRuleView r = service.find(id(id), caller);
        return Response.ok(r).tag(Long.toString(r.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "createRoutingRule", summary = "Add a routing rule; it routes the next report."
            + " Idempotency-Key honoured.")
    @APIResponse(responseCode = "201", description = "The routing rule, created", content = @Content(schema = @Schema(implementation = RoutingRuleView.class)))
    public Response create(@NotNull RoutingRuleRequest body,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key) {
        Idempotency.Stored stored = idempotency.run(caller.idempotencyClient(), key, "POST /api/v1/routing-rules", body,
                201,
                () -> service.create(body));
        return stored.created(created -> "/api/v1/routing-rules/" + created.get("id"));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "updateRoutingRule", summary = "Replace a routing rule; If-Match honoured")
    @APIResponse(responseCode = "200", description = "The routing rule, replaced", content = @Content(schema = @Schema(implementation = RoutingRuleView.class)))
    public Response update(@Parameter(description = ID) @PathParam("id") String id, @NotNull RoutingRuleRequest body,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        RoutingRuleView r = service.update(id(id), body, Params.ifMatch(ifMatch));
        return Response.ok(r).tag(Long.toString(r.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(operationId = "deleteRoutingRule", summary = "Delete a routing rule; If-Match honoured")
    @APIResponse(responseCode = "204", description = "The routing rule was deleted")
    public Response delete(@Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        service.delete(id(id), Params.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Unknown routing rule " + raw);
        }
    }
}
