package org.civicsafety.grid.category;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.ApiException;
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
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The catalogue of incident categories: public reads, admin writes. */
@Path("/api/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "categories", description = "The catalogue of incident categories (the Open311 services) and the"
        + " questions a report answers")
public class CategoryResource {
    @Inject CategoryRepository repo;
    @Inject CategoryService service;
    @Inject Idempotency idempotency;
    @Inject Caller caller;
    @Inject CsvExport csv;

    @GET
    @PermitAll
    @Operation(operationId = "listCategories", summary = "The active catalogue in the language of Accept-Language"
            + " (zh-CN default, en); an admin may add inactive categories with includeInactive=true")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The whole catalogue in one page (nextCursor is null)", content = @Content(schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {
            "items",
            "nextCursor"}, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = CategoryView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)})))
    public Response list(
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Parameter(description = "true: inactive categories too (admin only)", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("includeInactive") String includeInactive) {
        Lang lang = Lang.of(acceptLanguage);
        return localized(new Page<>(catalogue(includeInactive, lang), null), lang).build();
    }

    /** {@link #list} as a CSV download (the same operation in the API document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @PermitAll
    @Operation(hidden = true)
    public Response listCsv(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @QueryParam("includeInactive") String includeInactive) {
        Lang lang = Lang.of(acceptLanguage);
        return csv.export("categories", CategoryView.class,
                cursor -> new Page<>(catalogue(includeInactive, lang), null));
    }

    /** The catalogue in {@code lang}, inactive categories too if asked for (an admin only). */
    private List<CategoryView> catalogue(String includeInactive, Lang lang) {
        boolean inactiveToo = switch (includeInactive == null ? "false" : includeInactive) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(FieldError.of("includeInactive", "not-a-boolean"));
        };
        if (inactiveToo && !caller.is("admin")) {
            throw ApiException.forbidden("Only an admin may list inactive categories");
        }
        List<Category> categories = inactiveToo ? repo.all() : repo.active();
        return categories.stream().map(c -> CategoryView.of(c, lang)).toList();
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(operationId = "getCategory", summary = "One category with its attributes (also an inactive one,"
            + " showing active false); ETag = version")
    @APIResponse(responseCode = "200", description = "The category", content = @Content(schema = @Schema(implementation = CategoryView.class)))
    public Response get(@Parameter(description = "The category code") @PathParam("code") String code,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Category c = repo.find(code).orElseThrow(() -> ApiException.notFound("Unknown category " + code));
        return view(c, Lang.of(acceptLanguage)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "createCategory", summary = "Add a category; Open311 services show it at once."
            + " Idempotency-Key honoured.")
    @APIResponse(responseCode = "201", description = "The category, created", content = @Content(schema = @Schema(implementation = CategoryView.class)))
    public Response create(@NotNull CategoryRequest body,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang lang = Lang.of(acceptLanguage);
        Idempotency.Stored stored = idempotency.run(caller.idempotencyClient(), key, "POST /api/v1/categories", body,
                201,
                () -> CategoryView.of(service.create(body), lang));
        return stored.created(created -> "/api/v1/categories/" + created.get("code"));
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "updateCategory", summary = "Change a category (replaces it; active may be set to"
            + " reactivate); If-Match honoured")
    @APIResponse(responseCode = "200", description = "The category, changed", content = @Content(schema = @Schema(implementation = CategoryView.class)))
    public Response update(@Parameter(description = "The category code") @PathParam("code") String code,
            @NotNull CategoryRequest body,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return view(service.update(code, body, Params.ifMatch(ifMatch)), Lang.of(acceptLanguage)).build();
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed("admin")
    @Operation(operationId = "deleteCategory", summary = "Delete an unused category (204); one incidents or routing"
            + " rules refer to is deactivated instead (200 with the category, active false); If-Match honoured")
    @APIResponse(responseCode = "200", description = "The category was in use: deactivated instead", content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "204", description = "The category was deleted")
    public Response delete(@Parameter(description = "The category code") @PathParam("code") String code,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        CategoryService.Removed removed = service.delete(code, Params.ifMatch(ifMatch));
        return removed.deleted() ? Response.noContent().build()
                : view(removed.deactivated(), Lang.of(acceptLanguage)).build();
    }

    private static Response.ResponseBuilder view(Category c, Lang lang) {
        return localized(CategoryView.of(c, lang), lang).tag(Long.toString(c.version()));
    }

    private static Response.ResponseBuilder localized(Object entity, Lang lang) {
        return Response.ok(entity).header(HttpHeaders.CONTENT_LANGUAGE, lang == Lang.EN ? "en" : "zh-CN");
    }
}
