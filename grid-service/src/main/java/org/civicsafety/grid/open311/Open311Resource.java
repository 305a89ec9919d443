package org.civicsafety.grid.open311;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.common.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Open311 GeoReport v2 facade (http://wiki.open311.org/GeoReport_v2) with the FixMyStreet servicerequestupdates
 * extension: binds paths, formats (.json, .xml), parameters and the caller's key, and hands over to
 * {@link Open311Service} (reads) and {@link Open311Intake} (writes). Query strings and bodies are parsed by
 * {@link Open311Form}, so malformed input is a 400 in GeoReport's error format, never a framework exception.
 */
@Path("/open311/v2")
@PermitAll
@Tag(name = "Open311 GeoReport v2")
public class Open311Resource {
    static final String XML = "text/xml; charset=utf-8";
    private static final String CHANGESET = "2026-01-01T00:00:00Z";

    @Inject Open311Service reads;
    @Inject Open311Intake intake;

    @GET
    @Path("/discovery.{format}")
    @Operation(summary = "GeoReport v2 discovery")
    public Response discovery(@PathParam("format") String format, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        boolean xml = xml(format);
        query(request);
        String base = uri.getBaseUri().toString().replaceAll("/$", "") + "/open311/v2";
        return reply(xml, 200, new Discovery(CHANGESET, "Civic Safety Platform operations",
                "API keys are issued by the platform administrators", List.of(new Discovery.Endpoint(
                        "http://wiki.open311.org/GeoReport_v2", base, CHANGESET, "production",
                        List.of("text/xml", MediaType.APPLICATION_JSON)))));
    }

    @GET
    @Path("/services.{format}")
    @Operation(summary = "GeoReport v2 service list (the incident categories)")
    public Response services(@PathParam("format") String format, @Context HttpServerRequest request,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        query(request);
        return reply(xml, 200, reads.services(Lang.of(acceptLanguage)));
    }

    @GET
    @Path("/services/{code}.{format}")
    @Operation(summary = "GeoReport v2 service definition (attributes of a category)")
    public Response definition(@PathParam("code") String code, @PathParam("format") String format,
            @Context HttpServerRequest request, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        query(request);
        return reply(xml, 200, reads.definition(Open311Params.code(code, "service_code"), Lang.of(acceptLanguage)));
    }

    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "GeoReport v2 create service request (form-encoded; api_key or X-API-Key at the gateway)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "service_code", properties = {
            @SchemaProperty(name = "api_key", type = SchemaType.STRING),
            @SchemaProperty(name = "service_code", type = SchemaType.STRING),
            @SchemaProperty(name = "lat", type = SchemaType.NUMBER, minimum = "-90", maximum = "90"),
            @SchemaProperty(name = "long", type = SchemaType.NUMBER, minimum = "-180", maximum = "180"),
            @SchemaProperty(name = "address_string", type = SchemaType.STRING),
            @SchemaProperty(name = "address_id", type = SchemaType.STRING),
            @SchemaProperty(name = "email", type = SchemaType.STRING, format = "email"),
            @SchemaProperty(name = "device_id", type = SchemaType.STRING),
            @SchemaProperty(name = "account_id", type = SchemaType.STRING),
            @SchemaProperty(name = "first_name", type = SchemaType.STRING),
            @SchemaProperty(name = "last_name", type = SchemaType.STRING),
            @SchemaProperty(name = "phone", type = SchemaType.STRING),
            @SchemaProperty(name = "description", type = SchemaType.STRING, maxLength = 4000),
            @SchemaProperty(name = "media_url", type = SchemaType.STRING, format = "uri"),
            @SchemaProperty(name = "client_request_id", type = SchemaType.STRING)})))
    public Response create(@PathParam("format") String format, byte[] body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        boolean xml = xml(format);
        ServiceRequestList.Created created = intake.create(Open311Form.parse(body), idempotencyKey);
        return reply(xml, 201, new ServiceRequestList<>(List.of(created)));
    }

    @GET
    @Path("/requests.{format}")
    @Operation(summary = "GeoReport v2 service requests (at most 90 days; page/page_size; extensions=true)")
    @Parameter(name = "service_request_id", in = ParameterIn.QUERY, description = "comma-separated request ids")
    @Parameter(name = "service_code", in = ParameterIn.QUERY, description = "comma-separated service codes")
    @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(enumeration = {"open", "closed"}))
    @Parameter(name = "start_date", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "end_date", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "page", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    @Parameter(name = "page_size", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
    @Parameter(name = "extensions", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.BOOLEAN))
    public Response list(@PathParam("format") String format, @Context HttpServerRequest request,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        Open311Params.RequestQuery q = Open311Params.requestQuery(query(request));
        return reply(xml, 200, reads.requests(q, Lang.of(acceptLanguage)));
    }

    @GET
    @Path("/requests/{id}.{format}")
    @Operation(summary = "GeoReport v2 one service request")
    public Response one(@PathParam("id") String id, @PathParam("format") String format,
            @Context HttpServerRequest request, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        boolean extensions = Open311Params.extensions(query(request));
        return reply(xml, 200, reads.request(Open311Params.code(id, "service_request_id"), extensions,
                Lang.of(acceptLanguage)));
    }

    @GET
    @Path("/tokens/{token}.{format}")
    @Operation(summary = "GeoReport v2 token lookup")
    public Response token(@PathParam("token") String token, @PathParam("format") String format,
            @Context HttpServerRequest request) {
        boolean xml = xml(format);
        query(request);
        UUID id;
        try {
            id = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("token", "is not a token of this service");
        }
        return reply(xml, 200, reads.token(id));
    }

    @GET
    @Path("/servicerequestupdates.{format}")
    @Operation(summary = "FixMyStreet extension: updates of service requests in a date window (≤ 90 days)")
    @Parameter(name = "start_date", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "end_date", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    public Response updates(@PathParam("format") String format, @Context HttpServerRequest request) {
        boolean xml = xml(format);
        return reply(xml, 200, reads.updates(Open311Params.window(query(request))));
    }

    @POST
    @Path("/servicerequestupdates.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "FixMyStreet extension: post a comment to a service request the partner created")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {
            "service_request_id", "description"}, properties = {
                    @SchemaProperty(name = "api_key", type = SchemaType.STRING),
                    @SchemaProperty(name = "service_request_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "description", type = SchemaType.STRING, maxLength = 4000),
                    @SchemaProperty(name = "updated_datetime", type = SchemaType.STRING, format = "date-time")})))
    public Response postUpdate(@PathParam("format") String format, byte[] body) {
        return addUpdate(xml(format), body);
    }

    @POST
    @Path("/servicerequestupdates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "FixMyStreet extension: post an update (XML response)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {
            "service_request_id", "description"}, properties = {
                    @SchemaProperty(name = "api_key", type = SchemaType.STRING),
                    @SchemaProperty(name = "service_request_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "description", type = SchemaType.STRING, maxLength = 4000),
                    @SchemaProperty(name = "updated_datetime", type = SchemaType.STRING, format = "date-time")})))
    public Response postUpdateXml(byte[] body) {
        return addUpdate(true, body);
    }

    private Response addUpdate(boolean xml, byte[] body) {
        UpdateList.UpdateId id = intake.addUpdate(Open311Form.parse(body));
        return reply(xml, 200, new UpdateList.Posted(List.of(id)));
    }

    private static Response reply(boolean xml, int status, Open311Document document) {
        return xml ? Response.status(status).type(XML).entity(document).build()
                : Response.status(status).type(MediaType.APPLICATION_JSON).entity(document.json()).build();
    }

    private static Open311Form query(HttpServerRequest request) {
        return Open311Form.parse(request.query());
    }

    private static boolean xml(String format) {
        if ("xml".equals(format)) {
            return true;
        }
        if ("json".equals(format)) {
            return false;
        }
        throw ApiException.notFound("format must be json or xml");
    }
}
