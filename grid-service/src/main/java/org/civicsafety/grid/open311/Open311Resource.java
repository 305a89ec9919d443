package org.civicsafety.grid.open311;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
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
import org.civicsafety.grid.area.Area;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.area.AreaRepository;
import org.civicsafety.grid.category.AttributeDef;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.CategoryRepository;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Idempotency;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.incident.Incident;
import org.civicsafety.grid.incident.IncidentRepository;
import org.civicsafety.grid.incident.IncidentService;
import org.civicsafety.grid.incident.ReportRequest;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Open311 GeoReport v2 facade (http://wiki.open311.org/GeoReport_v2) with the FixMyStreet
 * servicerequestupdates extension. Reads are public, list only non-private categories and carry no
 * personal data; with its key a partner also reads back what it posted in private categories. Writes need a
 * partner identity (the gateway turns api_key into a partner token). service_request_id is the incident number;
 * the token of a request is its internal id. Query strings and bodies are parsed by {@link Open311Form}, so
 * malformed input is a 400 in GeoReport's error format, never a framework exception.
 */
@Path("/open311/v2")
@PermitAll
@Tag(name = "Open311 GeoReport v2")
public class Open311Resource {
    static final Duration MAX_RANGE = Duration.ofDays(90);
    /** Dates outside these years are impossible here (and would overflow the date arithmetic of the window). */
    static final OffsetDateTime EARLIEST = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);
    static final int MAX_IDS = 500;
    static final String XML = "text/xml; charset=utf-8";

    @Inject
    CategoryRepository categories;
    @Inject
    IncidentService incidents;
    @Inject
    IncidentRepository repo;
    @Inject
    AreaRepository areas;
    @Inject
    Caller caller;
    @Inject
    Idempotency idempotency;
    @Inject
    ObjectMapper json;
    @Inject
    Validator validator;

    @GET
    @Path("/discovery.{format}")
    @Operation(summary = "GeoReport v2 discovery")
    public Response discovery(@PathParam("format") String format, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        boolean xml = xml(format);
        query(request);
        String base = uri.getBaseUri().toString().replaceAll("/$", "") + "/open311/v2";
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", base);
        endpoint.put("changeset", "2026-01-01T00:00:00Z");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("text/xml", "application/json"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", "2026-01-01T00:00:00Z");
        d.put("contact", "Civic Safety Platform operations");
        d.put("key_service", "API keys are issued by the platform administrators");
        d.put("endpoints", List.of(endpoint));
        return xml ? Response.ok(Xml.single("discovery", d), XML).build()
                : Response.ok(d, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/services.{format}")
    @Operation(summary = "GeoReport v2 service list (the incident categories)")
    public Response services(@PathParam("format") String format, @Context HttpServerRequest request,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        query(request);
        Lang lang = Lang.of(acceptLanguage);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category c : categories.active()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service_code", c.code());
            s.put("service_name", c.name(lang));
            s.put("description", c.name(lang) + " (" + c.group(lang) + ")");
            s.put("metadata", !c.attributes().isEmpty());
            s.put("type", "realtime");
            s.put("keywords", String.join(",", c.keywords()));
            s.put("group", c.group(lang));
            out.add(s);
        }
        return render(xml, "services", "service", out);
    }

    @GET
    @Path("/services/{code}.{format}")
    @Operation(summary = "GeoReport v2 service definition (attributes of a category)")
    public Response definition(@PathParam("code") String code, @PathParam("format") String format,
            @Context HttpServerRequest request, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        query(request);
        Lang lang = Lang.of(acceptLanguage);
        Category c = categories.findActive(code(code, "service_code"))
                .orElseThrow(() -> ApiException.notFound("service_code not found"));
        List<Map<String, Object>> attrs = new ArrayList<>();
        int order = 1;
        for (AttributeDef a : c.attributes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", true);
            m.put("code", a.code());
            m.put("datatype", a.datatype());
            m.put("required", a.required());
            m.put("datatype_description", null);
            m.put("order", order++);
            m.put("description", text(a.description(), lang));
            List<Map<String, Object>> values = new ArrayList<>();
            if (a.values() != null) {
                for (AttributeDef.Value v : a.values()) {
                    values.add(new LinkedHashMap<>(Map.of("key", v.key(), "name", text(v.name(), lang))));
                }
            }
            m.put("values", values);
            attrs.add(m);
        }
        Map<String, Object> def = new LinkedHashMap<>();
        def.put("service_code", c.code());
        def.put("attributes", attrs);
        return xml ? Response.ok(Xml.single("service_definition", def), XML).build()
                : Response.ok(def, MediaType.APPLICATION_JSON).build();
    }

    /**
     * The service_code is checked before the key's permissions: an unknown code is a 400 whatever the key may post,
     * a known category the key may not post is a 403.
     */
    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "GeoReport v2 create service request (form-encoded; api_key or X-API-Key at the gateway)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = "service_code", properties = {
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
        Open311Form form = Open311Form.parse(body);
        Category category = service(form.one("service_code"));
        requirePartner();
        ReportRequest req = toReport(form, category);
        String client = caller.idempotencyClient();
        String key = Optional.ofNullable(form.one("client_request_id")).orElse(idempotencyKey);
        String accountId = form.one("account_id");
        Idempotency.Stored stored = idempotency.run(client, key, req, 201, () -> {
            Incident i = incidents.report(req, caller);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("service_request_id", i.number());
            r.put("service_notice", i.duplicateOf() == null ? "" : "already reported; linked to the open request");
            r.put("account_id", accountId);
            return r;
        });
        List<Map<String, Object>> out = List.of(parse(stored.body()));
        return xml ? Response.status(stored.status()).type(XML)
                .entity(Xml.document("service_requests", "request", out)).build()
                : Response.status(stored.status()).type(MediaType.APPLICATION_JSON).entity(out).build();
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
        Open311Form q = query(request);
        List<FieldError> errors = new ArrayList<>();
        OffsetDateTime[] range = range(q, errors);
        int page = positive(q.one("page"), "page", 1, Integer.MAX_VALUE, errors);
        int size = positive(q.one("page_size"), "page_size", 50, 500, errors);
        boolean extensions = bool(q.one("extensions"), "extensions", errors);
        List<String> numbers = split(q.one("service_request_id"), "service_request_id", errors);
        List<String> codes = split(q.one("service_code"), "service_code", errors);
        Set<String> statuses = new HashSet<>();
        for (String s : split(q.one("status"), "status", errors)) {
            String t = s.toLowerCase();
            if (!t.equals("open") && !t.equals("closed")) {
                errors.add(new FieldError("status", "must be open or closed"));
            }
            statuses.add(t);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        List<Incident> rows = repo.open311Requests(new IncidentRepository.Open311Filter(numbers, codes, range[0],
                range[1], statuses.size() == 1 ? statuses.contains("open") : null, reader(), size,
                (long) (page - 1) * size));
        return render(xml, "service_requests", "request", requests(rows, extensions, Lang.of(acceptLanguage)));
    }

    @GET
    @Path("/requests/{id}.{format}")
    @Operation(summary = "GeoReport v2 one service request")
    public Response one(@PathParam("id") String id, @PathParam("format") String format,
            @Context HttpServerRequest request, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        Open311Form q = query(request);
        List<FieldError> errors = new ArrayList<>();
        boolean extensions = bool(q.one("extensions"), "extensions", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        Incident i = repo.open311Request(code(id, "service_request_id"), reader())
                .orElseThrow(() -> ApiException.notFound("service_request_id not found"));
        return render(xml, "service_requests", "request", requests(List.of(i), extensions, Lang.of(acceptLanguage)));
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
        String number = repo.open311NumberOfToken(id, reader())
                .orElseThrow(() -> ApiException.notFound("token not found"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", number);
        m.put("token", token);
        return render(xml, "service_requests", "request", List.of(m));
    }

    @GET
    @Path("/servicerequestupdates.{format}")
    @Operation(summary = "FixMyStreet extension: updates of service requests in a date window (≤ 90 days)")
    @Parameter(name = "start_date", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "end_date", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    public Response updates(@PathParam("format") String format, @Context HttpServerRequest request) {
        boolean xml = xml(format);
        Open311Form q = query(request);
        List<FieldError> errors = new ArrayList<>();
        OffsetDateTime[] range = range(q, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (IncidentRepository.HistoryRow h : repo.open311Updates(range[0], range[1], reader())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("update_id", Long.toString(h.id()));
            m.put("service_request_id", h.number());
            m.put("status", fmsStatus(h.toState()));
            m.put("updated_datetime", h.at().toString());
            m.put("description", describe(h.action(), h.note()));
            m.put("media_url", "");
            out.add(m);
        }
        if (xml) {
            return Response.ok(Xml.document("service_request_updates", "request_update", out), XML).build();
        }
        return Response.ok(Map.of("service_request_updates", out), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/servicerequestupdates.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    @Operation(summary = "FixMyStreet extension: post a comment to a service request the partner created")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = {"service_request_id", "description"}, properties = {
                @SchemaProperty(name = "api_key", type = SchemaType.STRING),
                @SchemaProperty(name = "service_request_id", type = SchemaType.STRING),
                @SchemaProperty(name = "description", type = SchemaType.STRING, maxLength = 4000),
                @SchemaProperty(name = "updated_datetime", type = SchemaType.STRING, format = "date-time")})))
    public Response postUpdate(@PathParam("format") String format, byte[] body) {
        return addUpdate(format, body);
    }

    @POST
    @Path("/servicerequestupdates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    @Operation(summary = "FixMyStreet extension: post an update (XML response)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = {"service_request_id", "description"}, properties = {
                @SchemaProperty(name = "api_key", type = SchemaType.STRING),
                @SchemaProperty(name = "service_request_id", type = SchemaType.STRING),
                @SchemaProperty(name = "description", type = SchemaType.STRING, maxLength = 4000),
                @SchemaProperty(name = "updated_datetime", type = SchemaType.STRING, format = "date-time")})))
    public Response postUpdateXml(byte[] body) {
        return addUpdate("xml", body);
    }

    /** The reporter's name, e-mail and the like that FixMyStreet sends along are not kept. */
    private Response addUpdate(String format, byte[] body) {
        boolean xml = xml(format);
        Open311Form form = Open311Form.parse(body);
        requirePartner();
        String number = form.one("service_request_id");
        String description = form.one("description");
        List<FieldError> errors = new ArrayList<>();
        if (number == null) {
            errors.add(new FieldError("service_request_id", "is required"));
        }
        if (description == null) {
            errors.add(new FieldError("description", "is required"));
        }
        date(form.one("updated_datetime"), "updated_datetime", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        IncidentRepository.Poster target = repo.poster(number).orElse(null);
        // a partner may only update requests it created; anything else does not exist for it
        if (target == null || !(caller.is("admin") || (target.partnerId() != null
                && target.partnerId().equals(caller.partner())))) {
            throw ApiException.notFound("service_request_id not found");
        }
        long updateId = repo.comment(target.id(), caller.subject(), caller.actingRole(List.of("partner")),
                description);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("update_id", Long.toString(updateId));
        if (xml) {
            return Response.ok(Xml.document("service_request_updates", "request_update", List.of(m)), XML).build();
        }
        return Response.ok(List.of(m), MediaType.APPLICATION_JSON).build();
    }

    // ---- mapping ----

    private List<Map<String, Object>> requests(List<Incident> rows, boolean extensions, Lang lang) {
        Map<String, Category> cats = new HashMap<>();
        categories.all().forEach(c -> cats.put(c.code(), c));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Incident i : rows) {
            Category c = cats.get(i.categoryCode());
            List<Map<String, Object>> notes = notes(i.id());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("service_request_id", i.number());
            r.put("status", i.state().open() ? "open" : "closed");
            r.put("status_notes", statusNotes(notes));
            r.put("service_name", c == null ? null : c.name(lang));
            r.put("service_code", i.categoryCode());
            r.put("description", i.description());
            r.put("agency_responsible", i.assignedUnit());
            r.put("service_notice", i.duplicateOf() == null ? "" : "duplicate");
            r.put("requested_datetime", i.reportedAt().toString());
            r.put("updated_datetime", i.updatedAt().toString());
            r.put("expected_datetime", i.dueAt() == null ? null : i.dueAt().toString());
            r.put("address", i.address());
            r.put("address_id", i.areaCode());
            r.put("zipcode", null);
            r.put("lat", i.lat());
            r.put("long", i.lon());
            r.put("media_url", i.mediaUrl());
            if (extensions) {
                Map<String, Object> ext = new LinkedHashMap<>();
                ext.put("number", i.number());
                ext.put("state", i.state().name());
                ext.put("severity", i.severity().name());
                ext.put("level", i.level().name());
                ext.put("area_code", i.areaCode());
                ext.put("report_count", i.reportCount());
                ext.put("duplicate_of", i.duplicateOf() == null ? null : i.duplicateOf().toString());
                r.put("extended_attributes", ext);
                r.put("notes", notes);
            }
            out.add(r);
        }
        return out;
    }

    private List<Map<String, Object>> notes(UUID incident) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (IncidentRepository.HistoryRow h : repo.historyRows(incident)) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("datetime", h.at().toString());
            n.put("summary", h.action());
            n.put("type", h.action().equals("COMMENT") ? "comment" : "activity");
            n.put("description", describe(h.action(), h.note()));
            out.add(n);
        }
        return out;
    }

    private static String statusNotes(List<Map<String, Object>> notes) {
        for (int k = notes.size() - 1; k >= 0; k--) {
            Object d = notes.get(k).get("description");
            String s = (String) notes.get(k).get("summary");
            if (d != null && !d.equals(s) && !"REPORT".equals(s) && !"DISPATCH".equals(s)) {
                return d.toString();
            }
        }
        return null;
    }

    private static String describe(String action, String note) {
        return note == null || note.isBlank() ? action : note;
    }

    private static String fmsStatus(String state) {
        if (state == null) {
            return "OPEN";
        }
        return switch (state) {
            case "IN_PROGRESS" -> "IN_PROGRESS";
            case "RESOLVED", "CLOSED" -> "FIXED";
            case "REJECTED" -> "NOT_COUNCILS_RESPONSIBILITY";
            case "DUPLICATE" -> "DUPLICATE";
            default -> "OPEN";
        };
    }

    /** The fields of a GeoReport v2 POST Service Request, plus api_key and our client_request_id. */
    static final Set<String> REQUEST_FIELDS = Set.of("jurisdiction_id", "service_code", "lat", "long",
            "address_string", "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
            "description", "media_url", "api_key", "client_request_id");
    /** {@code attribute[CODE]} or, for multi-value lists, {@code attribute[CODE][]}. */
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([A-Za-z0-9_]{1,64})](\\[])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** The report's fields as GeoReport names them, for errors found by the report's own validation. */
    private static final Map<String, String> OPEN311_NAME = Map.of("description", "description", "address",
            "address_string", "mediaUrl", "media_url", "reporter.name", "first_name", "reporter.phone", "phone",
            "areaCode", "address_id", "lat", "lat", "lon", "long");

    /** The category of a POST's service_code: missing, unknown or inactive is a 400. */
    private Category service(String code) {
        if (code == null) {
            throw ApiException.badRequest("service_code", "is required");
        }
        return categories.findActive(code(code, "service_code"))
                .orElseThrow(() -> ApiException.badRequest("service_code", "unknown service_code"));
    }

    /** Form fields → the JSON API's report; attribute[CODE] and attribute[CODE][] become attributes. */
    private ReportRequest toReport(Open311Form form, Category cat) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode attributes = json.createObjectNode();
        for (String k : form.names()) {
            Matcher a = ATTRIBUTE.matcher(k);
            if (a.matches()) {
                if (attributes.has(a.group(1))) {
                    errors.add(new FieldError(k, "attribute " + a.group(1) + " is given both as a single value and"
                            + " as a list"));
                } else if (a.group(2) != null) {
                    ArrayNode arr = attributes.putArray(a.group(1));
                    form.all(k).forEach(arr::add);
                } else {
                    attributes.put(a.group(1), form.one(k));
                }
            } else if (!REQUEST_FIELDS.contains(k)) {
                // a field GeoReport v2 does not define here is a client mistake (a query parameter of GET
                // requests sent to POST, a typo, a malformed attribute[...]), not something to drop silently
                errors.add(new FieldError(k, k.startsWith("attribute") ? "is not attribute[CODE] or attribute[CODE][]"
                        : "is not a field of a service request"));
            }
        }
        String email = form.one("email");
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("email", "is not an e-mail address"));
        }
        Double lat = Params.decimal(form.one("lat"), "lat", -90, 90, false, errors);
        Double lon = Params.decimal(form.one("long"), "long", -180, 180, false, errors);
        String addressId = form.one("address_id");
        String address = form.one("address_string");
        Area grid = addressId == null ? null : areas.find(addressId, false, false)
                .filter(g -> g.level() == AreaLevel.GRID).orElse(null);
        if (addressId != null && grid == null) {
            errors.add(new FieldError("address_id", "must be the code of a grid"));
        }
        if ((lat == null || lon == null) && errors.stream().noneMatch(e -> e.field().equals("lat")
                || e.field().equals("long"))) {
            // address_id is a grid code here: the report is placed inside that grid
            double[] p = grid == null ? null : areas.pointInside(grid.code()).orElse(null);
            if (p != null) {
                lat = p[0];
                lon = p[1];
            } else if (addressId == null) {
                errors.add(new FieldError("lat", address == null ? "lat and long (or address_id) are required"
                        : "address_string alone cannot be located here: also send lat/long or address_id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        String description = Optional.ofNullable(form.one("description")).orElse(cat.nameZh());
        String name = String.join(" ", Stream.of(form.one("first_name"), form.one("last_name"))
                .filter(s -> s != null).toList());
        ReportRequest.Reporter reporter = name.isBlank() && form.one("phone") == null ? null
                : new ReportRequest.Reporter(name.isBlank() ? null : name, form.one("phone"));
        ReportRequest req = new ReportRequest(cat.code(), null, description, lat, lon, address,
                grid == null ? null : grid.code(), null, reporter, attributes, null, form.one("media_url"));
        for (ConstraintViolation<ReportRequest> v : validator.validate(req)) {
            String field = v.getPropertyPath().toString();
            errors.add(new FieldError(OPEN311_NAME.getOrDefault(field, field), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        return req;
    }

    private void requirePartner() {
        if (!caller.is("partner") && !caller.is("admin")) {
            throw ApiException.forbidden("a valid api_key is required");
        }
    }

    /** The partner whose own requests in private categories a read includes (none without a partner key). */
    private String reader() {
        return caller.is("partner") ? caller.partner() : null;
    }

    private static Open311Form query(HttpServerRequest request) {
        return Open311Form.parse(request.query());
    }

    /** A code or number from the path or a form: one without control characters and of a sane length. */
    private static String code(String raw, String field) {
        if (!Codes.storable(raw) || raw.length() > 64) {
            throw ApiException.badRequest(field, "is malformed");
        }
        return raw;
    }

    /** start_date/end_date at most 90 days apart; without them the last 90 days. */
    private static OffsetDateTime[] range(Open311Form q, List<FieldError> errors) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime s = date(q.one("start_date"), "start_date", errors);
        OffsetDateTime e = date(q.one("end_date"), "end_date", errors);
        if (!errors.isEmpty()) {
            return new OffsetDateTime[2];
        }
        if (s == null && e == null) {
            e = now;
            s = now.minus(MAX_RANGE);
        } else if (s == null) {
            s = e.minus(MAX_RANGE);
        } else if (e == null) {
            e = s.plus(MAX_RANGE).isAfter(now) ? now : s.plus(MAX_RANGE);
        }
        if (e.isBefore(s)) {
            errors.add(new FieldError("end_date", "must not be before start_date"));
        } else if (Duration.between(s, e).compareTo(MAX_RANGE) > 0) {
            errors.add(new FieldError("end_date", "start_date and end_date may be at most 90 days apart"));
        }
        return new OffsetDateTime[] {s, e};
    }

    /** A W3C date-time (or a date: its start in UTC) between 1970 and 9999, else an error. */
    private static OffsetDateTime date(String raw, String field, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        OffsetDateTime d;
        try {
            d = OffsetDateTime.parse(raw);
        } catch (DateTimeException e) {
            try {
                d = LocalDate.parse(raw).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeException e2) {
                errors.add(new FieldError(field, "must be a W3C date-time, e.g. 2026-01-31T10:00:00Z"));
                return null;
            }
        }
        if (d.isBefore(EARLIEST) || d.isAfter(LATEST)) {
            errors.add(new FieldError(field, "must be between the years 1970 and 9999"));
            return null;
        }
        return d;
    }

    private static int positive(String raw, String field, int dflt, int max, List<FieldError> errors) {
        if (raw == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        errors.add(new FieldError(field, "must be an integer between 1 and " + max));
        return dflt;
    }

    private static boolean bool(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (!raw.equalsIgnoreCase("true")) {
            errors.add(new FieldError(field, "must be true or false"));
        }
        return true;
    }

    /** A comma-separated list of at most {@value #MAX_IDS} codes. */
    private static List<String> split(String csv, String field, List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        if (csv == null) {
            return out;
        }
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.size() > MAX_IDS || out.stream().anyMatch(s -> s.length() > 64)) {
            errors.add(new FieldError(field, "at most " + MAX_IDS + " values of at most 64 characters"));
        }
        return out;
    }

    private static String text(Map<String, String> texts, Lang lang) {
        return texts == null ? null : texts.getOrDefault(lang.key(), texts.get("zh"));
    }

    private Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not chained: the parser's message would quote the stored reply (account_id) into the log
            throw new IllegalStateException("stored reply is not JSON");
        }
    }

    private Response render(boolean xml, String root, String item, List<Map<String, Object>> items) {
        return xml ? Response.ok(Xml.document(root, item, items), XML).build()
                : Response.ok(items, MediaType.APPLICATION_JSON).build();
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
