package org.civicsafety.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A grid worker's report through the gateway as the mobile app sends it: dispatched at once,
 * escalated by a supervisor, handled, verified and closed, and counted in the grid's running score.
 */
class IncidentFlowIT {
    private final String s = Platform.suffix();
    private final String worker = Platform.token("e2e-worker-" + s, "grid_worker", DemoCounty.GRID);
    private final String supervisor = Platform.token("e2e-supervisor-" + s, "supervisor", DemoCounty.COUNTY);
    private final String analyst = Platform.token("e2e-analyst-" + s, "analyst", DemoCounty.COUNTY);

    @Test
    void reportDispatchEscalateResolveVerifyAndScore() {
        double before = incidentsCountedForGrid();
        String idempotencyKey = UUID.randomUUID().toString();
        Map<String, Object> report = Map.of(
                "categoryCode", "RUBBISH",
                "description", "Rubbish piled at the market entrance (e2e " + s + ")",
                // a little off the grid's reference point, so an earlier run's report is not a duplicate
                "lat", DemoCounty.LAT + jitter(), "lon", DemoCounty.LON + jitter(),
                "address", "Market entrance",
                "attributes", Map.of("volume", "pile"));

        Response created = Platform.as(worker).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(report).post("/api/v1/incidents");
        created.then().statusCode(201)
                .body("state", equalTo("DISPATCHED"))
                .body("areaCode", equalTo(DemoCounty.GRID))
                .body("level", equalTo("VILLAGE"))
                .body("assignedUnit", notNullValue())
                .body("dueAt", notNullValue());
        String id = created.path("id");

        // The app retries on a flaky network: the same key gives the same incident back.
        Platform.as(worker).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(report).post("/api/v1/incidents")
                .then().statusCode(201).body("id", equalTo(id));

        Response escalated = Platform.as(supervisor).contentType(ContentType.JSON)
                .body(Map.of("action", "ESCALATE", "reason", "Market day: needs the township's crew"))
                .post("/api/v1/incidents/" + id + "/transitions");
        escalated.then().statusCode(200).body("level", equalTo("TOWNSHIP")).body("state", equalTo("DISPATCHED"));
        String unit = escalated.path("assignedUnit");

        String handler = Platform.token("e2e-handler-" + s, "handler", DemoCounty.TOWNSHIP, unit);
        transition(handler, id, Map.of("action", "START"), "IN_PROGRESS");
        transition(handler, id, Map.of("action", "RESOLVE", "note", "Cleared by the township crew"), "RESOLVED");
        transition(worker, id, Map.of("action", "VERIFY"), "CLOSED");

        Platform.as(supervisor).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items.action", hasItem("ESCALATE"));
        // the map view of the same incidents
        Platform.as(supervisor).queryParam("areaCode", DemoCounty.TOWNSHIP).queryParam("limit", 500)
                .get("/api/v1/incidents.geojson").then().statusCode(200)
                .body("type", equalTo("FeatureCollection"));

        Duration took = Platform.await("the incident counted in the grid's running score", Duration.ofSeconds(10),
                () -> incidentsCountedForGrid() > before);
        System.out.printf("incident reflected in the running score of %s after %d ms%n", DemoCounty.GRID,
                took.toMillis());
    }

    private static double jitter() {
        return ThreadLocalRandom.current().nextDouble(-0.003, 0.003);
    }

    private void transition(String token, String id, Map<String, Object> body, String expectedState) {
        Platform.as(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents/" + id + "/transitions")
                .then().statusCode(200).body("state", equalTo(expectedState));
    }

    /** I1's numerator: the severity-weighted count of incidents in the grid's running period. */
    private double incidentsCountedForGrid() {
        Response score = Platform.as(analyst).get("/api/v1/scores/" + DemoCounty.GRID);
        assertEquals(200, score.statusCode(), score.asString());
        Number n = score.path("indicators.find { it.id == 'I1' }.numerator");
        return n == null ? 0 : n.doubleValue();
    }
}
