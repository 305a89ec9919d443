package org.civicsafety.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Starts the fake services the gateway routes to (two cases-service instances to see load
 * balancing, one grid and one assessment instance) before Quarkus starts, and points the
 * gateway at them with short timeouts so resilience tests stay quick.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private static Vertx vertx;
    public static FakeUpstream casesA;
    public static FakeUpstream casesB;
    public static FakeUpstream grid;
    public static FakeUpstream assessment;
    /** A path grid-service's document gains when a test says so (a new release of the service). */
    public static volatile String extraGridPath;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        casesA = new FakeUpstream(vertx, "cases-a", FakeOpenApi::document);
        casesB = new FakeUpstream(vertx, "cases-b", FakeOpenApi::document);
        grid = new FakeUpstream(vertx, "grid", FakeOpenApi::document);
        assessment = new FakeUpstream(vertx, "assessment", FakeOpenApi::document);
        for (FakeUpstream upstream : new FakeUpstream[]{casesA, casesB, grid, assessment}) {
            upstream.start();
        }
        return Map.ofEntries(
                Map.entry("civic.gateway.cases.urls", casesA.url() + "," + casesB.url()),
                Map.entry("civic.gateway.grid.urls", grid.url()),
                Map.entry("civic.gateway.assessment.urls", assessment.url()),
                Map.entry("civic.gateway.cases.timeout", "1500ms"),
                Map.entry("civic.gateway.assessment.timeout", "1500ms"),
                Map.entry("civic.gateway.breaker.failure-threshold", "2"),
                Map.entry("civic.gateway.breaker.open-duration", "1s"),
                Map.entry("civic.gateway.openapi.refresh-interval", "2s"),
                Map.entry("civic.gateway.notices.keep-alive", "500ms"),
                Map.entry("civic.gateway.notices.reconnect-min", "100ms"),
                Map.entry("civic.gateway.notices.reconnect-max", "800ms"),
                Map.entry("civic.gateway.rate-limits.burst.paths", "/api/v1/surveys/limited"),
                Map.entry("civic.gateway.rate-limits.burst.requests", "3"),
                Map.entry("civic.gateway.rate-limits.burst.period", "1m"));
    }

    /**
     * Starts cases and grid again where a test stopped them, and waits until the gateway has them both back
     * (their breakers closed again), so the next test starts with both answering.
     */
    public static void restoreNoticeServices() {
        casesA.start();
        casesB.start();
        grid.start();
        String token = Tokens.bearer("restorer", "citizen");
        await().alias("cases and grid answer through the gateway again").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> given().header("Authorization", token).when().get("/api/v1/me/notices").then()
                        .extract().jsonPath(),
                        page -> page.getList("partial") != null && page.getList("partial").isEmpty());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** OpenAPI documents shaped like the ones the services generate (smallrye-openapi, bearer scheme, shared names). */
    static final class FakeOpenApi {
        private FakeOpenApi() {}

        static JsonObject document(String instance) {
            JsonObject doc = new JsonObject().put("openapi", "3.1.0")
                    .put("info", new JsonObject().put("title", instance + "-service").put("version", "1.0"));
            JsonObject paths = new JsonObject();
            JsonObject schemas = new JsonObject();
            if (instance.startsWith("cases")) {
                paths.put("/api/v1/cases", new JsonObject()
                        .put("get", csvExport(op("list", "Case")))
                        .put("post", op("create", "Case").put("requestBody", new JsonObject().put("content",
                                new JsonObject().put("application/json",
                                        new JsonObject().put("schema", ref("Case")))))));
                paths.put("/api/v1/cases/track/{trackingCode}", new JsonObject().put("get", op("track", "Case")
                        .put("security", new JsonArray())
                        .put("parameters",
                                new JsonArray().add(new JsonObject().put("name", "trackingCode").put("in", "path")
                                        .put("required", true)
                                        .put("schema", new JsonObject().put("type", "string"))))));
                paths.put("/api/v1/calendar/holidays", new JsonObject().put("get", op("holidays", "Case")));
                paths.put("/q/health", new JsonObject().put("get", op("health", "Case")));
                schemas.put("Case", new JsonObject().put("type", "object")
                        .put("properties", new JsonObject().put("id", new JsonObject().put("type", "string"))));
                schemas.put("Problem", problem("detail"));
                notices(paths, schemas, "id", "the caller's notices");
            } else if (instance.equals("grid")) {
                paths.put("/api/v1/areas", new JsonObject().put("get", op("list", "Area")));
                paths.put("/api/v1/incidents", new JsonObject().put("post", op("report", "Area")));
                if (extraGridPath != null) {
                    paths.put(extraGridPath, new JsonObject().put("get", op("extra", "Area")));
                }
                paths.put("/open311/v2/requests.{format}", new JsonObject().put("get", op("requests", "Area")
                        .put("parameters", new JsonArray().add(new JsonObject().put("name", "format").put("in", "path")
                                .put("required", true).put("schema", new JsonObject().put("type", "string"))))));
                schemas.put("Area", new JsonObject().put("type", "object")
                        .put("properties", new JsonObject().put("code", new JsonObject().put("type", "string"))));
                schemas.put("Problem", problem("description"));
                notices(paths, schemas, "noticeId", "a page of the caller's notices");
            } else {
                paths.put("/api/v1/scores", new JsonObject().put("get", op("scores", "Score")));
                paths.put("/api/v1/warnings", new JsonObject().put("get", op("list", "Score")));
                schemas.put("Score", new JsonObject().put("type", "object")
                        .put("properties", new JsonObject().put("value", new JsonObject().put("type", "number"))));
                schemas.put("Problem", problem("detail"));
            }
            return doc.put("paths", paths).put("components", new JsonObject().put("schemas", schemas)
                    .put("securitySchemes", new JsonObject().put("SecurityScheme",
                            new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"))));
        }

        /**
         * The notice paths both cases and grid serve (notice-design.md), documented alike but for the read
         * mark's parameter name and the page's description, so the merge must see that they are the same.
         */
        private static void notices(JsonObject paths, JsonObject schemas, String idParameter, String pageDescription) {
            JsonObject page = new JsonObject().put("type", "object").put("description", pageDescription)
                    .put("properties", new JsonObject()
                            .put("items", new JsonObject().put("type", "array").put("items", ref("Notice")))
                            .put("nextCursor", new JsonObject().put("type", new JsonArray().add("string").add("null")))
                            .put("unread", new JsonObject().put("type", "integer")));
            schemas.put("NoticePage", page);
            schemas.put("Notice", new JsonObject().put("type", "object").put("properties", new JsonObject()
                    .put("id", new JsonObject().put("type", "string"))
                    .put("createdAt", new JsonObject().put("type", "string").put("format", "date-time"))));
            schemas.put("NoticePreferences", new JsonObject().put("type", "object")
                    .put("properties", new JsonObject().put("sms", new JsonObject().put("type", "boolean"))));
            JsonObject example = new JsonObject().put("items", new JsonArray().add(new JsonObject()
                    .put("id", "cases-4f1c2a9e-8d3b-4c61-9e0a-6b7d2f3c5a18")
                    .put("createdAt", "2026-12-05T08:00:00+08:00")))
                    .put("nextCursor", null).put("unread", 1);
            JsonObject inbox = op("listMyNotices", "NoticePage").put("parameters", new JsonArray()
                    .add(query("limit")).add(query("cursor")).add(query("unread")));
            inbox.getJsonObject("responses").getJsonObject("200").getJsonObject("content")
                    .getJsonObject("application/json").put("example", example);
            paths.put("/api/v1/me/notices", new JsonObject().put("get", inbox));
            paths.put("/api/v1/me/notices/stream", new JsonObject().put("get", new JsonObject()
                    .put("operationId", "streamMyNotices")
                    .put("security", new JsonArray().add(new JsonObject().put("SecurityScheme", new JsonArray())))
                    .put("responses", new JsonObject().put("200", new JsonObject().put("description", "events")
                            .put("content", new JsonObject().put("text/event-stream",
                                    new JsonObject().put("schema", new JsonObject().put("type", "string"))))))));
            paths.put("/api/v1/me/notices/{" + idParameter + "}/read", new JsonObject().put("post", new JsonObject()
                    .put("operationId", "markNoticeRead")
                    .put("security", new JsonArray().add(new JsonObject().put("SecurityScheme", new JsonArray())))
                    .put("parameters", new JsonArray().add(new JsonObject().put("name", idParameter).put("in", "path")
                            .put("required", true).put("schema", new JsonObject().put("type", "string"))))
                    .put("responses", new JsonObject().put("204", new JsonObject().put("description", "read")))));
            paths.put("/api/v1/me/notice-preferences", new JsonObject()
                    .put("get", op("getNoticePreferences", "NoticePreferences"))
                    .put("put", op("putNoticePreferences", "NoticePreferences").put("requestBody", new JsonObject()
                            .put("content", new JsonObject().put("application/json",
                                    new JsonObject().put("schema", ref("NoticePreferences")))))));
            // the delivery log's page inline, as a service may also write it
            JsonObject log = op("listNotices", "NoticePage").put("parameters", new JsonArray().add(query("channel")));
            log.getJsonObject("responses").getJsonObject("200").getJsonObject("content")
                    .getJsonObject("application/json").put("schema", page.copy());
            paths.put("/api/v1/notices", new JsonObject().put("get", log));
        }

        private static JsonObject query(String name) {
            return new JsonObject().put("name", name).put("in", "query").put("schema",
                    new JsonObject().put("type", "string"));
        }

        private static JsonObject op(String id, String schema) {
            return new JsonObject().put("operationId", id)
                    .put("security", new JsonArray().add(new JsonObject().put("SecurityScheme", new JsonArray())))
                    .put("responses", new JsonObject()
                            .put("200", new JsonObject().put("description", "OK").put("content",
                                    new JsonObject().put("application/json",
                                            new JsonObject().put("schema", ref(schema)))))
                            .put("400", new JsonObject().put("description", "bad").put("content",
                                    new JsonObject().put("application/problem+json",
                                            new JsonObject().put("schema", ref("Problem"))))));
        }

        /** A list's 200 as the services' CsvOpenApiFilter writes it: JSON and the CSV download. */
        private static JsonObject csvExport(JsonObject operation) {
            operation.getJsonObject("responses").getJsonObject("200").getJsonObject("content").put("text/csv",
                    new JsonObject().put("schema", new JsonObject().put("type", "string"))
                            .put("example",
                                    "\uFEFFid,number\r\n7c0e3f8e-1b1f-4d7a-9a53-5f0c2a1f3c11,XF-2026-000013\r\n"));
            return operation.put("x-csv-export", "true");
        }

        private static JsonObject ref(String schema) {
            return new JsonObject().put("$ref", "#/components/schemas/" + schema);
        }

        private static JsonObject problem(String field) {
            return new JsonObject().put("type", "object").put("properties", new JsonObject()
                    .put("title", new JsonObject().put("type", "string"))
                    .put(field, new JsonObject().put("type", "string")));
        }
    }
}
