package org.civicsafety.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civicsafety.gateway.csv.CsvExport;
import org.civicsafety.gateway.csv.CsvOpenApiFilter;
import org.civicsafety.gateway.notices.NoticeOwner;
import org.civicsafety.gateway.notices.NoticePaths;

import java.util.Arrays;
import java.util.Optional;

/**
 * The notice paths the gateway composes (gateway.md "Composed paths") as the merged document shows them:
 * cases-service and grid-service each document them with the same shapes; the document keeps one copy
 * (the first service's), says what the gateway does with the two, and gives the merged lists' bodies
 * the {@code partial} property the gateway adds.
 */
final class ComposedOperations {

    static final String PARTIAL = "partial";
    /** Names the services an operation is composed from. */
    static final String COMPOSED_FROM = "x-composed-from";
    private static final String SCHEMAS_REF = "#/components/schemas/";
    /** The copy of a service's list body that has {@code partial}, as {@code MergedNoticePage}. */
    private static final String MERGED_PREFIX = "Merged";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ComposedOperations() {}

    /** True for a composed path that an earlier service's document already gave (the parameter's name aside). */
    static boolean alreadyMerged(ObjectNode paths, String template) {
        String normalized = normalize(template);
        for (var names = paths.fieldNames(); names.hasNext();) {
            if (normalize(names.next()).equals(normalized)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String template) {
        return template.replaceAll("\\{[^/}]+}", "{}");
    }

    /** Describes every composed operation of the merged document as the gateway serves it. */
    static void apply(ObjectNode merged) {
        ObjectNode schemas = merged.with("components").with("schemas");
        merged.path("paths").fields().forEachRemaining(item -> {
            if (!NoticePaths.isComposedTemplate(item.getKey())) {
                return;
            }
            item.getValue().fields().forEachRemaining(entry -> {
                if (entry.getValue() instanceof ObjectNode operation) {
                    describe(item.getKey(), entry.getKey(), operation, schemas);
                }
            });
        });
    }

    private static void describe(String path, String method, ObjectNode operation, ObjectNode schemas) {
        String how = how(path, method);
        if (how == null) {
            return;
        }
        String description = operation.path("description").asText("");
        operation.put("description", description.isEmpty() ? how : how + "\n\n" + description);
        ArrayNode from = operation.putArray(COMPOSED_FROM);
        Arrays.stream(NoticeOwner.values()).forEach(owner -> from.add(owner.label()));
        if (method.equals("get") && (path.equals(NoticePaths.MY_NOTICES) || path.equals(NoticePaths.DELIVERY_LOG))) {
            JsonNode json = operation.path("responses").path("200").path("content").path("application/json");
            if (json instanceof ObjectNode content) {
                addPartial(content, schemas);
            }
            withoutCsv(operation);
        }
    }

    /**
     * The gateway merges the two services' JSON pages and does not compose their CSV exports: the services' text/csv
     * answer (and its mark and sentence, CsvOpenApiFilter's) is not the merged list's.
     */
    private static void withoutCsv(ObjectNode operation) {
        if (operation.path("responses").path("200").path("content") instanceof ObjectNode content) {
            content.remove(CsvExport.TEXT_CSV);
        }
        operation.remove(CsvOpenApiFilter.EXTENSION);
        operation.put("description", operation.path("description").asText("")
                .replace(" " + CsvOpenApiFilter.DESCRIPTION, "").replace(CsvOpenApiFilter.DESCRIPTION, ""));
    }

    /** What the gateway does for the operation; null for one it does not serve. */
    private static String how(String path, String method) {
        String composed = "Composed by the gateway from cases-service and grid-service: ";
        return switch (path + " " + method) {
            case NoticePaths.MY_NOTICES + " get", NoticePaths.DELIVERY_LOG + " get" -> composed
                    + "it asks both (filters passed on) and merges their notices newest first (`createdAt` desc, then "
                    + "`id`) under one opaque `nextCursor`"
                    + (path.equals(NoticePaths.MY_NOTICES) ? "; `unread` is the sum of both" : "")
                    + ". When one service cannot answer (down, slow or its circuit open) the page carries the "
                    + "other's notices and `partial` names the missing one (still 200; the next page asks it again "
                    + "from where it stood); neither → 503. A service's 4xx is the answer as it gave it.";
            case NoticePaths.MY_STREAM + " get" -> composed
                    + "one `text/event-stream` merging both services' streams. Each event's `id` holds both "
                    + "positions, `c<seq>.g<seq>`; sent back as `Last-Event-ID` (or `?lastEventId=` on a first "
                    + "connection) it resumes each service from its own. A `: keep-alive` comment comes every 15 s; "
                    + "a service that drops is reconnected while the other keeps streaming.";
            case NoticePaths.PREFERENCES + " put" -> composed
                    + "written to both (each keeps the choices for what it sends); both saved → cases-service's "
                    + "answer; one failed → 503 naming it, with `Retry-After`: send the same request again (it is "
                    + "idempotent).";
            case NoticePaths.PREFERENCES + " get" -> composed + "read from cases-service.";
            default -> path.endsWith("/read") && method.equals("post")
                    ? composed + "routed to the service the id's prefix names (`cases-…`, `grid-…`); any other id "
                            + "→ 404."
                    : null;
        };
    }

    /** The list body with {@code partial}: a copy of the service's schema, so nothing else that uses it changes. */
    private static void addPartial(ObjectNode content, ObjectNode schemas) {
        JsonNode schema = content.path("schema");
        String ref = schema.path("$ref").asText("");
        Optional<ObjectNode> referenced = ref.startsWith(SCHEMAS_REF)
                && schemas.path(ref.substring(SCHEMAS_REF.length())) instanceof ObjectNode target
                        ? Optional.of(target) : Optional.empty();
        if (referenced.isPresent() && referenced.get().path("properties").isObject()) {
            String name = MERGED_PREFIX + ref.substring(SCHEMAS_REF.length());
            ObjectNode copy = referenced.get().deepCopy();
            ((ObjectNode) copy.get("properties")).set(PARTIAL, partialSchema());
            schemas.set(name, copy);
            content.set("schema", NODES.objectNode().put("$ref", SCHEMAS_REF + name));
        } else if (schema instanceof ObjectNode inline && inline.path("properties") instanceof ObjectNode properties) {
            properties.set(PARTIAL, partialSchema());
        } else {
            ObjectNode wrapped = NODES.objectNode();
            wrapped.putArray("allOf").add(schema.deepCopy()).addObject().put("type", "object").with("properties")
                    .set(PARTIAL, partialSchema());
            content.set("schema", wrapped);
        }
        if (content.path("example") instanceof ObjectNode example) {
            example.putArray(PARTIAL);
        }
        content.path("examples").forEach(named -> {
            if (named.path("value") instanceof ObjectNode value) {
                value.putArray(PARTIAL);
            }
        });
    }

    private static ObjectNode partialSchema() {
        ObjectNode schema = NODES.objectNode().put("type", "array")
                .put("description", "The services whose notices are missing from this page because they could "
                        + "not answer (empty when the page is complete); the next page asks them again.");
        ArrayNode names = schema.putObject("items").put("type", "string").putArray("enum");
        Arrays.stream(NoticeOwner.values()).forEach(owner -> names.add(owner.label()));
        return schema;
    }
}
