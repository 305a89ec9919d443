package org.civicsafety.assessment.risk;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Idempotency;

import java.util.UUID;
import java.util.function.Function;

/** Roles are checked by annotation, before the body is read: a citizen gets 403, not a validation error. */
@Path("/api/v1/risk-assessments")
@RolesAllowed({"supervisor", "analyst", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RiskResource {
    @Inject Caller caller;
    @Inject RiskService service;
    @Inject Idempotency idempotency;

    @POST
    @Transactional
    public Response create(@NotNull @Valid RiskApi.CreateRequest body, @HeaderParam("Idempotency-Key") String key) {
        return idempotency.run(key, "POST /api/v1/risk-assessments", body, () -> {
            RiskApi.Assessment a = service.create(body, caller);
            return new Idempotency.Result(201, a, "/api/v1/risk-assessments/" + a.id(), etag(a));
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        RiskApi.Assessment a = service.view(uuid(id), caller);
        return Response.ok(a).header("ETag", etag(a)).build();
    }

    @POST
    @Path("{id}/factors")
    @Transactional
    public Response factor(@PathParam("id") String id, @NotNull @Valid RiskApi.FactorRequest body,
            @HeaderParam("Idempotency-Key") String key) {
        return addPart(id, "factors", body, key, uid -> service.addFactor(uid, body, caller));
    }

    @POST
    @Path("{id}/mitigations")
    @Transactional
    public Response mitigation(@PathParam("id") String id, @NotNull @Valid RiskApi.MitigationRequest body,
            @HeaderParam("Idempotency-Key") String key) {
        return addPart(id, "mitigations", body, key, uid -> service.addMitigation(uid, body, caller));
    }

    /** A factor or mitigation added to the assessment: retryable under its Idempotency-Key, 201 with the whole assessment. */
    private Response addPart(String id, String part, Object body, String key,
            Function<UUID, RiskApi.Assessment> add) {
        UUID uid = uuid(id);
        return idempotency.run(key, "POST /api/v1/risk-assessments/" + uid + "/" + part, body, () -> {
            RiskApi.Assessment a = add.apply(uid);
            return new Idempotency.Result(201, a, "/api/v1/risk-assessments/" + a.id(), etag(a));
        });
    }

    @POST
    @Path("{id}/transitions")
    @Transactional
    public Response transition(@PathParam("id") String id, @NotNull @Valid RiskApi.TransitionRequest body,
            @HeaderParam("If-Match") String ifMatch) {
        RiskApi.Assessment a = service.transition(uuid(id), body.action(), parseIfMatch(ifMatch), caller);
        return Response.ok(a).header("ETag", etag(a)).build();
    }

    static String etag(RiskApi.Assessment a) {
        return "\"" + a.version() + "\"";
    }

    static Integer parseIfMatch(String h) {
        if (h == null || h.isBlank())
            return null;
        String v = h.trim();
        if (v.startsWith("W/"))
            v = v.substring(2);
        v = v.replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.preconditionFailed("If-Match does not name a version");
        }
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("id", FieldMessage.Key.NOT_A_UUID);
        }
    }
}
