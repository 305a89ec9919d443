package org.civicsafety.grid.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.civicsafety.grid.notice.EventDeliveryView;
import org.civicsafety.grid.security.Caller;
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
import java.util.UUID;

/**
 * Partners' webhook subscriptions: a partner manages its own, an admin any partner's. Unknown and other partners'
 * subscriptions are 404s alike.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Partner webhook subscriptions: signed CloudEvents of the incidents a partner"
        + " posted, secret rotation, test pings, the delivery log and redelivery")
public class WebhookResource {
    private static final String ID = "The subscription's id";

    @Inject WebhookService service;
    @Inject Idempotency idempotency;
    @Inject Caller caller;
    @Inject CsvExport csv;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"partner", "admin"})
    @Operation(operationId = "createWebhook", summary = "Subscribe a receiver to a partner's incident events; the"
            + " answer shows the signing secret, once. Idempotency-Key honoured.")
    @APIResponse(responseCode = "201", description = "The subscription, with its secret", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public Response create(@NotNull @Valid WebhookRequest body,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key) {
        Idempotency.Stored stored = idempotency.run(caller.idempotencyClient(), key, "POST /api/v1/webhooks", body,
                201, () -> service.create(body, caller));
        return stored.created(created -> "/api/v1/webhooks/" + created.get("id"));
    }

    @GET
    @RolesAllowed({"partner", "admin"})
    @Operation(operationId = "listWebhooks", summary = "The caller's subscriptions (an admin: every partner's), newest"
            + " first")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    public Page<WebhookView> list(
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor) {
        return service.list(caller, cursor, limit(limit));
    }

    /** {@link #list} as a CSV download (the same operation in the API document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"partner", "admin"})
    @Operation(hidden = true)
    public Response listCsv() {
        return csv.export("webhooks", WebhookView.class, cursor -> service.list(caller, cursor, CsvExport.PAGE_SIZE));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"partner", "admin"})
    @Operation(operationId = "getWebhook", summary = "One subscription (without its secret)")
    public WebhookView get(@Parameter(description = ID) @PathParam("id") String id) {
        return service.get(uuid(id), caller);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"partner", "admin"})
    @Operation(operationId = "deleteWebhook", summary = "Unsubscribe; deliveries not sent yet are dropped")
    @APIResponse(responseCode = "204", description = "The subscription is deleted")
    public Response delete(@Parameter(description = ID) @PathParam("id") String id) {
        service.delete(uuid(id), caller);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed({"partner", "admin"})
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret, shown once; the previous one"
            + " keeps signing for 24 h (two v1 signatures in webhook-signature)")
    public WebhookView rotate(@Parameter(description = ID) @PathParam("id") String id) {
        return service.rotate(uuid(id), caller);
    }

    @POST
    @Path("/{id}/test")
    @RolesAllowed({"partner", "admin"})
    @Operation(operationId = "testWebhook", summary = "Queue a signed ping (type org.civicsafety.webhook.ping.v1) to"
            + " the receiver. Idempotency-Key honoured.")
    @APIResponse(responseCode = "202", description = "The ping's delivery, queued", content = @Content(schema = @Schema(implementation = EventDeliveryView.class)))
    public Response test(@Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key) {
        UUID subscription = uuid(id);
        return idempotency.run(caller.idempotencyClient(), key, "POST /api/v1/webhooks/" + subscription + "/test",
                null, 202, () -> service.ping(subscription, caller)).accepted();
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({"partner", "admin"})
    @Operation(operationId = "listWebhookDeliveries", summary = "The subscription's deliveries newest first, each with"
            + " its attempts (time, status code, latency, error)")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    public Page<EventDeliveryView> deliveries(@Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor) {
        return service.deliveries(uuid(id), caller, cursor, limit(limit));
    }

    /** {@link #deliveries} as a CSV download (the same operation in the API document). */
    @GET
    @Path("/{id}/deliveries")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"partner", "admin"})
    @Operation(hidden = true)
    public Response deliveriesCsv(@PathParam("id") String id) {
        UUID subscription = uuid(id);
        return csv.export("webhook-deliveries", EventDeliveryView.class,
                cursor -> service.deliveries(subscription, caller, cursor, CsvExport.PAGE_SIZE));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @RolesAllowed({"partner", "admin"})
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivery's event again (same event id and"
            + " body) as a new delivery. Idempotency-Key honoured.")
    @APIResponse(responseCode = "202", description = "The new delivery, queued", content = @Content(schema = @Schema(implementation = EventDeliveryView.class)))
    public Response redeliver(@Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = "The delivery's id") @PathParam("deliveryId") String deliveryId,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key) {
        UUID subscription = uuid(id);
        UUID delivery = uuid(deliveryId);
        return idempotency.run(caller.idempotencyClient(), key, "POST /api/v1/webhooks/" + subscription
                + "/deliveries/" + delivery + "/redeliver", null, 202,
                () -> service.redeliver(subscription, delivery, caller)).accepted();
    }

    private static int limit(String raw) {
        List<FieldError> errors = new ArrayList<>();
        Integer limit = Params.integer(raw, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        return Cursors.limit(limit);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Unknown webhook or delivery " + id);
        }
    }
}
