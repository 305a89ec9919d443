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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {
    @Inject IncidentService service;
    @Inject IncidentViews views;
    @Inject Idempotency idempotency;
    @Inject Caller caller;
    @Inject IncidentRepository repo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"grid_worker", "citizen", "partner", "handler", "admin"})
    @Operation(summary = "Report an incident; dispatched (or linked as duplicate) at once. Idempotency-Key honoured.")
    public Response report(@NotNull @Valid ReportRequest body, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang lang = Lang.of(acceptLanguage);
        String client = caller.idempotencyClient();
        Idempotency.Stored stored = idempotency.run(client, key, "POST /api/v1/incidents", body, 201,
                () -> views.view(service.report(body, caller), caller, lang, false));
        return stored.created(created -> "/api/v1/incidents/" + created.get("id"));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "One incident in scope, with allowedActions and media; ETag = version")
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Incident i = service.findInScope(uuid(id), caller, false);
        return Response.ok(views.view(i, caller, Lang.of(acceptLanguage), true)).tag(Long.toString(i.version()))
                .build();
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Take a workflow action (START, REJECT, RESOLVE, VERIFY, REOPEN, ESCALATE); If-Match honoured")
    public Response transition(@PathParam("id") String id, @NotNull @Valid TransitionRequest body,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Incident i = service.transition(uuid(id), body, Params.ifMatch(ifMatch), caller);
        return Response.ok(views.view(i, caller, Lang.of(acceptLanguage), true)).tag(Long.toString(i.version()))
                .build();
    }

    @GET
    @Path("/{id}/history")
    @Authenticated
    @Operation(summary = "The append-only audit trail of an incident (who, role, when, what), oldest first")
    public Map<String, List<IncidentRepository.AuditEntry>> history(@PathParam("id") String id) {
        Incident i = service.findInScope(uuid(id), caller, false);
        return Map.of("items", repo.auditTrail(i.id()));
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Unknown incident " + id);
        }
    }
}
