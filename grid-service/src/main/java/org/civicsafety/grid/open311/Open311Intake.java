package org.civicsafety.grid.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.civicsafety.grid.area.Area;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.area.AreaRepository;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.CategoryRepository;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Idempotency;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.incident.Incident;
import org.civicsafety.grid.incident.IncidentRepository;
import org.civicsafety.grid.incident.IncidentService;
import org.civicsafety.grid.incident.ReportRequest;
import org.civicsafety.grid.open311.ServiceRequestList.Created;
import org.civicsafety.grid.security.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The writes of the GeoReport v2 facade, for partners (the gateway turns an api_key into a partner token): a POST
 * requests form becomes the JSON API's report and goes through {@link IncidentService}; a FixMyStreet update becomes
 * a comment on the request's trail.
 */
@ApplicationScoped
public class Open311Intake {
    /** The fields of a GeoReport v2 POST Service Request, plus api_key and our client_request_id. */
    static final Set<String> REQUEST_FIELDS = Set.of("jurisdiction_id", "service_code", "lat", "long",
            "address_string", "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
            "description", "media_url", "api_key", "client_request_id");
    /** {@code attribute[CODE]} or, for multi-value lists, {@code attribute[CODE][]}. */
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([A-Za-z0-9_]{1,64})](\\[])?");
    private static final Pattern EMAIL = Pattern.compile(ReportRequest.EMAIL);
    /** The report's fields as GeoReport names them, for errors found by the report's own validation. */
    private static final Map<String, String> OPEN311_NAME = Map.of("description", "description", "address",
            "address_string", "mediaUrl", "media_url", "reporter.name", "first_name", "reporter.phone", "phone",
            "areaCode", "address_id", "lat", "lat", "lon", "long");

    @Inject CategoryRepository categories;
    @Inject AreaRepository areas;
    @Inject IncidentService incidents;
    @Inject IncidentRepository incidentRepository;
    @Inject Open311Repository repo;
    @Inject Idempotency idempotency;
    @Inject Caller caller;
    @Inject ObjectMapper json;
    @Inject Validator validator;

    /**
     * POST requests. The service_code is checked before the key's permissions: an unknown code is a 400 whatever the
     * key may post, a known category the key may not post is a 403 (from the report itself). A retry with the same
     * client_request_id (else Idempotency-Key) gets the first reply again.
     */
    Created create(Open311Form form, String idempotencyKey) {
        Category category = service(form.one("service_code"));
        requirePartner();
        ReportRequest req = toReport(form, category);
        String requestId = form.one("client_request_id");
        if (requestId != null) {
            Idempotency.checkKey("client_request_id", requestId);
        }
        String key = Optional.ofNullable(requestId).orElse(idempotencyKey);
        String accountId = form.one("account_id");
        // the hash covers all the reply is made of (account_id is echoed); one path for .json and .xml, as the
        // format only changes how the same reply is written
        Idempotency.Stored stored = idempotency.run(caller.idempotencyClient(), key, "POST /open311/v2/requests",
                new Fingerprint(req, accountId), 201, () -> {
                    Incident i = incidents.report(req, caller);
                    return new Created(i.number(), i.duplicateOf() == null ? ""
                            : "already reported; linked to the open request", accountId);
                });
        try {
            return json.readValue(stored.body(), Created.class);
        } catch (JsonProcessingException e) {
            // not chained: the parser's message would quote the stored reply (account_id) into the log
            throw new IllegalStateException("stored reply is not JSON");
        }
    }

    /** What a POST requests is, for its Idempotency-Key: the report and the account_id its reply echoes. */
    record Fingerprint(ReportRequest report, String accountId) {}

    /** POST servicerequestupdates. The reporter's name, e-mail and the like that FixMyStreet sends along are not kept. */
    @Transactional
    UpdateList.UpdateId addUpdate(Open311Form form) {
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
        Open311Params.date(form.one("updated_datetime"), "updated_datetime", errors);
        Open311Params.check(errors);
        Open311Repository.Poster target = repo.poster(number).orElse(null);
        // a partner may only update requests it created; anything else does not exist for it
        if (target == null || !(caller.is("admin") || (target.partnerId() != null
                && target.partnerId().equals(caller.partner())))) {
            throw ApiException.notFound("service_request_id not found");
        }
        long id = incidentRepository.comment(target.id(), caller.subject(), caller.actingRole(List.of("partner")),
                description);
        return new UpdateList.UpdateId(Long.toString(id));
    }

    /** The category of a POST's service_code: missing, unknown or inactive is a 400. */
    private Category service(String code) {
        if (code == null) {
            throw ApiException.badRequest("service_code", "is required");
        }
        return categories.findActive(Open311Params.code(code, "service_code"))
                .orElseThrow(() -> ApiException.badRequest("service_code", "unknown service_code"));
    }

    private void requirePartner() {
        if (!caller.is("partner") && !caller.is("admin")) {
            throw ApiException.forbidden("a valid api_key is required");
        }
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
        Open311Params.check(errors);
        String description = Optional.ofNullable(form.one("description")).orElse(cat.nameZh());
        String name = String.join(" ", Stream.of(form.one("first_name"), form.one("last_name"))
                .filter(Objects::nonNull).toList());
        ReportRequest.Reporter reporter = name.isBlank() && form.one("phone") == null && email == null ? null
                : new ReportRequest.Reporter(name.isBlank() ? null : name, form.one("phone"), email);
        ReportRequest req = new ReportRequest(cat.code(), null, description, lat, lon, address,
                grid == null ? null : grid.code(), null, reporter, attributes, null, form.one("media_url"));
        for (ConstraintViolation<ReportRequest> v : validator.validate(req)) {
            String field = v.getPropertyPath().toString();
            errors.add(new FieldError(OPEN311_NAME.getOrDefault(field, field), v.getMessage()));
        }
        Open311Params.check(errors);
        return req;
    }
}
