package org.civicsafety.gateway.problem;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;

/**
 * The page behind every problem {@code type} URI (gateway.md "One OpenAPI document"): what the problem
 * means and what a client should do, in zh-CN or en ({@code ?lang=} wins over Accept-Language).
 */
@Path("/problems")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
@Tag(name = "problems", description = "What each problem type of an error response means and what a client should do")
public class ProblemPageResource {

    @GET
    @Operation(operationId = "listProblemTypes", summary = "Every problem type of the platform, linked to its page")
    @APIResponse(responseCode = "200", description = "an HTML page", content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING), example = "<!doctype html>…"))
    public String index(
            @QueryParam("lang") @Parameter(description = "zh-CN or en; else Accept-Language decides", schema = @Schema(enumeration = {
                    "zh-CN", "en"})) String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return ProblemPages.index(ProblemPages.language(lang, acceptLanguage));
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getProblemType", summary = "What one problem type means and what to do about it")
    @APIResponse(responseCode = "200", description = "an HTML page", content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING), example = "<!doctype html>…"))
    public String page(
            @PathParam("slug") @Parameter(description = "the last segment of a problem's type URI", schema = @Schema(enumeration = {
                    "validation", "malformed-request", "unauthorized", "forbidden", "not-found",
                    "method-not-allowed", "not-acceptable", "illegal-transition", "conflict", "precondition-failed",
                    "payload-too-large", "unsupported-media-type", "idempotency-key-reused", "rate-limited", "internal",
                    "unavailable"})) String slug,
            @QueryParam("lang") @Parameter(description = "zh-CN or en; else Accept-Language decides", schema = @Schema(enumeration = {
                    "zh-CN", "en"})) String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        ProblemType type = Arrays.stream(ProblemType.values()).filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("There is no problem type '" + slug + "'."));
        return ProblemPages.page(type, ProblemPages.language(lang, acceptLanguage));
    }
}
