package org.civicsafety.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import org.civicsafety.gateway.auth.PublicPaths;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.web.GatewayPaths;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of conventions.md "The API contract" that hold for every operation and that the gateway
 * decides, applied to the merged document: who may call an operation (public, bearer, partner API key
 * — the gateway's own rules, with the roles the service declared), the error responses the platform
 * can give it, each referencing the one {@code Problem} schema (Open311's own error list under
 * /open311), and the {@code Location} header of every 201.
 */
final class ApiContract {

    static final String PROBLEM = "Problem";
    static final String OPEN311_ERRORS = "Open311Errors";
    /** The roles a service's operation allows, kept from its security requirement when the schemes are folded. */
    static final String ROLES = "x-roles";
    static final String PARTNER_ROLE = "partner";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REF = "#/components/schemas/";
    private static final Set<String> CREATE_METHODS = Set.of("post", "put", "patch", "delete");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private ApiContract() {}

    static void apply(ObjectNode merged) {
        ObjectNode schemas = merged.with("components").with("schemas");
        schemas.set(PROBLEM, problemSchema());
        schemas.set("ProblemFieldError", fieldErrorSchema());
        schemas.set(OPEN311_ERRORS, open311ErrorsSchema());
        merged.remove("security");
        merged.path("paths").fields().forEachRemaining(item -> item.getValue().fields().forEachRemaining(entry -> {
            if (entry.getValue() instanceof ObjectNode operation && isMethod(entry.getKey())) {
                String method = entry.getKey();
                boolean isPublic = PublicPaths.isPublic(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)),
                        item.getKey()) || GatewayPaths.isProblemPage(item.getKey());
                security(operation, method, item.getKey(), isPublic);
                errors(operation, method, item.getKey(), isPublic);
                locations(operation);
            }
        }));
    }

    private static boolean isMethod(String key) {
        return METHODS.contains(key);
    }

    /** Public: no requirement; else bearer for people's roles, API key where partners may call. */
    private static void security(ObjectNode operation, String method, String path, boolean isPublic) {
        ArrayNode security = NODES.arrayNode();
        if (!isPublic) {
            Set<String> roles = new TreeSet<>();
            operation.path(ROLES).forEach(r -> roles.add(r.asText()));
            boolean partnerWrite = PublicPaths.isOpen311Write(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)),
                    path);
            if (roles.isEmpty() || roles.stream().anyMatch(r -> !PARTNER_ROLE.equals(r))) {
                security.addObject().putArray(OpenApiMerger.BEARER);
            }
            if (roles.contains(PARTNER_ROLE) || partnerWrite) {
                security.addObject().putArray(OpenApiMerger.API_KEY);
            }
            if (!roles.isEmpty()) {
                String allowed = "Roles: " + String.join(", ", roles) + ".";
                String description = operation.path("description").asText("");
                if (!description.contains(allowed)) {
                    operation.put("description", description.isEmpty() ? allowed : description + "\n\n" + allowed);
                }
            }
        }
        operation.set("security", security);
    }

    /** Every error the platform can answer this operation with, by the operation's shape. */
    private static void errors(ObjectNode operation, String method, String path, boolean isPublic) {
        boolean hasBody = operation.has("requestBody");
        Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        boolean hasParameters = false;
        for (JsonNode parameter : operation.path("parameters")) {
            if ("header".equals(parameter.path("in").asText())) {
                headers.add(parameter.path("name").asText());
            } else {
                hasParameters = true;
            }
        }
        Map<Integer, ProblemType> errors = new LinkedHashMap<>();
        if (hasBody || hasParameters || path.contains("{")) {
            errors.put(400, hasBody ? ProblemType.VALIDATION : ProblemType.MALFORMED_REQUEST);
        }
        if (!isPublic) {
            errors.put(401, ProblemType.UNAUTHORIZED);
            errors.put(403, ProblemType.FORBIDDEN);
        }
        if (path.contains("{")) {
            errors.put(404, ProblemType.NOT_FOUND);
        }
        if (CREATE_METHODS.contains(method)) {
            errors.put(409, path.endsWith("/transitions") ? ProblemType.ILLEGAL_TRANSITION : ProblemType.CONFLICT);
        }
        if (headers.contains("If-Match")) {
            errors.put(412, ProblemType.PRECONDITION_FAILED);
        }
        if (hasBody) {
            errors.put(413, ProblemType.PAYLOAD_TOO_LARGE);
            errors.put(415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
        }
        if (headers.contains("Idempotency-Key")) {
            errors.put(422, ProblemType.IDEMPOTENCY_KEY_REUSED);
        }
        errors.put(429, ProblemType.RATE_LIMITED);
        errors.put(500, ProblemType.INTERNAL);
        errors.put(503, ProblemType.UNAVAILABLE);

        ObjectNode responses = operation.with("responses");
        responses.fields().forEachRemaining(r -> {
            int status = parseStatus(r.getKey());
            if (status >= 400 && !errors.containsKey(status)) {
                errors.put(status, ProblemType.forStatus(status));
            }
        });
        boolean open311 = path.startsWith("/open311/");
        new TreeSet<>(errors.keySet()).forEach(status -> {
            ProblemType type = errors.get(status);
            ObjectNode response = responses.has(String.valueOf(status))
                    && responses.get(String.valueOf(status)).isObject()
                            ? (ObjectNode) responses.get(String.valueOf(status))
                            : NODES.objectNode();
            if (!response.hasNonNull("description") || response.get("description").asText().isBlank()
                    || response.get("description").asText().equals(defaultDescription(status))) {
                response.put("description", type.title(Locale.ENGLISH));
            }
            response.set("content", open311 ? open311Content(status, type) : problemContent(status, type, path));
            if (status == 429 || status == 503) {
                response.with("headers").set("Retry-After", NODES.objectNode()
                        .put("description", "seconds to wait before trying again")
                        .set("schema", NODES.objectNode().put("type", "integer")));
            }
            responses.remove(String.valueOf(status));
            responses.set(String.valueOf(status), response);
        });
    }

    /** The framework's generic wording ("Bad Request", "Not Authorized"), replaced by the catalogue's title. */
    private static String defaultDescription(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Not Authorized";
            case 403 -> "Not Allowed";
            case 404 -> "Not Found";
            default -> "";
        };
    }

    private static int parseStatus(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) { // "default", "4XX"
            return -1;
        }
    }

    private static ObjectNode problemContent(int status, ProblemType type, String path) {
        ObjectNode example = NODES.objectNode().put("type", type.uri()).put("title", type.title(Locale.ENGLISH))
                .put("status", status).put("detail", exampleDetail(type))
                .put("instance", path.replaceAll("\\{[^}]+}", "4f1c2a9e-8d3b-4c61-9e0a-6b7d2f3c5a18"));
        ArrayNode fieldErrors = example.putArray("errors");
        if (type == ProblemType.VALIDATION) {
            fieldErrors.addObject().put("field", "description").put("message", "must not be blank");
        }
        ObjectNode mediaType = NODES.objectNode();
        mediaType.set("schema", NODES.objectNode().put("$ref", REF + PROBLEM));
        mediaType.set("example", example);
        ObjectNode content = NODES.objectNode();
        content.set("application/problem+json", mediaType);
        return content;
    }

    private static String exampleDetail(ProblemType type) {
        return switch (type) {
            case VALIDATION -> "1 field is invalid.";
            case ILLEGAL_TRANSITION ->
                "'answer' is not allowed in state REGISTERED; allowed: accept, not-accept, divert.";
            case PRECONDITION_FAILED -> "If-Match \"3\" is not the current version \"4\".";
            case RATE_LIMITED -> "Too many requests; try again in 2 s.";
            default -> type.title(Locale.ENGLISH) + ".";
        };
    }

    private static ObjectNode open311Content(int status, ProblemType type) {
        ObjectNode mediaType = NODES.objectNode();
        mediaType.set("schema", NODES.objectNode().put("$ref", REF + OPEN311_ERRORS));
        ArrayNode example = NODES.arrayNode();
        example.addObject().put("code", status).put("description", type.title(Locale.ENGLISH));
        mediaType.set("example", example);
        ObjectNode content = NODES.objectNode();
        content.set("application/json", mediaType);
        return content;
    }

    /** Creates answer 201 with the new resource's address (conventions.md). */
    private static void locations(ObjectNode operation) {
        JsonNode created = operation.path("responses").path("201");
        if (created instanceof ObjectNode response && !response.path("headers").has("Location")) {
            response.with("headers").set("Location", NODES.objectNode()
                    .put("description", "the address of the created resource")
                    .set("schema", NODES.objectNode().put("type", "string").put("format", "uri-reference")));
        }
    }

    private static ObjectNode problemSchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object")
                .put("description",
                        "An RFC 9457 problem: every 4xx/5xx of the JSON APIs. `type` is one of the platform's "
                                + "catalogue; its URI resolves to a page saying what it means and what to do.");
        schema.putArray("required").add("type").add("title").add("status");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode type = properties.putObject("type").put("type", "string").put("format", "uri");
        ArrayNode types = type.putArray("enum");
        for (ProblemType t : ProblemType.values()) {
            types.add(t.uri());
        }
        properties.putObject("title").put("type", "string").put("description",
                "localized (Accept-Language: zh-CN or en)");
        properties.putObject("status").put("type", "integer").put("minimum", 400).put("maximum", 599);
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string");
        properties.putObject("errors").put("type", "array")
                .put("description", "every invalid field of a validation failure")
                .set("items", NODES.objectNode().put("$ref", REF + "ProblemFieldError"));
        return schema;
    }

    private static ObjectNode fieldErrorSchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putArray("required").add("field").add("message");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("field").put("type", "string").put("description",
                "the field's JSON path, as `location.lat`");
        properties.putObject("message").put("type", "string").put("description", "localized");
        return schema;
    }

    private static ObjectNode open311ErrorsSchema() {
        ObjectNode item = NODES.objectNode().put("type", "object");
        item.putArray("required").add("code").add("description");
        item.with("properties").set("code", NODES.objectNode().put("type", "integer"));
        item.with("properties").set("description", NODES.objectNode().put("type", "string"));
        ObjectNode schema = NODES.objectNode().put("type", "array")
                .put("description", "Open311 GeoReport v2 errors (the facade's own format, grid.md)");
        schema.set("items", item);
        return schema;
    }
}
