package org.civicsafety.gateway.partner;

import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.gateway.auth.Caller;
import org.civicsafety.gateway.csv.CsvExport;
import org.civicsafety.gateway.csv.CsvOpenApiFilter;
import org.civicsafety.gateway.problem.ProblemException;
import org.civicsafety.gateway.web.GatewayRouter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Partner API keys, administered by admins (the gateway's front handler lets only the admin role
 * through to this path). The key itself is in the create response only.
 */
@Path("/api/v1/partner-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "partner-keys", description = "API keys of partner systems (admin only)")
@SecurityRequirement(name = "bearer")
public class PartnerKeyResource {

    /** Request to issue a key. */
    public record NewPartnerKey(
            @Schema(description = "the partner system's id; becomes the `partner` claim", examples = "fixmystreet-c01", required = true) String partnerId,
            @Schema(description = "a label for people", examples = "FixMyStreet production") String name,
            @Schema(description = "incident category codes this partner may report", required = true) List<String> categories) {}

    /** A key as listed: never the key itself. */
    public record PartnerKeyView(String id, String partnerId, @Schema(nullable = true) String name,
            List<String> categories, String keyPrefix, OffsetDateTime createdAt, String createdBy,
            @Schema(nullable = true, description = "when it was revoked; null while active") OffsetDateTime revokedAt,
            boolean active,
            @Schema(nullable = true, description = "when a request last came with the key, to the minute; null: never,"
                    + " or not known right now") OffsetDateTime lastUsedAt) {

        static PartnerKeyView of(PartnerKey k, Map<String, Instant> uses) {
            Instant used = uses.get(k.id());
            return new PartnerKeyView(k.id(), k.partnerId(), k.name(), k.categories(), k.keyPrefix(), k.createdAt(),
                    k.createdBy(), k.revokedAt(), k.active(), used == null ? null : used.atOffset(ZoneOffset.UTC));
        }
    }

    /** The create response: the only time the key is shown. */
    public record IssuedPartnerKey(String id, String partnerId, String name, List<String> categories, String keyPrefix,
            OffsetDateTime createdAt,
            @Schema(description = "the API key; store it now, it is not shown again") String apiKey) {}

    public record PartnerKeyPage(List<PartnerKeyView> items, String nextCursor)
            implements
                CsvExport.Paged<PartnerKeyView> {}

    @Inject PartnerKeys keys;
    @Inject CsvExport csv;

    @Inject KeyUse uses;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issuePartnerKey", summary = "Issue an API key for a partner system")
    @APIResponse(responseCode = "201", description = "issued; the key is in `apiKey`", content = @Content(schema = @Schema(implementation = IssuedPartnerKey.class)))
    @APIResponse(responseCode = "400", description = "invalid fields", content = @Content(mediaType = "application/problem+json"))
    public Response issue(NewPartnerKey body, @Context RoutingContext ctx) {
        List<ProblemException.FieldError> errors = PartnerKeyRules.validate(body);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Caller admin = ctx.get(GatewayRouter.CALLER);
        PartnerKeys.Issued issued = keys.issue(body.partnerId().trim(), body.name(),
                body.categories().stream().map(String::trim).distinct().toList(), admin.id());
        PartnerKey k = issued.key();
        return Response.created(URI.create("/api/v1/partner-keys/" + k.id()))
                .entity(new IssuedPartnerKey(k.id(), k.partnerId(), k.name(), k.categories(), k.keyPrefix(),
                        k.createdAt(),
                        issued.secret()))
                .build();
    }

    @GET
    @Operation(operationId = "listPartnerKeys", summary = "List partner API keys (newest first, cursor paging)")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "a page of keys", content = @Content(schema = @Schema(implementation = PartnerKeyPage.class)))
    @APIResponse(responseCode = "400", description = "bad limit or cursor", content = @Content(mediaType = "application/problem+json"))
    public PartnerKeyPage list(
            @QueryParam("partnerId") @Parameter(description = "only this partner's keys") String partnerId,
            @QueryParam("limit") @Parameter(description = "page size, 1–500 (default 50)") String limit,
            @QueryParam("cursor") @Parameter(description = "the previous page's nextCursor") String cursor) {
        Integer size = null;
        if (limit != null) {
            try {
                size = Integer.valueOf(limit.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid(List.of(new ProblemException.FieldError("limit", "not-an-integer")));
            }
        }
        KeyPages.Page page = KeyPages.page(keys.list(partnerId), size, cursor);
        Map<String, Instant> used = uses.lastUsed(page.items().stream().map(PartnerKey::id).toList());
        return new PartnerKeyPage(page.items().stream().map(k -> PartnerKeyView.of(k, used)).toList(),
                page.nextCursor());
    }

    /** {@link #list} as a CSV download (the same operation in the OpenAPI document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @Operation(hidden = true)
    public Response listCsv(@QueryParam("partnerId") String partnerId) {
        return csv.export("partner-keys", PartnerKeyView.class,
                cursor -> list(partnerId, CsvExport.PAGE_LIMIT, cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPartnerKey", summary = "One partner API key")
    @APIResponse(responseCode = "200", description = "the key (never the key itself)", content = @Content(schema = @Schema(implementation = PartnerKeyView.class)))
    @APIResponse(responseCode = "404", description = "no such key", content = @Content(mediaType = "application/problem+json"))
    public PartnerKeyView get(@PathParam("id") @Parameter(description = "the key's id") String id) {
        return keys.find(id).map(k -> PartnerKeyView.of(k, uses.lastUsed(List.of(k.id()))))
                .orElseThrow(() -> ProblemException.notFound("No partner key " + id + "."));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokePartnerKey", summary = "Revoke a partner API key (it stops working on every gateway instance within seconds)")
    @APIResponse(responseCode = "204", description = "revoked")
    @APIResponse(responseCode = "404", description = "no such key", content = @Content(mediaType = "application/problem+json"))
    public Response revoke(@PathParam("id") @Parameter(description = "the key's id") String id) {
        keys.revoke(id).orElseThrow(() -> ProblemException.notFound("No partner key " + id + "."));
        return Response.noContent().build();
    }
}
