package org.civicsafety.gateway.workload;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.civicsafety.gateway.support.FakeUpstream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The three services behind the gateway while the workload drives the packaged jar: real HTTP servers in the test's
 * JVM ({@link FakeUpstream}: they echo what reached them, stream uploads and downloads, and serve an OpenAPI document
 * shaped like the service's). {@link #start()} returns the configuration the launched gateway is given on its command
 * line: where the services are, and a rate-limit key prefix of its own so the limits it meets start fresh on every run
 * whatever else shares the Redis.
 * <p>
 * Everything else the jar runs on is its own configuration, as in production, which takes two corrections here:
 * <ul>
 * <li>The module's {@code @QuarkusTest} resources are registered for every test ({@code restrictToAnnotatedClass =
 * false}), so they are started for this one too and their settings reach the jar's command line (other fakes, short
 * timeouts and breakers, a Redis relay). This resource starts last ({@link #order()}), so its values win: it gives the
 * upstream settings and Redis back their values of application.properties.</li>
 * <li>smallrye-jwt's dev service in the test JVM, finding key locations but no issuer configured, hands the jar a
 * made-up {@code mp.jwt.verify.issuer} (https://quarkus.io/issuer) that the identity provider's tokens do not carry;
 * it is set back to {@code NONE}, smallrye-jwt's own "not configured": tokens of any issuer signed with the keys of
 * {@code mp.jwt.verify.publickey.location}, as in production.</li>
 * </ul>
 */
public class WorkloadUpstreams implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    /** Settings of the gateway's own application.properties that the module's test resources change. */
    private static final List<String> OWN_SETTINGS = List.of("civic.gateway.cases.timeout",
            "civic.gateway.grid.timeout", "civic.gateway.assessment.timeout", "civic.gateway.breaker.failure-threshold",
            "civic.gateway.breaker.open-duration", "quarkus.redis.hosts");

    private Vertx vertx;
    private Map<String, String> devServicesProperties = Map.of();

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        devServicesProperties = context.devServicesProperties();
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        FakeUpstream cases = new FakeUpstream(vertx, "cases", WorkloadUpstreams::document);
        FakeUpstream grid = new FakeUpstream(vertx, "grid", WorkloadUpstreams::document);
        FakeUpstream assessment = new FakeUpstream(vertx, "assessment", WorkloadUpstreams::document);
        for (FakeUpstream upstream : List.of(cases, grid, assessment)) {
            upstream.start();
        }
        Map<String, String> config = new HashMap<>();
        Config own = ConfigProvider.getConfig();
        for (String name : OWN_SETTINGS) {
            config.put(name, own.getValue(name, String.class));
        }
        if (devServicesProperties.containsKey("mp.jwt.verify.issuer")) {
            config.put("mp.jwt.verify.issuer", "NONE");
        }
        config.putAll(Map.of(
                "civic.gateway.cases.urls", cases.url(),
                "civic.gateway.grid.urls", grid.url(),
                "civic.gateway.assessment.urls", assessment.url(),
                "civic.gateway.rate-limit-store.key-prefix", "civic:gateway:rate:workload:" + UUID.randomUUID() + ":",
                // the build machine is busy: a Redis answer slower than production's 75 ms would hand the decision to
                // the instance's own buckets, which start full, and a refusal the workload asserts could pass
                "civic.gateway.rate-limit-store.timeout", "5s",
                // the merged document is rebuilt several times during the run, as it is over a day in production
                "civic.gateway.openapi.refresh-interval", "5s"));
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The paths of each service's document: the gateway's routes to it. */
    private static List<String> pathsOf(String service) {
        return switch (service) {
            case "cases" -> List.of("/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/cases/track/{trackingCode}",
                    "/api/v1/calendar/holidays");
            case "grid" -> List.of("/api/v1/areas", "/api/v1/areas/{code}", "/api/v1/categories", "/api/v1/incidents",
                    "/api/v1/incidents/{id}", "/api/v1/routing-rules", "/open311/v2/services.{format}",
                    "/open311/v2/requests.{format}");
            default -> List.of("/api/v1/scores", "/api/v1/warnings", "/api/v1/warnings/{id}", "/api/v1/surveys",
                    "/api/v1/scoring-models", "/api/v1/risk-assessments");
        };
    }

    /** An OpenAPI 3.1 document shaped like those smallrye-openapi generates for the services. */
    static JsonObject document(String service) {
        String schema = switch (service) {
            case "cases" -> "Case";
            case "grid" -> "Incident";
            default -> "Score";
        };
        JsonObject paths = new JsonObject();
        for (String path : pathsOf(service)) {
            JsonArray parameters = new JsonArray();
            for (String segment : path.split("[/.]")) {
                if (segment.startsWith("{")) {
                    parameters.add(new JsonObject().put("name", segment.substring(1, segment.length() - 1))
                            .put("in", "path").put("required", true)
                            .put("schema", new JsonObject().put("type", "string")));
                }
            }
            String id = service + path.replaceAll("[^A-Za-z]", "_");
            JsonObject item = new JsonObject().put("get", operation(id + "_get", schema, parameters));
            if (!path.contains("track") && !path.startsWith("/open311")) {
                item.put(path.endsWith("}") ? "patch" : "post", operation(id + "_write", schema, parameters)
                        .put("requestBody", new JsonObject().put("content", new JsonObject()
                                .put("application/json", new JsonObject().put("schema", ref(schema))))));
            }
            paths.put(path, item);
        }
        JsonObject schemas = new JsonObject()
                .put(schema, new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("id", new JsonObject().put("type", "string"))
                        .put("version", new JsonObject().put("type", "integer"))))
                .put("Problem", new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("type", new JsonObject().put("type", "string"))
                        .put("title", new JsonObject().put("type", "string"))
                        .put("status", new JsonObject().put("type", "integer"))
                        .put("detail", new JsonObject().put("type", "string"))));
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service + "-service").put("version", "1.0"))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas)
                        .put("securitySchemes", new JsonObject().put("SecurityScheme", new JsonObject()
                                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"))));
    }

    private static JsonObject operation(String id, String schema, JsonArray parameters) {
        JsonObject operation = new JsonObject().put("operationId", id)
                .put("security", new JsonArray().add(new JsonObject().put("SecurityScheme", new JsonArray())))
                .put("responses", new JsonObject()
                        .put("200", new JsonObject().put("description", "OK").put("content", new JsonObject()
                                .put("application/json", new JsonObject().put("schema", ref(schema)))))
                        .put("400", new JsonObject().put("description", "invalid").put("content", new JsonObject()
                                .put("application/problem+json", new JsonObject().put("schema", ref("Problem"))))));
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        return operation;
    }

    private static JsonObject ref(String schema) {
        return new JsonObject().put("$ref", "#/components/schemas/" + schema);
    }
}
