package org.civicsafety.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract rules the merge applies to every operation, on small documents as the services write them. */
class ApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode service() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"openapi":"3.1.0","info":{"title":"grid-service","version":"1.0"},
                 "components":{"securitySchemes":{"SecurityScheme":{"type":"http","scheme":"bearer"}}},
                 "paths":{
                  "/api/v1/incidents":{"post":{"operationId":"reportIncident",
                     "parameters":[{"name":"Idempotency-Key","in":"header","schema":{"type":"string"}}],
                     "requestBody":{"content":{"application/json":{"schema":{"type":"object"}}}},
                     "responses":{"201":{"description":"reported","content":{"application/json":{"schema":{"type":"object"}}}},
                                  "400":{"description":"Bad Request"}},
                     "security":[{"SecurityScheme":["grid_worker","partner"]}]}},
                  "/api/v1/incidents/{id}/transitions":{"post":{"operationId":"transitionIncident",
                     "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}},
                                   {"name":"If-Match","in":"header","schema":{"type":"string"}}],
                     "requestBody":{"content":{"application/json":{"schema":{"type":"object"}}}},
                     "responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"type":"object"}}}}},
                     "security":[{"SecurityScheme":["handler"]}]}},
                  "/api/v1/categories":{"get":{"operationId":"listCategories",
                     "responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"type":"array"}}}}}}},
                  "/open311/v2/requests.{format}":{"post":{"operationId":"createOpen311Request",
                     "parameters":[{"name":"format","in":"path","required":true,"schema":{"type":"string"}}],
                     "responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"type":"array"}}}}},
                     "security":[{"SecurityScheme":["partner"]}]}}
                 }}""");
    }

    private static JsonNode merged() throws Exception {
        ObjectNode gateway = (ObjectNode) JSON.readTree("{\"openapi\":\"3.1.0\",\"paths\":{}}");
        return OpenApiMerger.merge(gateway, List.of(new OpenApiMerger.Source("grid", service())), "t", "1.0");
    }

    @Test
    void securityFollowsTheGatewaysRulesAndTheServicesRoles() throws Exception {
        JsonNode paths = merged().path("paths");
        assertEquals("[{\"bearer\":[]},{\"apiKey\":[]}]",
                paths.path("/api/v1/incidents").path("post").path("security").toString(), "partners may report");
        assertEquals("[{\"bearer\":[]}]",
                paths.path("/api/v1/incidents/{id}/transitions").path("post").path("security").toString());
        assertEquals("[]", paths.path("/api/v1/categories").path("get").path("security").toString(), "public");
        assertEquals("[{\"apiKey\":[]}]",
                paths.path("/open311/v2/requests.{format}").path("post").path("security").toString());
        assertTrue(paths.path("/api/v1/incidents").path("post").path("description").asText()
                .contains("Roles: grid_worker, partner."));
    }

    @Test
    void errorsFollowTheOperationsShapeAndReferenceTheOneProblemSchema() throws Exception {
        JsonNode doc = merged();
        JsonNode report = doc.path("paths").path("/api/v1/incidents").path("post").path("responses");
        assertEquals(List.of("201", "400", "401", "403", "409", "413", "415", "422", "429", "500", "503"),
                codes(report));
        assertEquals("Validation failed", report.path("400").path("description").asText(), "generic wording replaced");
        assertEquals("#/components/schemas/Problem",
                report.path("422").path("content").path("application/problem+json").path("schema").path("$ref")
                        .asText());
        assertTrue(report.path("429").path("headers").has("Retry-After"));
        assertTrue(report.path("201").path("headers").has("Location"), "a create names its Location");

        JsonNode transition = doc.path("paths").path("/api/v1/incidents/{id}/transitions").path("post")
                .path("responses");
        assertTrue(codes(transition).containsAll(List.of("404", "409", "412")));
        assertEquals("https://civicsafety.org/problems/illegal-transition", transition.path("409").path("content")
                .path("application/problem+json").path("example").path("type").asText());

        JsonNode categories = doc.path("paths").path("/api/v1/categories").path("get").path("responses");
        assertFalse(categories.has("401"), "a public read cannot be refused for missing credentials");

        JsonNode open311 = doc.path("paths").path("/open311/v2/requests.{format}").path("post").path("responses");
        assertEquals("#/components/schemas/Open311Errors",
                open311.path("404").path("content").path("application/json").path("schema").path("$ref").asText());
        assertTrue(doc.path("components").path("schemas").path("Problem").path("properties").path("type").has("enum"));
    }

    private static List<String> codes(JsonNode responses) {
        List<String> codes = new ArrayList<>();
        responses.fieldNames().forEachRemaining(codes::add);
        return codes;
    }
}
