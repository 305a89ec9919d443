package org.civicsafety.grid.incident;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Idempotency;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.security.Caller;
import org.civicsafety.grid.common.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.INCIDENTS, description = ApiDocs.INCIDENTS_DESCRIPTION)
public class IncidentResource {
    static final String ID = "The incident's id";

    @Inject IncidentService service;
    @Inject IncidentViews views;
    @Inject Idempotency idempotency;
    @Inject Caller caller;
    @Inject IncidentRepository repo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"grid_worker", "citizen", "partner", "handler", "admin"})
    @Operation(operationId = "reportIncident", summary = "Report an incident; dispatched (or linked as duplicate) at"
            + " once. Idempotency-Key honoured.")
    @APIResponse(responseCode = "201", description = "The incident, recorded: DISPATCHED (or REPORTED when no unit"
            + " is found), or DUPLICATE with duplicateOf", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    public Response report(@NotNull @Valid ReportRequest body,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang lang = Lang.of(acceptLanguage);
        String client = caller.idempotencyClient();
        Idempotency.Stored stored = idempotency.run(client, key, "POST /api/v1/incidents", body, 201,
                () -> views.view(service.report(body, caller), caller, lang, false));
        return stored.created(created -> "/api/v1/incidents/" + created.get("id"));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "getIncident", summary = "One incident in scope, with allowedActions and media;"
            + " ETag = version")
    @APIResponse(responseCode = "200", description = "The incident", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    public Response get(@Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Incident i = service.findInScope(uuid(id), caller, false);
        return Response.ok(views.view(i, caller, Lang.of(acceptLanguage), true)).tag(Long.toString(i.version()))
                .build();
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(operationId = "transitionIncident", summary = "Take a workflow action (START, REJECT, RESOLVE, VERIFY,"
            + " REOPEN, ESCALATE; the reporter's feedback CONFIRM, REOPEN and RATE with a satisfaction, once per"
            + " resolution); If-Match honoured. An action not allowed in the incident's state is a 409 naming the"
            + " allowed ones.")
    @APIResponse(responseCode = "200", description = "The incident after the action", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    public Response transition(@Parameter(description = ID) @PathParam("id") String id,
            @NotNull @Valid TransitionRequest body,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Incident i = service.transition(uuid(id), body, Params.ifMatch(ifMatch), caller);
        return Response.ok(views.view(i, caller, Lang.of(acceptLanguage), true)).tag(Long.toString(i.version()))
                .build();
    }

    @GET
    @Path("/{id}/history")
    @Authenticated
    @Operation(operationId = "getIncidentHistory", summary = "The append-only audit trail of an incident (who,"
            + " role, when, what), oldest first")
    public History history(@Parameter(description = ID) @PathParam("id") String id) {
        Incident i = service.findInScope(uuid(id), caller, false);
        return new History(repo.auditTrail(i.id()));
    }

    /** The whole trail: it is short, so it is not paged. */
    @Schema(name = "IncidentHistory", description = "An incident's audit trail, oldest first")
    public record History(List<IncidentRepository.AuditEntry> items) {}

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Unknown incident " + id);
        }
    }
}
