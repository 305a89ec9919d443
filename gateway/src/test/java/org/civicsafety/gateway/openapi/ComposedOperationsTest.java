package org.civicsafety.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civicsafety.gateway.csv.CsvOpenApiFilter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the merge treats the notice paths both owners document, on small documents as the services write them. */
class ComposedOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A service's notice paths: the read mark's parameter named {@code idName}, the inbox page as given. */
    private static ObjectNode service(String title, String idName, String inboxSchema) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"openapi":"3.1.0","info":{"title":"%s","version":"1.0"},
                 "components":{"schemas":{"Page":{"type":"object","properties":{"items":{"type":"array"}}}}},
                 "paths":{
                  "/api/v1/me/notices":{"get":{"operationId":"listMyNotices","description":"%s's own.",
                     "responses":{"200":{"description":"OK","content":{"application/json":{"schema":%s,
                        "examples":{"one":{"value":{"items":[]}}}}}}}}},
                  "/api/v1/me/notices/{%s}/read":{"post":{"operationId":"markNoticeRead",
                     "parameters":[{"name":"%s","in":"path","required":true,"schema":{"type":"string"}}],
                     "responses":{"204":{"description":"read"}}}},
                  "/api/v1/notices/{id}":{"get":{"operationId":"getNotice",
                     "responses":{"200":{"description":"OK"}}}}
                 }}""".formatted(title, title, inboxSchema, idName, idName));
    }

    private static JsonNode merge(List<OpenApiMerger.Source> services) throws Exception {
        ObjectNode gateway = (ObjectNode) JSON.readTree("{\"openapi\":\"3.1.0\",\"paths\":{}}");
        return OpenApiMerger.merge(gateway, services, "t", "1.0");
    }

    @Test
    void keepsTheFirstOwnersCopyOnceWhateverItsParameterIsCalled() throws Exception {
        JsonNode doc = merge(List.of(
                new OpenApiMerger.Source("cases", service("cases", "id", "{\"$ref\":\"#/components/schemas/Page\"}")),
                new OpenApiMerger.Source("grid",
                        service("grid", "noticeId", "{\"$ref\":\"#/components/schemas/Page\"}")),
                new OpenApiMerger.Source("assessment", service("assessment", "n", "{\"type\":\"object\"}"))));
        JsonNode paths = doc.path("paths");
        List<String> names = new java.util.ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("/api/v1/me/notices", "/api/v1/me/notices/{id}/read"), names,
                "once each; a path the gateway does not serve (/api/v1/notices/{id}) is left out");
        JsonNode inbox = paths.path("/api/v1/me/notices").path("get");
        assertEquals("listMyNotices", inbox.path("operationId").asText());
        assertTrue(inbox.path("description").asText().endsWith("cases's own."), "cases' copy, described further");
        JsonNode content = inbox.path("responses").path("200").path("content").path("application/json");
        assertEquals("#/components/schemas/MergedPage", content.path("schema").path("$ref").asText());
        assertTrue(doc.path("components").path("schemas").path("MergedPage").path("properties").has("partial"));
        assertFalse(doc.path("components").path("schemas").path("Page").path("properties").has("partial"),
                "the services' own schema stays as it is");
        assertEquals("[]", content.path("examples").path("one").path("value").path("partial").toString());
        assertEquals("[\"cases-service\",\"grid-service\"]",
                paths.path("/api/v1/me/notices/{id}/read").path("post").path("x-composed-from").toString());
    }

    /** The services export their delivery logs as CSV; the gateway composes their JSON pages only. */
    @Test
    void theComposedDeliveryLogIsNotOfferedAsCsv() throws Exception {
        ObjectNode cases = (ObjectNode) JSON.readTree("""
                {"openapi":"3.1.0","info":{"title":"cases","version":"1.0"},"paths":{
                  "/api/v1/notices":{"get":{"operationId":"listNoticeDeliveries","x-csv-export":"true",
                     "description":"The delivery log. %s",
                     "responses":{"200":{"description":"OK","content":{
                        "application/json":{"schema":{"type":"object"}},
                        "text/csv":{"schema":{"type":"string"},"example":"id\\r\\n"}}}}}}}}"""
                .formatted(CsvOpenApiFilter.DESCRIPTION));
        JsonNode log = merge(List.of(new OpenApiMerger.Source("cases", cases))).path("paths").path("/api/v1/notices")
                .path("get");
        assertEquals(List.of("application/json"), List.copyOf(
                JSON.convertValue(log.path("responses").path("200").path("content"), java.util.Map.class).keySet()));
        assertFalse(log.has(CsvOpenApiFilter.EXTENSION));
        assertTrue(log.path("description").asText().endsWith("The delivery log."), log.path("description").asText());
    }

    @Test
    void takesTheOtherOwnersCopyWhileTheFirstOnesDocumentIsMissing() throws Exception {
        JsonNode doc = merge(List.of(new OpenApiMerger.Source("grid",
                service("grid", "noticeId", "{\"allOf\":[{\"$ref\":\"#/components/schemas/Page\"}]}"))));
        assertTrue(doc.path("paths").has("/api/v1/me/notices/{noticeId}/read"));
        JsonNode schema = doc.path("paths").path("/api/v1/me/notices").path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema");
        assertTrue(schema.path("allOf").get(1).path("properties").has("partial"),
                "a schema without properties of its own gains `partial` beside it");
    }
}
