package org.civicsafety.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.support.OpenApiValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The merged OpenAPI document of the running platform is a contract clients can be generated from
 * (conventions.md "The API contract"): standard tools accept it without a message, and every operation
 * has what a generator needs. Each rule lists every operation that breaks it, so one run shows all.
 */
class ApiContractIT {

    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path jsonFile;
    private static String yaml;
    private static JsonNode document;

    @BeforeAll
    static void fetchTheDocument() throws Exception {
        String json = Platform.anonymous().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        yaml = Platform.anonymous().get("/q/openapi").then().statusCode(200).extract().asString();
        Files.createDirectories(Path.of("target"));
        jsonFile = Files.writeString(Path.of("target", "platform-openapi.json"), json);
        Files.writeString(Path.of("target", "platform-openapi.yaml"), yaml);
        document = JSON.readTree(json);
    }

    @Test
    void infoVersionIsAStringInBothFormats() throws Exception {
        assertTrue(document.path("info").path("version").isTextual(), "JSON info.version");
        JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertTrue(fromYaml.path("info").path("version").isTextual(),
                "YAML info.version must be a string, not " + fromYaml.path("info").path("version"));
    }

    @Test
    void swaggerParserValidatesWithoutAMessage() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(yaml, null, options);
        assertEquals(List.of(), result.getMessages(), "swagger-parser (Java) messages");
        OpenApiValidator.Result npm = OpenApiValidator.validate(jsonFile);
        assertEquals(0, npm.exitCode(), npm.output());
    }

    @Test
    void redoclyLintFindsNoError() throws Exception {
        OpenApiValidator.Result lint = OpenApiValidator.lint(jsonFile);
        assertEquals(0, lint.exitCode(), lint.output());
    }

    @Test
    void everyOperationHasAUniqueCamelCaseIdAndOneDescribedTag() {
        Map<String, String> describedTags = new HashMap<>();
        document.path("tags")
                .forEach(t -> describedTags.put(t.path("name").asText(), t.path("description").asText("")));
        List<String> broken = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        forEachOperation((name, op) -> {
            String id = op.path("operationId").asText("");
            if (!OPERATION_ID.matcher(id).matches()) {
                broken.add(name + ": operationId '" + id + "' is not camelCase");
            } else if (ids.put(id, name) != null) {
                broken.add(name + ": operationId '" + id + "' also used by " + ids.get(id));
            }
            JsonNode tags = op.path("tags");
            if (tags.size() != 1) {
                broken.add(name + ": " + tags.size() + " tags");
            } else if (describedTags.getOrDefault(tags.get(0).asText(), "").isBlank()) {
                broken.add(name + ": tag '" + tags.get(0).asText() + "' is not declared with a description");
            }
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void everySuccessIsTypedAndEveryCreateHasALocation() {
        List<String> broken = new ArrayList<>();
        forEachOperation((name, op) -> {
            List<String> successes = new ArrayList<>();
            op.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("2")) {
                    successes.add(code);
                }
            });
            if (successes.isEmpty()) {
                broken.add(name + ": no 2xx response");
            }
            for (String code : successes) {
                JsonNode response = op.path("responses").path(code);
                if (code.equals("204")) {
                    if (response.has("content")) {
                        broken.add(name + ": 204 with content");
                    }
                    continue;
                }
                if (!response.path("content").elements().hasNext()) {
                    broken.add(name + ": " + code + " names no content");
                }
                response.path("content").fields().forEachRemaining(media -> {
                    JsonNode schema = media.getValue().path("schema");
                    if (schema.isMissingNode() || schema.isEmpty()) {
                        broken.add(name + ": " + code + " " + media.getKey() + " has no schema");
                    }
                    if (media.getKey().contains("json") && !hasExample(media.getValue())) {
                        broken.add(name + ": " + code + " " + media.getKey() + " has no example");
                    }
                });
                if (code.equals("201") && !response.path("headers").has("Location")) {
                    broken.add(name + ": 201 without a Location header");
                }
            }
            op.path("requestBody").path("content").fields().forEachRemaining(media -> {
                if (media.getValue().path("schema").isMissingNode()) {
                    broken.add(name + ": request " + media.getKey() + " has no schema");
                }
                if (media.getKey().contains("json") && !hasExample(media.getValue())) {
                    broken.add(name + ": request " + media.getKey() + " has no example");
                }
            });
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void everyErrorReferencesTheSharedProblemSchemaAndEveryOperationStatesItsSecurity() {
        List<String> broken = new ArrayList<>();
        forEachOperation((name, op) -> {
            boolean open311 = name.contains(" /open311/");
            op.path("responses").fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    String media = open311 ? "application/json" : "application/problem+json";
                    String ref = r.getValue().path("content").path(media).path("schema").path("$ref").asText();
                    String expected = open311 ? "#/components/schemas/Open311Errors" : "#/components/schemas/Problem";
                    if (!ref.equals(expected)) {
                        broken.add(name + ": " + r.getKey() + " does not reference " + expected);
                    }
                }
            });
            if (!op.path("responses").has("500")) {
                broken.add(name + ": the platform's error responses are not declared");
            }
            if (!op.path("security").isArray()) {
                broken.add(name + ": no security of its own");
            }
        });
        assertEquals(List.of(), broken);
        JsonNode types = document.path("components").path("schemas").path("Problem").path("properties").path("type")
                .path("enum");
        assertEquals(ProblemType.values().length, types.size(), "the Problem schema lists the catalogue's types");
        JsonNode track = document.path("paths").path("/api/v1/cases/track/{trackingCode}").path("get").path("security");
        assertTrue(track.isArray() && track.isEmpty(), "the public tracking lookup needs no credentials");
    }

    @Test
    void everyProblemTypeUriResolvesToAPageInBothLanguages() {
        for (ProblemType type : ProblemType.values()) {
            String path = type.uri().substring("https://civicsafety.org".length());
            Platform.anonymous().get(path).then().statusCode(200).contentType(startsWith("text/html"))
                    .body(containsString(type.title(ProblemType.ZH_CN)));
            Platform.anonymous().header("Accept-Language", "en").get(path).then().statusCode(200)
                    .body(containsString(type.title(Locale.ENGLISH)));
            Platform.anonymous().get(path + "?lang=en").then().statusCode(200)
                    .body(containsString("lang=\"en\""));
        }
        Platform.anonymous().get("/problems").then().statusCode(200).body(containsString("/problems/rate-limited"));
        JsonNode pages = document.path("paths").path("/problems/{slug}").path("get");
        assertTrue(pages.path("security").isArray() && pages.path("security").isEmpty(),
                "the problem pages are in the document, public");
        Platform.anonymous().get("/problems/no-such-problem").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", org.hamcrest.Matchers.equalTo(ProblemType.NOT_FOUND.uri()));
    }

    private static boolean hasExample(JsonNode mediaType) {
        return mediaType.has("example") || mediaType.path("examples").elements().hasNext();
    }

    private static void forEachOperation(java.util.function.BiConsumer<String, JsonNode> check) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
            if (METHODS.contains(m.getKey())) {
                check.accept(m.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), m.getValue());
            }
        }));
    }
}
