package org.civicsafety.assessment.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's OpenAPI document is complete enough to generate clients from (conventions.md "The API contract"):
 * what the gateway does not add by rule (errors, security, Location) the service must declare. Each check lists
 * every operation that fails it, so one run names all the gaps.
 */
@QuarkusTest
class ApiContractTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z]+([A-Z0-9][a-z0-9]*)*");

    /** Where the document is registered as a schema resource, so that examples are validated against its schemas. */
    private static final String DOC_URI = "https://civicsafety.org/contract/assessment-service/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    String raw;
    JsonNode doc;

    @BeforeEach
    void load() throws Exception {
        raw = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        doc = JSON.readTree(raw);
    }

    /** Every operation as "METHOD path" with its node. */
    private List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(m -> METHODS.contains(m.getKey()))
                .forEach(m -> out.add(Map.entry(m.getKey().toUpperCase() + " " + path.getKey(), m.getValue()))));
        return out;
    }

    @Test
    void everyOperationHasAUniqueCamelCaseId() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var op : operations()) {
            String id = op.getValue().path("operationId").asText("");
            if (!CAMEL_CASE.matcher(id).matches())
                problems.add(op.getKey() + ": operationId '" + id + "' is not camelCase");
            else if (!seen.add(id))
                problems.add(op.getKey() + ": operationId '" + id + "' is used twice");
        }
        assertEquals(List.of(), problems);
        assertTrue(seen.size() >= 15, "the document lists the service's operations: " + seen);
    }

    @Test
    void everyOperationHasExactlyOneDeclaredAndDescribedTag() {
        Set<String> declared = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode tag : doc.path("tags")) {
            declared.add(tag.path("name").asText());
            if (tag.path("description").asText("").isBlank())
                problems.add("tag " + tag.path("name").asText() + " has no description");
        }
        for (var op : operations()) {
            JsonNode tags = op.getValue().path("tags");
            if (tags.size() != 1 || !declared.contains(tags.path(0).asText()))
                problems.add(op.getKey() + ": tags " + tags + " are not exactly one declared tag");
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of("risk-assessments", "scores", "scoring-models", "surveys", "warnings"), declared);
    }

    @Test
    void everySuccessNamesItsSchemaWithAnExample() {
        List<String> problems = new ArrayList<>();
        for (var op : operations()) {
            op.getValue().path("responses").properties().stream().filter(r -> r.getKey().startsWith("2"))
                    .forEach(r -> {
                        String where = op.getKey() + " " + r.getKey();
                        JsonNode content = r.getValue().path("content");
                        if (r.getKey().equals("204")) {
                            if (!content.isEmpty())
                                problems.add(where + ": a 204 has no content");
                        } else {
                            typedWithExample(where, content, problems);
                        }
                    });
            if (op.getValue().path("responses").properties().stream().noneMatch(r -> r.getKey().startsWith("2")))
                problems.add(op.getKey() + ": no 2xx response");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRequestBodyNamesItsSchemaWithAnExample() {
        List<String> problems = new ArrayList<>();
        for (var op : operations()) {
            JsonNode body = op.getValue().path("requestBody");
            if (!body.isMissingNode())
                typedWithExample(op.getKey() + " request body", body.path("content"), problems);
        }
        assertEquals(List.of(), problems);
    }

    /** The examples were captured from real calls: they still match the schemas the code declares. */
    @Test
    void everyExampleMatchesItsSchema() throws Exception {
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(DOC_URI, raw))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var path : doc.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String at = "/paths/" + pointer(path.getKey()) + "/" + op.getKey();
                List<Map.Entry<String, JsonNode>> contents = new ArrayList<>();
                contents.add(Map.entry(at + "/requestBody/content", op.getValue().path("requestBody").path("content")));
                op.getValue().path("responses").properties().forEach(r -> contents
                        .add(Map.entry(at + "/responses/" + r.getKey() + "/content", r.getValue().path("content"))));
                for (var content : contents) {
                    for (var media : content.getValue().properties()) {
                        if (!media.getValue().has("example") || !media.getValue().has("schema"))
                            continue;
                        checked++;
                        String schemaAt = content.getKey() + "/" + pointer(media.getKey()) + "/schema";
                        schemas.getSchema(SchemaLocation.of(DOC_URI + "#" + schemaAt))
                                .validate(JSON.writeValueAsString(media.getValue().get("example")), InputFormat.JSON)
                                .forEach(e -> problems.add(schemaAt + ": " + e));
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 20, "examples checked: " + checked);
    }

    /** A key as a JSON Pointer token in a URI fragment (RFC 6901 escapes, then the URI's). */
    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
    }

    @Test
    void everyParameterIsDescribedAndTyped() {
        List<String> problems = new ArrayList<>();
        for (var op : operations()) {
            for (JsonNode p : op.getValue().path("parameters")) {
                String where = op.getKey() + " parameter " + p.path("name").asText();
                if (p.path("description").asText("").isBlank())
                    problems.add(where + ": no description");
                if (p.path("schema").isEmpty())
                    problems.add(where + ": no schema");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void enumerationsListTheirValues() {
        JsonNode schemas = doc.path("components").path("schemas");
        assertEquals(List.of("COUNTY", "TOWNSHIP", "VILLAGE", "GRID"), texts(schemas.path("AreaLevel").path("enum")));
        assertEquals(List.of("EXCELLENT", "QUALIFIED", "BASIC", "UNQUALIFIED"),
                texts(schemas.path("Grade").path("enum")));
        assertEquals(List.of("YELLOW_CARD", "TREND_ALERT", "VETO", "REASSESS"),
                texts(schemas.path("WarningType").path("enum")));
        assertEquals(List.of("DECIDE", "REOPEN", "WITHDRAW"), texts(schemas.path("RiskAssessmentAction").path("enum")));
        assertEquals(List.of("I9", "I10"),
                texts(schemas.path("SurveyUpload").path("properties").path("indicator").path("enum")));
    }

    @Test
    void infoVersionIsAString() {
        assertTrue(doc.path("info").path("version").isTextual(), "info.version: " + doc.path("info").path("version"));
    }

    /** A content map whose every media type names a schema and, for JSON, carries an example. */
    private static void typedWithExample(String where, JsonNode content, List<String> problems) {
        if (content.isEmpty()) {
            problems.add(where + ": no content");
            return;
        }
        content.properties().forEach(media -> {
            if (media.getValue().path("schema").isEmpty())
                problems.add(where + " " + media.getKey() + ": no schema");
            boolean json = media.getKey().equals("application/json") || media.getKey().endsWith("+json");
            if (json && !media.getValue().has("example") && media.getValue().path("examples").isEmpty())
                problems.add(where + " " + media.getKey() + ": no example");
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
