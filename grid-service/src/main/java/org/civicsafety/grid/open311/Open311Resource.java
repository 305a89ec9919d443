package org.civicsafety.grid.open311;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
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
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Idempotency;
import org.civicsafety.grid.common.Jdbc;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.incident.Incident;
import org.civicsafety.grid.incident.IncidentRepository;
import org.civicsafety.grid.incident.IncidentService;
import org.civicsafety.grid.incident.ReportRequest;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.UUID;

/**
 * Open311 GeoReport v2 facade (http://wiki.open311.org/GeoReport_v2) with the FixMyStreet
 * servicerequestupdates extension. Reads are public, list only non-private categories and carry no
 * personal data; writes need a partner identity (the gateway turns api_key into a partner token).
 * service_request_id is the incident number; the token of a request is its internal id.
 */
@Path("/open311/v2")
@PermitAll
@Tag(name = "Open311 GeoReport v2")
public class Open311Resource {
    static final Duration MAX_RANGE = Duration.ofDays(90);
    static final String XML = "text/xml; charset=utf-8";

    @Inject
    CategoryRepository categories;
    @Inject
    IncidentService incidents;
    @Inject
    AreaRepository areas;
    @Inject
    Jdbc jdbc;
    @Inject
    Caller caller;
    @Inject
    Idempotency idempotency;
    @Inject
    ObjectMapper json;

