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

import java.util.List;
import java.util.Map;

@Path("/api/v1/scoring-models")
@RolesAllowed({"admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    @Inject Caller caller;
    @Inject ModelService models;
    @Inject Idempotency idempotency;

    @GET
    public Map<String, Object> list() {
        List<ModelService.ModelView> all = models.list();
        return Map.of("items", all);
    }

    @GET
    @Path("{version}")
    public ModelService.ModelView get(@PathParam("version") String version) {
        return models.view(version(version));
    }

    /** Publishes a new version (inactive until activated). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(ScoringModel body, @HeaderParam("Idempotency-Key") String key) {
        return idempotency.run(key, "POST /api/v1/scoring-models", body, () -> {
            ModelService.ModelView v = models.create(body, caller.subject());
            return new Idempotency.Result(201, v, "/api/v1/scoring-models/" + v.version(), null);
        });
    }

    /** Activation recomputes every open period (the snapshot job re-scores all groups). */
    @POST
    @Path("{version}/activate")
    @Transactional
    public ModelService.ModelView activate(@PathParam("version") String version) {
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
