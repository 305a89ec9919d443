package org.civicsafety.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.civicsafety.gateway.notices.NoticeOwner;
import org.civicsafety.gateway.notices.NoticePaths;
import org.civicsafety.gateway.routing.RouteTable;
import org.civicsafety.gateway.web.GatewayPaths;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the one public OpenAPI document from the services' own generated documents: their
 * routed paths, their components (renamed with the service's prefix where two services use one
 * name for different things, with every $ref rewritten), their tags, plus the gateway's own
 * operations and the two ways in (bearer JWT, partner API key). Any bearer scheme a service
 * declares is folded into the gateway's "bearer" scheme so one "Authorize" serves every call. The notice
 * paths the gateway composes from two services are kept once ({@link ComposedOperations}). Then the
 * contract rules every operation shares ({@link ApiContract}).
 */
public final class OpenApiMerger {

    public static final String BEARER = "bearer";
    public static final String API_KEY = "apiKey";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> HTTP_METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /** One service's generated document; {@code upstream} is its name in the routing table. */
    public record Source(String upstream, ObjectNode document) {}

    private OpenApiMerger() {}

    /**
     * @param gateway the gateway's own generated document (its partner-key operations)
     * @param services the services' documents; missing services are simply absent
     */
    public static ObjectNode merge(ObjectNode gateway, List<Source> services, String title, String version) {
        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", highestVersion(gateway, services));
        ObjectNode info = merged.putObject("info");
        info.put("title", title);
        info.put("version", version);
        info.put("description", "The public API of the Civic Safety Platform, as served by its gateway. "
                + "Merged from the services' own documents: "
                + String.join(", ", services.stream().map(Source::upstream).toList()) + ".");
        merged.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = merged.putArray("tags");
        Set<String> operationIds = new HashSet<>();

        add(merged, paths, components, tags, operationIds, "gateway", gateway.deepCopy(),
                path -> GatewayPaths.isOwnApi(path) || GatewayPaths.isProblemPage(path));
        for (Source source : services) {
            boolean noticeOwner = NoticeOwner.ofUpstream(source.upstream()).isPresent();
            add(merged, paths, components, tags, operationIds, source.upstream(), source.document().deepCopy(),
                    path -> RouteTable.upstreamFor(path).filter(source.upstream()::equals).isPresent()
                            || (noticeOwner && NoticePaths.isComposedTemplate(path)));
        }
        ComposedOperations.apply(merged);

        ObjectNode schemes = components.with("securitySchemes");
        schemes.set(BEARER, NODES.objectNode().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "A JWT (RS256) of the identity provider: `Authorization: Bearer <token>`."));
        schemes.set(API_KEY, NODES.objectNode().put("type", "apiKey").put("in", "header").put("name", "X-API-Key")
                .put("description",
                        "A partner system's API key (Open311 clients may send it as the `api_key` form field)."));
        ApiContract.apply(merged);
        if (tags.isEmpty()) {
            merged.remove("tags");
        }
        return merged;
    }

    private static void add(ObjectNode merged, ObjectNode paths, ObjectNode components, ArrayNode tags,
            Set<String> operationIds,
            String service, ObjectNode document, java.util.function.Predicate<String> routed) {
        foldBearerSchemes(document);
        renameCollidingComponents(service, document, components);
        ObjectNode sourceComponents = document.has("components") && document.get("components").isObject()
                ? (ObjectNode) document.get("components") : NODES.objectNode();
        sourceComponents.fields().forEachRemaining(section -> {
            if (!section.getValue().isObject()) {
                return;
            }
            ObjectNode target = components.with(section.getKey());
            section.getValue().fields().forEachRemaining(entry -> target.putIfAbsent(entry.getKey(), entry.getValue()));
        });
        JsonNode sourcePaths = document.path("paths");
        sourcePaths.fields().forEachRemaining(entry -> {
            // a composed path both notice owners document is kept once, as the first one gave it
            if (!routed.test(entry.getKey()) || paths.has(entry.getKey())
                    || (NoticePaths.isComposedTemplate(entry.getKey())
                            && ComposedOperations.alreadyMerged(paths, entry.getKey()))) {
                return;
            }
            JsonNode item = entry.getValue();
            for (String method : HTTP_METHODS) {
                JsonNode operation = item.get(method);
                if (operation instanceof ObjectNode op && op.hasNonNull("operationId")) {
                    String id = op.get("operationId").asText();
                    if (!operationIds.add(id)) {
                        String unique = service + "_" + id;
                        op.put("operationId", unique);
                        operationIds.add(unique);
                    }
                }
            }
            paths.set(entry.getKey(), item);
        });
        Set<String> known = new HashSet<>();
        tags.forEach(t -> known.add(t.path("name").asText()));
        document.path("tags").forEach(tag -> {
            if (known.add(tag.path("name").asText())) {
                tags.add(tag);
            }
        });
    }

    /**
     * Services each declare their own name for the same bearer-token scheme; point all of them
     * at the gateway's one "bearer" scheme.
     */
    static void foldBearerSchemes(ObjectNode document) {
        JsonNode schemes = document.path("components").path("securitySchemes");
        if (!schemes.isObject()) {
            return;
        }
        Set<String> bearerNames = new HashSet<>();
        schemes.fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            boolean httpBearer = "http".equals(s.path("type").asText())
                    && "bearer".equalsIgnoreCase(s.path("scheme").asText());
            if (httpBearer || "openIdConnect".equals(s.path("type").asText())
                    || "oauth2".equals(s.path("type").asText())) {
                bearerNames.add(e.getKey());
            }
        });
        bearerNames.forEach(((ObjectNode) schemes)::remove);
        if (bearerNames.isEmpty()) {
            return;
        }
        rewriteSecurity(document.path("security"), bearerNames);
        document.path("paths").forEach(item -> HTTP_METHODS.forEach(m -> {
            if (item.path(m) instanceof ObjectNode operation) {
                keepRoles(operation, bearerNames);
                rewriteSecurity(operation.path("security"), bearerNames);
            }
        }));
    }

    /** A service lists an operation's roles as its bearer scheme's scopes; the contract rules read them later. */
    private static void keepRoles(ObjectNode operation, Set<String> bearerNames) {
        Set<String> roles = new java.util.TreeSet<>();
        operation.path("security").forEach(requirement -> bearerNames
                .forEach(name -> requirement.path(name).forEach(role -> roles.add(role.asText()))));
        if (!roles.isEmpty()) {
            ArrayNode list = operation.putArray(ApiContract.ROLES);
            roles.forEach(list::add);
        }
    }

    private static void rewriteSecurity(JsonNode security, Set<String> bearerNames) {
        if (!security.isArray()) {
            return;
        }
        for (JsonNode requirement : security) {
            if (!(requirement instanceof ObjectNode req)) {
                continue;
            }
            for (String name : bearerNames) {
                JsonNode scopes = req.remove(name);
                if (scopes != null) {
                    req.set(BEARER, NODES.arrayNode());
                }
            }
        }
    }

    /** Components whose name is taken by a different definition get the service's prefix; $refs follow. */
    static void renameCollidingComponents(String service, ObjectNode document, ObjectNode merged) {
        JsonNode sourceComponents = document.path("components");
        if (!sourceComponents.isObject()) {
            return;
        }
        Map<String, String> renames = new HashMap<>();
        String prefix = Character.toUpperCase(service.charAt(0)) + service.substring(1) + "_";
        sourceComponents.fields().forEachRemaining(section -> {
            JsonNode existing = merged.path(section.getKey());
            if (!section.getValue().isObject() || !existing.isObject()) {
                return;
            }
            List<String> names = iterable(section.getValue().fieldNames());
            for (String name : names) {
                JsonNode taken = existing.get(name);
                if (taken != null && !taken.equals(section.getValue().get(name))) {
                    String renamed = prefix + name;
                    ObjectNode sectionNode = (ObjectNode) section.getValue();
                    sectionNode.set(renamed, sectionNode.remove(name));
                    renames.put("#/components/" + section.getKey() + "/" + name,
                            "#/components/" + section.getKey() + "/" + renamed);
                }
            }
        });
        if (!renames.isEmpty()) {
            rewriteRefs(document, renames);
        }
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                Optional.ofNullable(renames.get(ref.asText())).ifPresent(r -> object.set("$ref", TextNode.valueOf(r)));
            }
            object.forEach(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    private static String highestVersion(ObjectNode gateway, List<Source> services) {
        String highest = gateway.path("openapi").asText("3.0.3");
        for (Source s : services) {
            String v = s.document().path("openapi").asText("3.0.3");
            if (v.compareTo(highest) > 0) {
                highest = v;
            }
        }
        return highest;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
