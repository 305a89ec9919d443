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
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Idempotency;
import org.civicsafety.assessment.common.Parameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;
import java.util.function.Function;

/** Roles are checked by annotation, before the body is read: a citizen gets 403, not a validation error. */
@Path("/api/v1/risk-assessments")
@RolesAllowed({"supervisor", "analyst", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "risk-assessments", description = "Social-stability risk assessments of major decisions (社会稳定风险评估): "
        + "factors rated on the 5×5 matrix, mitigations giving the residual level, and the decision it implies.")
public class RiskResource {
    private static final String ID = "the assessment's id";
    /** The response header every answer carrying an assessment has (a component of META-INF/openapi.yaml). */
    private static final String ETAG = "#/components/headers/RiskAssessmentETag";

    @Inject Caller caller;
    @Inject RiskService service;
    @Inject Idempotency idempotency;

    @POST
    @Transactional
    @Operation(operationId = "createRiskAssessment", summary = "Open a risk assessment (a draft without factors)")
    @APIResponse(responseCode = "201", description = "created as a DRAFT", headers = @Header(name = "ETag", ref = ETAG), content = @Content(schema = @Schema(implementation = RiskApi.Assessment.class)))
    public Response create(@NotNull @Valid RiskApi.CreateRequest body,
            @HeaderParam("Idempotency-Key") @Parameter(description = Idempotency.HEADER) String key) {
        return idempotency.run(key, "POST /api/v1/risk-assessments", body, () -> {
            RiskApi.Assessment a = service.create(body, caller);
            return new Idempotency.Result(201, a, "/api/v1/risk-assessments/" + a.id(), etag(a));
        });
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getRiskAssessment", summary = "A risk assessment with its levels and implied decision", description = "Always shows the inherent and residual levels, the decision they imply, the explanation "
            + "and the allowed actions.")
    @APIResponse(responseCode = "200", description = "the assessment", headers = @Header(name = "ETag", ref = ETAG), content = @Content(schema = @Schema(implementation = RiskApi.Assessment.class)))
    public Response get(
            @PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        RiskApi.Assessment a = service.view(Parameters.uuid("id", id), caller);
        return Response.ok(a).header("ETag", etag(a)).build();
    }

    @POST
    @Path("{id}/factors")
    @Transactional
    @Operation(operationId = "addRiskFactor", summary = "Add a risk factor to a draft assessment")
    @APIResponse(responseCode = "201", description = "added; the whole assessment with its levels recomputed "
            + "(Location names the assessment)", headers = @Header(name = "ETag", ref = ETAG), content = @Content(schema = @Schema(implementation = RiskApi.Assessment.class)))
    public Response factor(
            @PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @NotNull @Valid RiskApi.FactorRequest body,
            @HeaderParam("Idempotency-Key") @Parameter(description = Idempotency.HEADER) String key) {
        return addPart(id, "factors", body, key, uid -> service.addFactor(uid, body, caller));
    }

    @POST
    @Path("{id}/mitigations")
    @Transactional
    @Operation(operationId = "addRiskMitigation", summary = "Add a mitigation of one factor to a draft assessment", description = "The factor's latest mitigation sets its residual likelihood and consequence.")
    @APIResponse(responseCode = "201", description = "added; the whole assessment with its residual level "
            + "recomputed (Location names the assessment)", headers = @Header(name = "ETag", ref = ETAG), content = @Content(schema = @Schema(implementation = RiskApi.Assessment.class)))
    public Response mitigation(
            @PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @NotNull @Valid RiskApi.MitigationRequest body,
            @HeaderParam("Idempotency-Key") @Parameter(description = Idempotency.HEADER) String key) {
        return addPart(id, "mitigations", body, key, uid -> service.addMitigation(uid, body, caller));
    }

    /** A factor or mitigation added to the assessment: retryable under its Idempotency-Key, 201 with the whole assessment. */
    private Response addPart(String id, String part, Object body, String key,
            Function<UUID, RiskApi.Assessment> add) {
        UUID uid = Parameters.uuid("id", id);
        return idempotency.run(key, "POST /api/v1/risk-assessments/" + uid + "/" + part, body, () -> {
            RiskApi.Assessment a = add.apply(uid);
            return new Idempotency.Result(201, a, "/api/v1/risk-assessments/" + a.id(), etag(a));
        });
    }

    @POST
    @Path("{id}/transitions")
    @Transactional
    @Operation(operationId = "transitionRiskAssessment", summary = "Decide, reopen or withdraw an assessment", description = "DRAFT —DECIDE→ DECIDED (records the implied decision and emits "
            + "org.civicsafety.risk-assessment.decided.v1) —REOPEN→ DRAFT; DRAFT —WITHDRAW→ WITHDRAWN.")
    @APIResponse(responseCode = "200", description = "the assessment in its new state", headers = @Header(name = "ETag", ref = ETAG), content = @Content(schema = @Schema(implementation = RiskApi.Assessment.class)))
    public Response transition(
            @PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @NotNull @Valid RiskApi.TransitionRequest body,
            @HeaderParam("If-Match") @Parameter(description = "the ETag the caller read; a stale one is a 412") String ifMatch) {
        RiskApi.Assessment a = service.transition(Parameters.uuid("id", id), body.action(), parseIfMatch(ifMatch),
                caller);
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
}
