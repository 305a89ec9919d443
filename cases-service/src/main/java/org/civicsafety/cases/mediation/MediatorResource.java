package org.civicsafety.cases.mediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
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
import java.net.URI;
import org.civicsafety.cases.casefile.Caller;
import org.civicsafety.cases.casefile.CaseResource;
import org.civicsafety.cases.csv.CsvExport;
import org.civicsafety.cases.csv.CsvOpenApiFilter;
import org.civicsafety.cases.idempotency.IdempotencyStore;
import org.civicsafety.cases.idempotency.IdempotentCreates;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/mediators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "mediators", description = "The mediator directory (调解员): who mediates disputes, for which committee or "
        + "office, where and in what")
public class MediatorResource {
    private static final String MEDIATOR_ID = "The mediator's id";
    private static final String ETAG = "The mediator's version, for If-Match";

    @Inject Caller caller;
    @Inject Mediators mediators;
    @Inject IdempotentCreates creates;
    @Inject ObjectMapper mapper;
    @Inject CsvExport csv;

    @POST
    @RolesAllowed({"supervisor", "admin"})
    @Transactional
    @Operation(operationId = "createMediator", summary = "Add a mediator to the directory", description = "An admin anywhere, a supervisor inside their area. unitId must be in the unit directory.")
    @APIResponse(responseCode = "201", description = "Added", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = MediatorApi.View.class)))
    public Response create(@Valid @NotNull MediatorApi.Body body,
            @Parameter(description = "Any string of at most 128 characters: the same key and body again answer the "
                    + "first response and create nothing new; another body with the key is a 422") @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        var who = caller.who();
        return creates.create(caller.idempotencyClient(), key,
                "POST /api/v1/mediators " + mapper.writeValueAsString(body),
                () -> mediators.create(body, who), n -> URI.create("/api/v1/mediators/" + n.path("id").asText()));
    }

    @GET
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "listMediators", summary = "List mediators", description = "Those in the caller's area subtree (an admin: all), newest first, cursor paging.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "A page of mediators")
    public MediatorApi.Page list(@BeanParam MediatorListFilters filters,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return mediators.list(filters.page(limit, cursor), caller.who());
    }

    /** {@link #list} as a CSV download (the same operation in the OpenAPI document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response listCsv(@BeanParam MediatorListFilters filters) {
        var who = caller.who();
        return csv.export("mediators", MediatorApi.View.class,
                cursor -> mediators.list(filters.page(CsvExport.PAGE_LIMIT, cursor), who));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getMediator", summary = "Read a mediator")
    @APIResponse(responseCode = "200", description = "The mediator", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = MediatorApi.View.class)))
    public Response get(@Parameter(description = MEDIATOR_ID) @PathParam("id") String id) {
        MediatorApi.View v = mediators.find(CaseResource.parseId(id, "no such mediator"), caller.who());
        return Response.ok(v).header("ETag", CaseResource.etag(v.version())).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({"supervisor", "admin"})
    @Transactional
    @Operation(operationId = "updateMediator", summary = "Replace a mediator's entry", description = "The whole entry; an admin anywhere, a supervisor for mediators inside their area (and moving them only within it).")
    @APIResponse(responseCode = "200", description = "The mediator after the change", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = MediatorApi.View.class)))
    public Response update(@Parameter(description = MEDIATOR_ID) @PathParam("id") String id,
            @Valid @NotNull MediatorApi.Body body,
            @Parameter(description = "The mediator's ETag (its version, e.g. \"3\"): a stale one is a 412") @HeaderParam("If-Match") String ifMatch) {
        MediatorApi.View v = mediators.update(CaseResource.parseId(id, "no such mediator"), body,
                CaseResource.parseIfMatch(ifMatch), caller.who());
        return Response.ok(v).header("ETag", CaseResource.etag(v.version())).build();
    }
}
