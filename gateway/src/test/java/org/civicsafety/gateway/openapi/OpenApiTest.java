package org.civicsafety.gateway.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.civicsafety.gateway.support.FakeUpstreams;
import org.civicsafety.gateway.support.OpenApiValidator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one OpenAPI document: merged from the services' documents, complete, and valid for a standard validator. */
@QuarkusTest
class OpenApiTest {

    @Test
    void mergedDocumentCoversEveryServicePathAndTheGatewaysOwn() throws Exception {
        String body = given().when().get("/q/openapi?format=json")
                .then().statusCode(200).contentType(startsWith("application/json")).extract().asString();
        JsonPath doc = JsonPath.from(body);
        Map<String, Object> paths = doc.getMap("paths");
        for (String path : List.of("/api/v1/cases", "/api/v1/cases/track/{trackingCode}", "/api/v1/calendar/holidays",
                "/api/v1/areas", "/api/v1/incidents", "/open311/v2/requests.{format}", "/api/v1/scores",
                "/api/v1/warnings",
                "/api/v1/partner-keys", "/api/v1/partner-keys/{id}", "/problems", "/problems/{slug}")) {
            assertTrue(paths.containsKey(path), "merged document has " + path);
        }
        assertFalse(paths.containsKey("/q/health"), "services' own /q paths are not public");
        assertFalse(paths.containsKey("/q/openapi-gateway"));

        // one bearer scheme for everything, plus the partner API key
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        assertEquals("X-API-Key", doc.getString("components.securitySchemes.apiKey.name"));
        assertFalse(doc.getMap("components.securitySchemes").containsKey("SecurityScheme"));
        assertTrue(doc.getMap("paths.'/api/v1/areas'.get.security[0]").containsKey("bearer"));
        // grid's Problem differs from cases': renamed rather than lost
        assertTrue(doc.getMap("components.schemas").containsKey("Grid_Problem"));
        // and every error, whichever service answers it, references the platform's one Problem schema
        for (String path : List.of("/api/v1/areas", "/api/v1/cases")) {
            assertEquals("#/components/schemas/Problem", doc.getString(
                    "paths.'" + path + "'.get.responses.'400'.content.'application/problem+json'.schema.$ref"), path);
        }
        // a list's CSV download (console-api design §1) stays beside its JSON, the services' and the gateway's own
        for (String path : List.of("/api/v1/cases", "/api/v1/partner-keys")) {
            String content = "paths.'" + path + "'.get.responses.'200'.content";
            assertEquals("string", doc.getString(content + ".'text/csv'.schema.type"), path);
            assertTrue(doc.getString(content + ".'text/csv'.example").startsWith("\uFEFFid,"), path);
            assertTrue(doc.getMap(content).containsKey("application/json"), path);
        }
        // operation ids stay unique across services
        assertNotEquals(doc.getString("paths.'/api/v1/cases'.get.operationId"),
                doc.getString("paths.'/api/v1/areas'.get.operationId"));

        Path file = Path.of("target", "merged-openapi.json");
        Files.writeString(file, body);
        OpenApiValidator.Result result = OpenApiValidator.validate(file);
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void theComposedNoticePathsAppearOnceAsTheGatewayServesThem() {
        JsonPath doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        for (String path : List.of("/api/v1/me/notices", "/api/v1/me/notices/stream", "/api/v1/me/notices/{id}/read",
                "/api/v1/me/notice-preferences", "/api/v1/notices")) {
            assertTrue(paths.containsKey(path), "merged document has " + path);
        }
        assertFalse(paths.containsKey("/api/v1/me/notices/{noticeId}/read"),
                "grid's copy of the read mark is not added");
        assertFalse(doc.prettify().contains("grid_listMyNotices"), "grid's copies are left out, not renamed");
        String inbox = "paths.'/api/v1/me/notices'.get";
        assertEquals("listMyNotices", doc.getString(inbox + ".operationId"));
        assertEquals(List.of("cases-service", "grid-service"), doc.getList(inbox + ".x-composed-from"));
        assertTrue(doc.getString(inbox + ".description").startsWith("Composed by the gateway"));
        assertTrue(doc.getMap(inbox + ".security[0]").containsKey("bearer"));
        // the merged page has `partial`, in a copy of cases' page schema, and its example shows it
        String merged = doc.getString(inbox + ".responses.'200'.content.'application/json'.schema.$ref");
        assertEquals("#/components/schemas/MergedNoticePage", merged);
        assertEquals("array", doc.getString("components.schemas.MergedNoticePage.properties.partial.type"));
        assertFalse(doc.getMap("components.schemas.NoticePage.properties").containsKey("partial"));
        assertEquals(List.of(), doc.getList(inbox + ".responses.'200'.content.'application/json'.example.partial"));
        assertEquals("array", doc.getString("paths.'/api/v1/notices'.get.responses.'200'.content.'application/json'"
                + ".schema.properties.partial.type"));
        assertTrue(doc.getString("paths.'/api/v1/me/notices/{id}/read'.post.description").contains("prefix"));
        assertTrue(doc.getString("paths.'/api/v1/me/notice-preferences'.put.description").contains("503"));
    }

    @Test
    void followsTheServicesKeepingTheLastGoodDocumentWhileOneIsDown() throws Exception {
        String newPath = "/api/v1/areas/new-" + System.nanoTime();
        given().when().get("/q/openapi?format=json").then().statusCode(200);
        FakeUpstreams.grid.stop();
        try {
            // refreshes every 2 s: for 3 s (at least one failed refresh) grid's part must stay in the document
            await().alias("grid's last good document is kept while it is down")
                    .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Map<String, Object> paths = given().when().get("/q/openapi?format=json").then().statusCode(200)
                                .extract().jsonPath().getMap("paths");
                        assertTrue(paths.containsKey("/api/v1/areas"),
                                "grid's last good document is kept while it is down");
                    });
            FakeUpstreams.extraGridPath = newPath;
        } finally {
            FakeUpstreams.grid.start();
        }
        try {
            await().alias("the document follows grid-service's new path")
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> given().when().get("/q/openapi?format=json").jsonPath().getMap("paths")
                            .containsKey(newPath));
        } finally {
            FakeUpstreams.extraGridPath = null;
        }
    }

    @Test
    void theValidatorRejectsABrokenDocument() throws Exception {
        Path file = Path.of("target", "broken-openapi.json");
        Files.writeString(file,
                "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"x\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":"
                        + "{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":"
                        + "{\"$ref\":\"#/components/schemas/Missing\"}}}}}}}}}");
        OpenApiValidator.Result result = OpenApiValidator.validate(file);
        assertNotEquals(0, result.exitCode(), "a dangling $ref must fail validation: " + result.output());
    }

    @Test
    void yamlByDefaultAndSwaggerUiShowsTheMergedDocument() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .contentType(startsWith("application/yaml"))
                .body(containsString("openapi: 3.1.0"))
                .body(containsString("/api/v1/partner-keys:"));
        String ui = given().when().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertTrue(ui.contains("/q/openapi?format=json"), "Swagger UI is pointed at the merged document");
    }
}
