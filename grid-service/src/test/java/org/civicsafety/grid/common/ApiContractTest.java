package org.civicsafety.grid.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's OpenAPI document is a contract clients are generated from (conventions.md "The API contract"):
 * every operation is named and tagged, every answer and request body has a schema, and the JSON ones an example.
 * Each test lists every operation that breaks its rule, so one run shows all of them.
 */
@QuarkusTest
class ApiContractTest {
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static JsonNode document;

    /** Read once: the document does not change while the service runs (@BeforeAll is too early for REST Assured). */
    @BeforeEach
    void read() throws Exception {
        if (document == null) {
            document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                    .statusCode(200).extract().asString());
        }
    }

    @Test
    void infoVersionIsAString() {
        assertTrue(document.path("info").path("version").isTextual(), document.path("info").toString());
    }

    @Test
    void everyOperationHasAUniqueCamelCaseIdAndOneDeclaredTag() {
        Map<String, String> tags = new java.util.HashMap<>();
        document.path("tags").forEach(t -> tags.put(t.path("name").asText(), t.path("description").asText("")));
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        operations((name, op) -> {
            String id = op.path("operationId").asText("");
            if (!CAMEL_CASE.matcher(id).matches()) {
                problems.add(name + ": operationId '" + id + "' is not camelCase");
            } else if (!ids.add(id)) {
                problems.add(name + ": operationId " + id + " is used twice");
            }
            if (op.path("tags").size() != 1) {
                problems.add(name + ": " + op.path("tags").size() + " tags");
            } else if (tags.getOrDefault(op.path("tags").get(0).asText(), "").isBlank()) {
                problems.add(name + ": tag " + op.path("tags").get(0) + " is not declared with a description");
            }
            if (op.path("summary").asText("").isBlank()) {
                problems.add(name + ": no summary");
            }
        });
        assertEquals(List.of(), problems);
        assertFalse(ids.isEmpty());
    }

    @Test
    void everySuccessfulAnswerHasASchemaAndJsonOnesAnExample() {
        List<String> problems = new ArrayList<>();
        operations((name, op) -> op.path("responses").properties().forEach(r -> {
            if (!r.getKey().startsWith("2")) {
                return;
            }
            JsonNode content = r.getValue().path("content");
            if (r.getKey().equals("204")) {
                if (!content.isMissingNode() && !content.isEmpty()) {
                    problems.add(name + " 204 has content");
                }
                return;
            }
            if (content.isEmpty()) {
                problems.add(name + " " + r.getKey() + " has no content");
            }
            content.properties().forEach(m -> mediaType(name + " " + r.getKey(), m.getKey(), m.getValue(),
                    isJson(m.getKey()), problems));
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRequestBodyHasASchemaAndAnExample() {
        List<String> problems = new ArrayList<>();
        operations((name, op) -> {
            JsonNode body = op.path("requestBody");
            if (body.isMissingNode()) {
                return;
            }
            if (body.path("content").isEmpty()) {
                problems.add(name + " request body has no content");
            }
            body.path("content").properties()
                    .forEach(m -> mediaType(name + " request", m.getKey(), m.getValue(), true, problems));
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyParameterIsDescribed() {
        List<String> problems = new ArrayList<>();
        operations((name, op) -> op.path("parameters").forEach(p -> {
            if (p.path("description").asText("").isBlank()) {
                problems.add(name + " parameter " + p.path("name").asText() + " has no description");
            }
        }));
        assertEquals(List.of(), problems);
    }

    /** The reported bug: a client generated from JsonNode's bean shape sent attributes={}. */
    @Test
    void incidentAttributesAreAFreeFormObjectWithAnExample() {
        JsonNode schemas = document.path("components").path("schemas");
        for (String schema : List.of("ReportRequest", "Incident")) {
            JsonNode attributes = schemas.path(schema).path("properties").path("attributes");
            assertEquals("object", attributes.path("type").asText(), schema + ".attributes: " + attributes);
            assertFalse(attributes.has("$ref"), schema + ".attributes: " + attributes);
            assertTrue(attributes.path("additionalProperties").asBoolean(false), schema + ".attributes: " + attributes);
            // OpenAPI 3.1 schemas carry examples as a list (JSON Schema's keyword), 3.0 as one example
            assertTrue(attributes.path("example").isObject() || attributes.path("examples").path(0).isObject(),
                    schema + ".attributes: " + attributes);
            assertFalse(attributes.path("description").asText("").isBlank(), schema + ".attributes: " + attributes);
        }
        assertFalse(schemas.has("JsonNode"), "JsonNode must not be described as a schema of its own");
    }

    private static void mediaType(String where, String type, JsonNode media, boolean exampleRequired,
            List<String> problems) {
        if (media.path("schema").isMissingNode() || media.path("schema").isEmpty()) {
            problems.add(where + " " + type + " has no schema");
        }
        if (exampleRequired && !media.has("example") && media.path("examples").isEmpty()) {
            problems.add(where + " " + type + " has no example");
        }
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static void operations(java.util.function.BiConsumer<String, JsonNode> check) {
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                check.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
    }
}
