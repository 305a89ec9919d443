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
import org.civicsafety.grid.common.ApiDocs;
import org.civicsafety.grid.common.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterStyle;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
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
@Tag(name = "open311", description = "The Open311 GeoReport v2 facade with FixMyStreet's two-way updates: its"
        + " own field names, form-encoded writes, .json and .xml formats and error lists")
public class Open311Resource {
    static final String XML = "text/xml; charset=utf-8";
    /** The API document's description of the format path parameter and of the XML answers. */
    private static final String FORMAT = "json or xml";
    private static final String XML_DOCUMENT = "The same document in GeoReport v2 XML";
    private static final String START_DATE = "From this time (W3C date-time, or a date); with end_date at most 90 days"
            + " apart, the last 90 days when neither is given";
    private static final String END_DATE = "Until this time (W3C date-time, or a date)";
    private static final String EXTENSIONS = "true: add extended_attributes (the platform's own fields) and notes"
            + " (the request's trail)";
    private static final String UPDATE_ID = "The id of the stored update";
    private static final String CHANGESET = "2026-01-01T00:00:00Z";

    @Inject Open311Service reads;
    @Inject Open311Intake intake;

    @GET
    @Path("/discovery.{format}")
    @Operation(operationId = "getOpen311Discovery", summary = "GeoReport v2 discovery")
    @APIResponse(responseCode = "200", description = "Where this endpoint is and what it speaks", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Discovery.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    public Response discovery(@Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
            "xml"})) @PathParam("format") String format, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        boolean xml = xml(format);
        query(request);
        String base = uri.getBaseUri().toString().replaceAll("/$", "") + "/open311/v2";
        return reply(xml, 200, new Discovery(CHANGESET, "Civic Safety Platform operations",
                "API keys are issued by the platform administrators", List.of(new Discovery.Endpoint(
                        "http://wiki.open311.org/GeoReport_v2", base, CHANGESET, "production",
                        List.of("text/xml", MediaType.APPLICATION_JSON)))))
                .build();
    }

    @GET
    @Path("/services.{format}")
    @Operation(operationId = "listOpen311Services", summary = "GeoReport v2 service list (the active incident"
            + " categories)")
    @APIResponse(responseCode = "200", description = "The services", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceList.Service.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    public Response services(@Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
            "xml"})) @PathParam("format") String format, @Context HttpServerRequest request,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        query(request);
        return reply(xml, 200, reads.services(Lang.of(acceptLanguage))).build();
    }

    @GET
    @Path("/services/{code}.{format}")
    @Operation(operationId = "getOpen311Service", summary = "GeoReport v2 service definition (the questions of a"
            + " category)")
    @APIResponse(responseCode = "200", description = "The service definition", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceDefinition.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    public Response definition(
            @Parameter(description = "The service code (category code)") @PathParam("code") String code,
            @Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
                    "xml"})) @PathParam("format") String format,
            @Context HttpServerRequest request,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        query(request);
        return reply(xml, 200, reads.definition(Open311Params.code(code, "service_code"), Lang.of(acceptLanguage)))
                .build();
    }

    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "createOpen311Request", summary = "GeoReport v2 create service request (form-encoded;"
            + " api_key or X-API-Key at the gateway; Idempotency-Key or client_request_id honoured)")
    @APIResponse(responseCode = "201", description = "The new request's id (service_notice tells a duplicate of an"
            + " open request); Location is the request", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequestList.Created.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "service_code", description = "A"
            + " location (lat and long, address_string or address_id) is required; attribute[CODE] (and"
            + " attribute[CODE][] for a multivaluelist) answer the service's questions", properties = {
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
    public Response create(@Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
            "xml"})) @PathParam("format") String format, byte[] body,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String idempotencyKey) {
        boolean xml = xml(format);
        ServiceRequestList.Created created = intake.create(Open311Form.parse(body), idempotencyKey);
        // conventions.md: a create names what it created
        URI location = URI.create("/open311/v2/requests/" + created.serviceRequestId() + "." + format);
        return reply(xml, 201, new ServiceRequestList<>(List.of(created))).location(location).build();
    }

    @GET
    @Path("/requests.{format}")
    @Operation(operationId = "listOpen311Requests", summary = "GeoReport v2 service requests of non-private"
            + " categories (and the partner's own), newest first: at most 90 days, page/page_size, extensions=true")
    @Parameter(name = "service_request_id", in = ParameterIn.QUERY, description = "Request ids (incident numbers);"
            + " the other filters are ignored then", style = ParameterStyle.FORM, explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = String.class, maxItems = 500))
    @Parameter(name = "service_code", in = ParameterIn.QUERY, description = "Service codes", style = ParameterStyle.FORM, explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = String.class, maxItems = 500))
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Only open or only closed requests; both when"
            + " absent", schema = @Schema(enumeration = {"open", "closed"}))
    @Parameter(name = "start_date", in = ParameterIn.QUERY, description = START_DATE, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "end_date", in = ParameterIn.QUERY, description = END_DATE, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    @Parameter(name = "page_size", in = ParameterIn.QUERY, description = "Requests per page (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
    @Parameter(name = "extensions", in = ParameterIn.QUERY, description = EXTENSIONS, schema = @Schema(type = SchemaType.BOOLEAN))
    @APIResponse(responseCode = "200", description = "The requests", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequestList.ServiceRequest.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    public Response list(
            @Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
                    "xml"})) @PathParam("format") String format,
            @Context HttpServerRequest request,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        Open311Params.RequestQuery q = Open311Params.requestQuery(query(request));
        return reply(xml, 200, reads.requests(q, Lang.of(acceptLanguage))).build();
    }

    @GET
    @Path("/requests/{id}.{format}")
    @Operation(operationId = "getOpen311Request", summary = "GeoReport v2 one service request")
    @Parameter(name = "extensions", in = ParameterIn.QUERY, description = EXTENSIONS, schema = @Schema(type = SchemaType.BOOLEAN))
    @APIResponse(responseCode = "200", description = "A list of the one request", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequestList.ServiceRequest.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    public Response one(@Parameter(description = "The request id (incident number)") @PathParam("id") String id,
            @Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
                    "xml"})) @PathParam("format") String format,
            @Context HttpServerRequest request,
            @Parameter(description = ApiDocs.ACCEPT_LANGUAGE) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        boolean extensions = Open311Params.extensions(query(request));
        return reply(xml, 200, reads.request(Open311Params.code(id, "service_request_id"), extensions,
                Lang.of(acceptLanguage))).build();
    }

    @GET
    @Path("/tokens/{token}.{format}")
    @Operation(operationId = "getOpen311Token", summary = "GeoReport v2 token lookup: the request a token stands for")
    @APIResponse(responseCode = "200", description = "A list of the one request id", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequestList.Token.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    public Response token(@Parameter(description = "The token (a UUID)") @PathParam("token") String token,
            @Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
                    "xml"})) @PathParam("format") String format,
            @Context HttpServerRequest request) {
        boolean xml = xml(format);
        query(request);
        UUID id;
        try {
            id = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("token", "is not a token of this service");
        }
        return reply(xml, 200, reads.token(id)).build();
    }

    @GET
    @Path("/servicerequestupdates.{format}")
    @Operation(operationId = "listOpen311RequestUpdates", summary = "FixMyStreet extension: updates of service"
            + " requests in a date window (≤ 90 days)")
    @Parameter(name = "start_date", in = ParameterIn.QUERY, description = START_DATE, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "end_date", in = ParameterIn.QUERY, description = END_DATE, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @APIResponse(responseCode = "200", description = "The updates", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UpdateList.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    public Response updates(@Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
            "xml"})) @PathParam("format") String format, @Context HttpServerRequest request) {
        boolean xml = xml(format);
        return reply(xml, 200, reads.updates(Open311Params.window(query(request)))).build();
    }

    @POST
    @Path("/servicerequestupdates.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "createOpen311RequestUpdate", summary = "FixMyStreet extension: post a comment to a"
            + " service request the partner created")
    @APIResponse(responseCode = "200", description = UPDATE_ID, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = UpdateList.UpdateId.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = XML_DOCUMENT))})
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {
            "service_request_id", "description"}, properties = {
                    @SchemaProperty(name = "api_key", type = SchemaType.STRING),
                    @SchemaProperty(name = "service_request_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "description", type = SchemaType.STRING, maxLength = 4000),
                    @SchemaProperty(name = "updated_datetime", type = SchemaType.STRING, format = "date-time")})))
    public Response postUpdate(@Parameter(description = FORMAT, schema = @Schema(enumeration = {"json",
            "xml"})) @PathParam("format") String format, byte[] body) {
        return addUpdate(xml(format), body);
    }

    @POST
    @Path("/servicerequestupdates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "createOpen311RequestUpdateXml", summary = "FixMyStreet extension: post a comment"
            + " (FixMyStreet's path without a format; the answer is XML)")
    @APIResponse(responseCode = "200", description = UPDATE_ID, content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, description = "GeoReport v2 XML: <service_request_updates>"
            + "<request_update><update_id>…")))
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
        return reply(xml, 200, new UpdateList.Posted(List.of(id))).build();
    }

    private static Response.ResponseBuilder reply(boolean xml, int status, Open311Document document) {
        return xml ? Response.status(status).type(XML).entity(document)
                : Response.status(status).type(MediaType.APPLICATION_JSON).entity(document.json());
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
