package org.civicsafety.assessment.model;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/scoring-models")
@RolesAllowed({"admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scoring-models", description = "Versioned scoring models: indicator weights and goalposts, smoothing, "
        + "grades, penalties, veto, yellow-card and trend rules. A new version is inactive until activated; "
        + "activation recomputes every open period.")
public class ModelResource {
    private static final String VERSION = "the model's version number";

    @Inject Caller caller;
    @Inject ModelService models;
    @Inject Idempotency idempotency;

    @Schema(name = "ScoringModelList")
    public record ModelList(@Schema(description = "every version, newest first") List<ModelService.ModelView> items) {}

    @GET
    @Operation(operationId = "listScoringModels", summary = "List the scoring model versions")
    @APIResponse(responseCode = "200", description = "every stored version, newest first", content = @Content(schema = @Schema(implementation = ModelList.class)))
    public ModelList list() {
        return new ModelList(models.list());
    }

    @GET
    @Path("{version}")
    @Operation(operationId = "getScoringModel", summary = "One scoring model version")
    @APIResponse(responseCode = "200", description = "the version", content = @Content(schema = @Schema(implementation = ModelService.ModelView.class)))
    public ModelService.ModelView get(
            @PathParam("version") @Parameter(description = VERSION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String version) {
        return models.view(version(version));
    }

    /** Publishes a new version (inactive until activated). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "createScoringModel", summary = "Store a new scoring model version", description = "The new version is inactive until activated; every field is required and the whole "
            + "model is checked (all invalid fields are listed at once).")
    @APIResponse(responseCode = "201", description = "stored as the next version, inactive", content = @Content(schema = @Schema(implementation = ModelService.ModelView.class)))
    public Response create(ScoringModel body,
            @HeaderParam("Idempotency-Key") @Parameter(description = Idempotency.HEADER) String key) {
        return idempotency.run(key, "POST /api/v1/scoring-models", body, () -> {
            ModelService.ModelView v = models.create(body, caller.subject());
            return new Idempotency.Result(201, v, "/api/v1/scoring-models/" + v.version(), null);
        });
    }

    /** Activation recomputes every open period (the snapshot job re-scores all groups). */
    @POST
    @Path("{version}/activate")
    @Transactional
    @Operation(operationId = "activateScoringModel", summary = "Make a version the active one", description = "Every open period is recomputed with it (in the background, behind event-driven work).")
    @APIResponse(responseCode = "200", description = "the version, now active", content = @Content(schema = @Schema(implementation = ModelService.ModelView.class)))
    public ModelService.ModelView activate(
            @PathParam("version") @Parameter(description = VERSION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String version) {
        return models.activate(version(version));
    }

    static int version(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("version", FieldMessage.Key.NOT_AN_INTEGER);
        }
    }
}
