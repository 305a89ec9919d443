package org.civicsafety.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Map;

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

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        casesA = new FakeUpstream(vertx, "cases-a", FakeOpenApi::document);
        casesB = new FakeUpstream(vertx, "cases-b", FakeOpenApi::document);
        grid = new FakeUpstream(vertx, "grid", FakeOpenApi::document);
        assessment = new FakeUpstream(vertx, "assessment", FakeOpenApi::document);
        for (FakeUpstream upstream : new FakeUpstream[] {casesA, casesB, grid, assessment}) {
            upstream.start();
        }
        return Map.of(
                "civic.gateway.rate-limits.burst.paths", "/api/v1/surveys/limited",
                "civic.gateway.rate-limits.burst.requests", "3",
                "civic.gateway.rate-limits.burst.period", "1m",
                "civic.gateway.cases.urls", casesA.url() + "," + casesB.url(),
                "civic.gateway.grid.urls", grid.url(),
                "civic.gateway.assessment.urls", assessment.url(),
                "civic.gateway.cases.timeout", "1500ms",
                "civic.gateway.assessment.timeout", "1500ms",
                "civic.gateway.breaker.failure-threshold", "2",
                "civic.gateway.breaker.open-duration", "1s");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Minimal OpenAPI documents as the services would generate them. */
    static final class FakeOpenApi {
        private FakeOpenApi() {
        }

        static JsonObject document(String instance) {
            return new JsonObject().put("openapi", "3.0.3").put("info", new JsonObject().put("title", instance).put("version", "1"));
        }
    }
}