    @GET
    @Path("/discovery.{format}")
    @Operation(summary = "GeoReport v2 discovery")
    public Response discovery(@PathParam("format") String format, @jakarta.ws.rs.core.Context UriInfo uri) {
        boolean xml = xml(format);
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
    public Response services(@PathParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
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
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        Lang lang = Lang.of(acceptLanguage);
        Category c = categories.findActive(code).orElseThrow(() -> ApiException.notFound("service_code not found"));
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

    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "GeoReport v2 create service request (form-encoded; api_key or X-API-Key at the gateway)")
    public Response create(@PathParam("format") String format, MultivaluedMap<String, String> form,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        boolean xml = xml(format);
        requirePartner();
        ReportRequest req = toReport(form);
        String client = caller.idempotencyClient();
        String key = first(form, "client_request_id");
        if (key == null) {
            key = idempotencyKey;
        }
        String accountId = first(form, "account_id");
        Idempotency.Stored stored = idempotency.run(client, key, req, 201, () -> {
            Incident i = incidents.report(req, caller);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("service_request_id", i.number());
            r.put("service_notice", i.duplicateOf() == null ? "" : "already reported; linked to the open request");
            r.put("account_id", accountId);
            return r;
        });
        Map<String, Object> body = parse(stored.body());
        List<Map<String, Object>> out = List.of(body);
        return xml ? Response.status(stored.status()).type(XML)
                .entity(Xml.document("service_requests", "request", out)).build()
                : Response.status(stored.status()).type(MediaType.APPLICATION_JSON).entity(out).build();
    }

    @GET
    @Path("/requests.{format}")
    @Operation(summary = "GeoReport v2 service requests (at most 90 days; page/page_size; extensions=true)")
    public Response list(@PathParam("format") String format, @QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String codes, @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("page_size") String pageSize,
            @QueryParam("extensions") String extensions,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        List<FieldError> errors = new ArrayList<>();
        OffsetDateTime[] range = range(startDate, endDate, errors);
        int p = positive(page, "page", 1, Integer.MAX_VALUE, errors);
        int size = positive(pageSize, "page_size", 50, 500, errors);
        List<String> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                String t = s.trim().toLowerCase();
                if (!t.equals("open") && !t.equals("closed")) {
                    errors.add(new FieldError("status", "must be open or closed"));
                } else {
                    statuses.add(t);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        StringBuilder sql = new StringBuilder("SELECT " + IncidentRepository.COLUMNS
                + " FROM incident i JOIN category c ON c.code = i.category_code WHERE NOT c.private");
        List<Object> args = new ArrayList<>();
        if (ids != null && !ids.isBlank()) {
            // explicit ids: the date window does not apply (GeoReport v2)
            sql.append(" AND i.number = ANY(?)");
            args.add(split(ids));
        } else {
            sql.append(" AND i.reported_at >= ? AND i.reported_at <= ?");
            args.add(range[0]);
            args.add(range[1]);
        }
        if (codes != null && !codes.isBlank()) {
            sql.append(" AND i.category_code = ANY(?)");
            args.add(split(codes));
        }
        if (statuses.size() == 1) {
            sql.append(statuses.get(0).equals("open") ? " AND i.state IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS')"
                    : " AND i.state NOT IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS')");
        }
        sql.append(" ORDER BY i.reported_at DESC, i.id DESC LIMIT ? OFFSET ?");
        args.add(size);
        args.add((long) (p - 1) * size);
        List<Incident> rows = jdbc.query(sql.toString(), IncidentRepository::map, args.toArray());
        return render(xml, "service_requests", "request", requests(rows, "true".equalsIgnoreCase(extensions),
                Lang.of(acceptLanguage)));
    }

    @GET
    @Path("/requests/{id}.{format}")
    @Operation(summary = "GeoReport v2 one service request")
    public Response one(@PathParam("id") String id, @PathParam("format") String format,
            @QueryParam("extensions") String extensions,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        boolean xml = xml(format);
        List<Incident> rows = jdbc.query("SELECT " + IncidentRepository.COLUMNS + " FROM incident i JOIN category c"
                + " ON c.code = i.category_code WHERE NOT c.private AND i.number = ?", IncidentRepository::map, id);
        if (rows.isEmpty()) {
            throw ApiException.notFound("service_request_id not found");
        }
        return render(xml, "service_requests", "request", requests(rows, "true".equalsIgnoreCase(extensions),
                Lang.of(acceptLanguage)));
    }

    @GET
    @Path("/tokens/{token}.{format}")
    @Operation(summary = "GeoReport v2 token lookup")
    public Response token(@PathParam("token") String token, @PathParam("format") String format) {
        boolean xml = xml(format);
        UUID id;
        try {
            id = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("token not found");
        }
        String number = jdbc.one("SELECT i.number FROM incident i JOIN category c ON c.code = i.category_code"
                + " WHERE NOT c.private AND i.id = ?", rs -> rs.getString(1), id)
                .orElseThrow(() -> ApiException.notFound("token not found"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", number);
        m.put("token", token);
        return render(xml, "service_requests", "request", List.of(m));
    }

    @GET
    @Path("/servicerequestupdates.{format}")
    @Operation(summary = "FixMyStreet extension: updates of service requests in a date window (≤ 90 days)")
    public Response updates(@PathParam("format") String format, @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate) {
        boolean xml = xml(format);
        List<FieldError> errors = new ArrayList<>();
        OffsetDateTime[] range = range(startDate, endDate, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        List<Map<String, Object>> out = jdbc.query("SELECT h.id, i.number, h.to_state, h.at, h.action, h.note,"
                + " i.media_url FROM incident_history h JOIN incident i ON i.id = h.incident_id"
                + " JOIN category c ON c.code = i.category_code WHERE NOT c.private AND h.at >= ? AND h.at <= ?"
                + " ORDER BY h.id LIMIT 1000", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("update_id", Long.toString(rs.getLong(1)));
                    m.put("service_request_id", rs.getString(2));
                    m.put("status", fmsStatus(rs.getString(3)));
                    m.put("updated_datetime", rs.getObject(4, OffsetDateTime.class).toString());
                    m.put("description", describe(rs.getString(5), rs.getString(6)));
                    m.put("media_url", "");
                    return m;
                }, range[0], range[1]);
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
    public Response postUpdate(@PathParam("format") String format, MultivaluedMap<String, String> form) {
        return addUpdate(format, form);
    }

    @POST
    @Path("/servicerequestupdates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    @Operation(summary = "FixMyStreet extension: post an update (XML response)")
    public Response postUpdateXml(MultivaluedMap<String, String> form) {
        return addUpdate("xml", form);
    }

    private Response addUpdate(String format, MultivaluedMap<String, String> form) {
        boolean xml = xml(format);
        requirePartner();
        String number = first(form, "service_request_id");
        String description = first(form, "description");
        List<FieldError> errors = new ArrayList<>();
        if (number == null) {
            errors.add(new FieldError("service_request_id", "is required"));
        }
        if (description == null) {
            errors.add(new FieldError("description", "is required"));
        } else if (description.length() > 4000) {
            errors.add(new FieldError("description", "at most 4000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        record Target(UUID id, String partner) {
        }
        Target target = jdbc.one("SELECT id, partner_id FROM incident WHERE number = ?",
                rs -> new Target(rs.getObject(1, UUID.class), rs.getString(2)), number).orElse(null);
        // a partner may only update requests it created; anything else does not exist for it
        if (target == null || !(caller.is("admin") || (target.partner() != null
                && target.partner().equals(caller.partner())))) {
            throw ApiException.notFound("service_request_id not found");
        }
        UUID id = target.id();
        long updateId = jdbc.one("INSERT INTO incident_history (incident_id, actor, actor_role, action, note)"
                + " VALUES (?, ?, ?, 'COMMENT', ?) RETURNING id", rs -> rs.getLong(1), id, caller.subject(),
                caller.actingRole(List.of("partner")), description).orElseThrow();
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
        return jdbc.query("SELECT at, action, to_state, note FROM incident_history WHERE incident_id = ? ORDER BY id",
                rs -> {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("datetime", rs.getObject(1, OffsetDateTime.class).toString());
                    n.put("summary", rs.getString(2));
                    n.put("type", rs.getString(2).equals("COMMENT") ? "comment" : "activity");
                    n.put("description", describe(rs.getString(2), rs.getString(4)));
                    return n;
                }, incident);
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

    /** Form fields → the JSON API's report; attribute[CODE] and attribute[CODE][] become attributes. */
    /** The fields of a GeoReport v2 POST Service Request, plus api_key and our client_request_id. */
    static final Set<String> REQUEST_FIELDS = Set.of("jurisdiction_id", "service_code", "lat", "long",
            "address_string", "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
            "description", "media_url", "api_key", "client_request_id");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private ReportRequest toReport(MultivaluedMap<String, String> form) {
        List<FieldError> errors = new ArrayList<>();
        // A field GeoReport v2 does not define here is a client mistake (a query parameter of GET
        // requests sent to POST, a typo), not something to drop silently.
        form.keySet().stream().filter(k -> !REQUEST_FIELDS.contains(k) && !(k.startsWith("attribute[") && k.endsWith("]")))
                .sorted().forEach(k -> errors.add(new FieldError(k, "is not a field of a service request")));
        String email = first(form, "email");
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("email", "is not an e-mail address"));
        }
        String code = first(form, "service_code");
        if (code == null) {
            errors.add(new FieldError("service_code", "is required"));
        }
        Category cat = code == null ? null : categories.findActive(code).orElse(null);
        if (code != null && cat == null) {
            errors.add(new FieldError("service_code", "unknown service_code " + code));
        }
        Double lat = Params.decimal(first(form, "lat"), "lat", -90, 90, false, errors);
        Double lon = Params.decimal(first(form, "long"), "long", -180, 180, false, errors);
        String addressId = first(form, "address_id");
        String address = first(form, "address_string");
        if ((lat == null || lon == null) && errors.stream().noneMatch(e -> e.field().equals("lat")
                || e.field().equals("long"))) {
            if (addressId != null) {
                // address_id is an area code here: the report is placed inside that grid
                Area grid = areas.find(addressId, false, false).filter(a -> a.level() == AreaLevel.GRID).orElse(null);
                double[] p = grid == null ? null : jdbc.one("SELECT ST_Y(ST_PointOnSurface(boundary)),"
                        + " ST_X(ST_PointOnSurface(boundary)) FROM area WHERE code = ?",
                        rs -> new double[] {rs.getDouble(1), rs.getDouble(2)}, grid.code()).orElse(null);
                if (p == null) {
                    errors.add(new FieldError("address_id", "must be the code of a grid"));
                } else {
                    lat = p[0];
                    lon = p[1];
                }
            } else {
                errors.add(new FieldError("lat", address == null ? "lat and long (or address_id) are required"
                        : "address_string alone cannot be located here: also send lat/long or address_id"));
            }
        }
        ObjectNode attributes = json.createObjectNode();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("attribute[") && k.endsWith("[]")) {
                ArrayNode arr = attributes.putArray(k.substring(10, k.length() - 3));
                e.getValue().forEach(arr::add);
            } else if (k.startsWith("attribute[") && k.endsWith("]")) {
                attributes.put(k.substring(10, k.length() - 1), e.getValue().isEmpty() ? null : e.getValue().get(0));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid parameters", errors);
        }
        String description = first(form, "description");
        if (description == null) {
            description = cat.nameZh();
        }
        String name = String.join(" ", java.util.stream.Stream.of(first(form, "first_name"), first(form, "last_name"))
                .filter(s -> s != null).toList());
        ReportRequest.Reporter reporter = name.isBlank() && first(form, "phone") == null ? null
                : new ReportRequest.Reporter(name.isBlank() ? null : name, first(form, "phone"));
        return new ReportRequest(code, null, description, lat, lon, address, addressId != null
                && areas.find(addressId, false, false).isPresent() ? addressId : null, null, reporter,
                attributes, null, first(form, "media_url"));
    }

    private void requirePartner() {
        if (!caller.is("partner") && !caller.is("admin")) {
            throw ApiException.forbidden("a valid api_key is required");
        }
    }

    private static OffsetDateTime[] range(String start, String end, List<FieldError> errors) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime s = date(start, "start_date", errors);
        OffsetDateTime e = date(end, "end_date", errors);
        if (s == null && e == null) {
            e = now;
            s = now.minus(MAX_RANGE);
        } else if (s == null) {
            s = e.minus(MAX_RANGE);
        } else if (e == null) {
            e = s.plus(MAX_RANGE).isAfter(now) ? now : s.plus(MAX_RANGE);
        }
        if (s != null && e != null && errors.isEmpty()) {
            if (e.isBefore(s)) {
                errors.add(new FieldError("end_date", "must not be before start_date"));
            } else if (Duration.between(s, e).compareTo(MAX_RANGE) > 0) {
                errors.add(new FieldError("end_date", "start_date and end_date may be at most 90 days apart"));
            }
        }
        return new OffsetDateTime[] {s, e};
    }

    private static OffsetDateTime date(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(raw.trim()).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                errors.add(new FieldError(field, "must be a W3C date-time, e.g. 2026-01-31T10:00:00Z"));
                return null;
            }
        }
    }

    private static int positive(String raw, String field, int dflt, int max, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < 1 || v > max) {
                errors.add(new FieldError(field, "must be between 1 and " + max));
                return dflt;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be an integer"));
            return dflt;
        }
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String first(MultivaluedMap<String, String> form, String key) {
        String v = form == null ? null : form.getFirst(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String text(Map<String, String> texts, Lang lang) {
        return texts == null ? null : texts.getOrDefault(lang.key(), texts.get("zh"));
    }

    private Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
