package org.civicsafety.grid.category;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public catalogue of incident categories (no login needed). */
@Path("/api/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Categories")
public class CategoryResource {
    @Inject
    CategoryRepository repo;

    @GET
    @Operation(summary = "The catalogue in the language of Accept-Language (zh-CN default, en)")
    public Response list(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang lang = Lang.of(acceptLanguage);
        return Response.ok(new Page<>(repo.all().stream().map(c -> CategoryView.of(c, lang)).toList(), null))
                .header(HttpHeaders.CONTENT_LANGUAGE, lang == Lang.EN ? "en" : "zh-CN").build();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One category with its attributes")
    public Response get(@PathParam("code") String code,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang lang = Lang.of(acceptLanguage);
        Category c = repo.find(code).orElseThrow(() -> ApiException.notFound("Unknown category " + code));
        return Response.ok(CategoryView.of(c, lang))
                .header(HttpHeaders.CONTENT_LANGUAGE, lang == Lang.EN ? "en" : "zh-CN").build();
    }
}
