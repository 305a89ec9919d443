package org.civicsafety.cases.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.civicsafety.cases.workflow.Action;
import org.civicsafety.cases.workflow.SystemAction;
import org.junit.jupiter.api.Test;

/**
 * The service's OpenAPI document is something a client generator can work from (conventions.md "The API contract"):
 * every operation named, tagged once with a declared tag, every answer and body typed and shown by an example. The
 * gateway adds the error responses and security; everything else is the service's.
 */
@QuarkusTest
class ApiContractTest {

    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z]+([A-Z0-9][a-z0-9]*)*");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
    }

    @Test
    void everyOperationIsReadyForClientGenerators() throws Exception {
        JsonNode doc = document();
        assertEquals(List.of(), violations(doc));
        assertEquals(52, operations(doc).count(),
                "the operations of cases.md, a supervision note's address, notices and written notices of notices.md, "
                        + "the mediator directory, the mediations, reception days and leader contacts of mediation.md");
    }

    /**
     * Every list ({items, nextCursor}) answers CSV too (console-api design §1), its 200 showing a text/csv example
     * with the header row; the inbox apart: the gateway composes it from two services' JSON pages.
     */
    @Test
    void everyListAnswersCsv() throws Exception {
        JsonNode doc = document();
        Set<String> lists = new java.util.TreeSet<>();
        Set<String> csv = new java.util.TreeSet<>();
        operations(doc).forEach(e -> {
            JsonNode ok = e.getValue().at("/responses/200/content");
            String ref = ok.at("/application~1json/schema/$ref").asText();
            JsonNode schema = doc.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1) + "/properties");
            if (e.getKey().startsWith("GET ") && schema.has("items") && schema.has("nextCursor")) {
                lists.add(e.getValue().path("operationId").asText());
            }
            if (ok.has("text/csv")) {
                csv.add(e.getValue().path("operationId").asText());
                String example = ok.at("/text~1csv/example").asText();
                assertTrue(example.startsWith("\uFEFF") && example.contains(",") && example.endsWith("\r\n"),
                        e.getKey() + ": " + example);
            }
        });
        lists.remove("listMyNotices");
        assertEquals(lists, csv);
        assertEquals(List.of("getCaseHistory", "getMediationHistory", "listCaseAttachments", "listCaseLeaderContacts",
                "listCaseSupervisions", "listCaseWrittenNotices", "listCases", "listMediations", "listMediators",
                "listMyReceptionBookings", "listNoticeDeliveries", "listReceptionBookings", "listReceptionDays",
                "listReceptionRecords"), List.copyOf(csv));
    }

    /** A history entry's action is any step a case can take: a caller's or the clock's. */
    @Test
    void historyActionsListEveryStep() throws Exception {
        Set<String> listed = new HashSet<>();
        document().at("/components/schemas/CaseHistoryEntry/properties/action/enum")
                .forEach(v -> listed.add(v.asText()));
        Stream.concat(Stream.of(Action.values()), Stream.of(SystemAction.values()))
                .forEach(step -> assertTrue(listed.contains(step.toString()), step + " is not listed"));
    }

    /** The rules have teeth: an operation lacking any of it is named. */
    @Test
    void anIncompleteOperationIsReported() throws Exception {
        JsonNode broken = new ObjectMapper().readTree("""
                {"openapi":"3.1.0","info":{"title":"t","version":1.0},"tags":[{"name":"cases"}],"paths":{
                  "/a":{"post":{"operationId":"Add_thing","tags":["cases","more"],
                    "parameters":[{"name":"q","in":"query","schema":{"type":"string"}}],
                    "requestBody":{"content":{"application/json":{"schema":{"type":"object"}}}},
                    "responses":{"201":{"description":"made","content":{"application/json":{}}},
                                 "204":{"description":"none","content":{"application/json":{"schema":{}}}}}}},
                  "/b":{"get":{"operationId":"getThing","tags":["things"],
                    "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{}}}}}},
                        "put":{"operationId":"getThing","tags":["cases"],"responses":{"200":{"description":"ok"}}}}}}
                """);
        List<String> found = violations(broken);
        for (String expected : List.of("info.version is not a string", "tag cases has no description",
                "POST /a: operationId Add_thing is not camelCase", "POST /a: 2 tags",
                "POST /a: parameter q has no description", "POST /a: request application/json has no example",
                "POST /a: 201 application/json has no schema", "POST /a: 201 application/json has no example",
                "POST /a: 204 has content", "GET /b: tag things is not declared",
                "GET /b: 200 application/json has no example", "PUT /b: operationId getThing is used twice",
                "PUT /b: 200 has no content")) {
            assertTrue(found.contains(expected), expected + " not in " + found);
        }
    }

    private static Stream<Map.Entry<String, JsonNode>> operations(JsonNode doc) {
        return doc.path("paths").propertyStream().flatMap(path -> path.getValue().propertyStream()
                .filter(op -> METHODS.contains(op.getKey()))
                .map(op -> Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue())));
    }

    /** Everything the contract asks of the document that it lacks, one line each. */
    static List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        if (!doc.at("/info/version").isTextual()) {
            out.add("info.version is not a string");
        }
        Set<String> declared = new HashSet<>();
        doc.path("tags").forEach(t -> {
            declared.add(t.path("name").asText());
            if (t.path("description").asText().isBlank()) {
                out.add("tag " + t.path("name").asText() + " has no description");
            }
        });
        Set<String> ids = new HashSet<>();
        operations(doc).forEach(e -> {
            String op = e.getKey();
            JsonNode o = e.getValue();
            String id = o.path("operationId").asText();
            if (!CAMEL_CASE.matcher(id).matches()) {
                out.add(op + ": operationId " + id + " is not camelCase");
            } else if (!ids.add(id)) {
                out.add(op + ": operationId " + id + " is used twice");
            }
            if (o.path("tags").size() != 1) {
                out.add(op + ": " + o.path("tags").size() + " tags");
            }
            o.path("tags").forEach(t -> {
                if (!declared.contains(t.asText())) {
                    out.add(op + ": tag " + t.asText() + " is not declared");
                }
            });
            o.path("parameters").forEach(p -> {
                if (p.path("description").asText().isBlank() || !p.has("schema")) {
                    out.add(op + ": parameter " + p.path("name").asText() + " has no "
                            + (p.has("schema") ? "description" : "schema"));
                }
            });
            o.at("/requestBody/content").properties().forEach(c -> {
                if (!c.getValue().has("schema")) {
                    out.add(op + ": request " + c.getKey() + " has no schema");
                }
                if (!c.getValue().has("example") && !c.getValue().has("examples")) {
                    out.add(op + ": request " + c.getKey() + " has no example");
                }
            });
            o.path("responses").properties().stream().filter(r -> r.getKey().startsWith("2")).forEach(r -> {
                JsonNode content = r.getValue().path("content");
                if (r.getKey().equals("204")) {
                    if (!content.isEmpty()) {
                        out.add(op + ": 204 has content");
                    }
                    return;
                }
                if (content.isEmpty()) {
                    out.add(op + ": " + r.getKey() + " has no content");
                }
                content.properties().forEach(c -> {
                    if (!c.getValue().has("schema")) {
                        out.add(op + ": " + r.getKey() + " " + c.getKey() + " has no schema");
                    }
                    boolean json = c.getKey().equals("application/json") || c.getKey().endsWith("+json");
                    if (json && !c.getValue().has("example") && !c.getValue().has("examples")) {
                        out.add(op + ": " + r.getKey() + " " + c.getKey() + " has no example");
                    }
                });
            });
        });
        return out;
    }
}
