package org.civicsafety.grid.incident;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.TopicProbe;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IncidentFlowTest {
    static final String T = "org.civicsafety.incident.";

    static Map<String, Object> report(Fixtures.Hierarchy h, String category, Map<String, Object> attributes) {
        Map<String, Object> m = new HashMap<>();
        m.put("categoryCode", category);
        m.put("description", "Street light broken at the corner");
        m.put("lat", h.centerLat());
        m.put("lon", h.centerLon());
        m.put("address", "1 Test Road");
        m.put("attributes", attributes);
        m.put("reporter", Map.of("name", "张三丰", "phone", "13812345678"));
        return m;
    }

    static String citizen() {
        return Tokens.token("citizen-" + System.nanoTime(), "citizen", null, null, null);
    }

    @Test
    void reportDispatchWorkAndCloseWithEvents() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String citizen = citizen();
        String handler = Tokens.token("h1", "handler", null, "unit-" + h.village(), null);
        String worker = Tokens.token("w1", "grid_worker", h.grid(), null, null);
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            Response r = given().auth().oauth2(citizen).contentType(ContentType.JSON)
                    .body(report(h, "STREET_LIGHT", Map.of("pole_number", "P-17")))
                    .post("/api/v1/incidents");
            r.then().statusCode(201)
                    .header("Location", containsString("/api/v1/incidents/"))
                    .body("number", org.hamcrest.Matchers.matchesPattern("SJ-\\d{4}-\\d{6}"))
                    .body("state", equalTo("DISPATCHED"))
                    .body("areaCode", equalTo(h.grid()))
                    .body("level", equalTo("VILLAGE"))
                    .body("assignedUnit", equalTo("unit-" + h.village()))
                    .body("dueAt", notNullValue())
                    .body("duplicateOf", nullValue())
                    .body("source", equalTo("CITIZEN"))
                    .body("reporter.phone", equalTo("13812345678"));
            String id = r.path("id");

            ConsumerRecord<String, String> reported = probe.await(TopicProbe.keyAndType(id, T + "reported.v1"),
                    Duration.ofSeconds(20));
            assertTrue(reported.value().contains("\"state\":\"REPORTED\""), reported.value());
            ConsumerRecord<String, String> dispatched = probe.await(TopicProbe.keyAndType(id, T + "dispatched.v1"),
                    Duration.ofSeconds(20));
            String v = dispatched.value();
            assertTrue(v.contains("\"assignedUnit\":\"unit-" + h.village() + "\""), v);
            assertTrue(v.contains("\"categoryCode\":\"STREET_LIGHT\""), v);
            assertTrue(v.contains("\"version\":2"), v);
            assertTrue(!v.contains("13812345678") && !v.contains("张三丰"), "no personal data in events: " + v);
            assertEquals("/grid-service", TopicProbe.header(dispatched, "ce_source"));

            // a grid worker of another grid sees the report masked? no: outside scope -> 404
            given().auth().oauth2(Tokens.token("w2", "grid_worker", "ELSEWHERE", null, null))
                    .get("/api/v1/incidents/" + id).then().statusCode(404);
            // another unit's handler: 404
            given().auth().oauth2(Tokens.token("h2", "handler", null, "unit-other", null))
                    .get("/api/v1/incidents/" + id).then().statusCode(404);
            // the grid worker sees it, with masked personal data
            given().auth().oauth2(worker).get("/api/v1/incidents/" + id).then().statusCode(200)
                    .body("reporter.phone", equalTo("138****5678"))
                    .body("reporter.name", equalTo("张**"));

            // illegal: VERIFY before resolution
            given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("action", "VERIFY"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("allowedActions", org.hamcrest.Matchers.empty());
            // wrong role for START
            given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("action", "START"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(403);
            given().auth().oauth2(handler).get("/api/v1/incidents/" + id).then().statusCode(200)
                    .header("ETag", "\"2\"").body("allowedActions", contains("START", "REJECT"))
                    .body("reporter.phone", equalTo("13812345678"));
            // stale If-Match
            given().auth().oauth2(handler).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(Map.of("action", "START"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(412);
            given().auth().oauth2(handler).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                    .body(Map.of("action", "START"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200)
                    .body("state", equalTo("IN_PROGRESS")).header("ETag", "\"3\"");
            given().auth().oauth2(handler).contentType(ContentType.JSON).body(Map.of("action", "RESOLVE"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(400)
                    .body("errors.field", hasItem("note"));
            given().auth().oauth2(handler).contentType(ContentType.JSON)
                    .body(Map.of("action", "RESOLVE", "note", "Bulb replaced"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200)
                    .body("state", equalTo("RESOLVED")).body("resolvedOnTime", equalTo(true));
            ConsumerRecord<String, String> resolved = probe.await(TopicProbe.keyAndType(id, T + "resolved.v1"),
                    Duration.ofSeconds(20));
            assertTrue(resolved.value().contains("\"onTime\":true"), resolved.value());
            given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("action", "REOPEN"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(400);
            given().auth().oauth2(worker).contentType(ContentType.JSON)
                    .body(Map.of("action", "REOPEN", "reason", "Still dark at night"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200)
                    .body("state", equalTo("IN_PROGRESS"));
            given().auth().oauth2(handler).contentType(ContentType.JSON)
                    .body(Map.of("action", "RESOLVE", "note", "Cable replaced too"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200);
            given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("action", "VERIFY"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200)
                    .body("state", equalTo("CLOSED"))
                    // closed, but its resolution can still be rated (a call-back the grid worker records)
                    .body("allowedActions", contains("RATE"));
            probe.await(TopicProbe.keyAndType(id, T + "reopened.v1"), Duration.ofSeconds(20));
            probe.await(TopicProbe.keyAndType(id, T + "verified.v1"), Duration.ofSeconds(20));

            given().auth().oauth2(worker).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                    .body("items.action", contains("REPORT", "DISPATCH", "START", "RESOLVE", "REOPEN", "RESOLVE",
                            "VERIFY"));
            // the reporter sees their own incident
            given().auth().oauth2(citizen).get("/api/v1/incidents/" + id).then().statusCode(200);
            given().auth().oauth2(citizen()).get("/api/v1/incidents/" + id).then().statusCode(404);
        }
    }

    @Test
    void criticalStartsAtCountyWithAlertAndSupervisorEscalates() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            Map<String, Object> body = report(h, "GAS_LEAK", Map.of("smell_strength", "strong"));
            body.put("severity", "CRITICAL");
            String id = given().auth().oauth2(Tokens.token("gw", "grid_worker", h.grid(), null, null))
                    .contentType(ContentType.JSON).body(body).post("/api/v1/incidents").then().statusCode(201)
                    .body("level", equalTo("COUNTY")).body("assignedUnit", equalTo("unit-" + h.county()))
                    .body("source", equalTo("GRID_WORKER"))
                    .extract().path("id");
            probe.await(TopicProbe.keyAndType(id, T + "alert.v1"), Duration.ofSeconds(20));
        }
        Map<String, Object> body = report(h, "FIGHT", Map.of("injured", "no"));
        body.put("lat", h.centerLat() + 0.003);
        String id = given().auth().oauth2(citizen()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(201)
                .body("level", equalTo("TOWNSHIP")).extract().path("id");
        String supervisor = Tokens.token("s1", "supervisor", h.county(), null, null);
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                    .body(Map.of("action", "ESCALATE", "reason", "needs county police"))
                    .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200)
                    .body("level", equalTo("COUNTY")).body("assignedUnit", equalTo("unit-" + h.county()))
                    .body("state", equalTo("DISPATCHED"))
                    .body("allowedActions", contains("REJECT"));
            String v = probe.await(TopicProbe.keyAndType(id, T + "escalated.v1"), Duration.ofSeconds(20)).value();
            assertTrue(v.contains("\"fromLevel\":\"TOWNSHIP\"") && v.contains("\"toLevel\":\"COUNTY\""), v);
        }
        // at the county there is nowhere to go
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("action", "ESCALATE", "reason", "again"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(409);
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("action", "REJECT", "reason", "not ours"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200)
                .body("state", equalTo("REJECTED"));
    }

    @Test
    void duplicatesWithinRadiusAreLinked() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String first = given().auth().oauth2(citizen()).contentType(ContentType.JSON)
                .body(report(h, "STREET_LIGHT", Map.of())).post("/api/v1/incidents").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> near = report(h, "STREET_LIGHT", Map.of());
        near.put("lat", h.centerLat() + 0.0001); // ~11 m north, inside the 30 m radius
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            String dup = given().auth().oauth2(citizen()).contentType(ContentType.JSON).body(near)
                    .post("/api/v1/incidents").then().statusCode(201)
                    .body("state", equalTo("DUPLICATE")).body("duplicateOf", equalTo(first))
                    .extract().path("id");
            String v = probe.await(TopicProbe.keyAndType(dup, T + "duplicate-linked.v1"), Duration.ofSeconds(20))
                    .value();
            assertTrue(v.contains("\"duplicateOf\":\"" + first + "\""), v);
        }
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + first).then().statusCode(200)
                .body("reportCount", equalTo(2));
        // another category at the same spot is not a duplicate
        given().auth().oauth2(citizen()).contentType(ContentType.JSON)
                .body(report(h, "RUBBISH", Map.of())).post("/api/v1/incidents").then().statusCode(201)
                .body("state", equalTo("DISPATCHED"));
        // far away (about 330 m) is not a duplicate either
        Map<String, Object> far = report(h, "STREET_LIGHT", Map.of());
        far.put("lat", h.lat() + 0.008);
        far.put("lon", h.lon() + 0.008);
        given().auth().oauth2(citizen()).contentType(ContentType.JSON).body(far)
                .post("/api/v1/incidents").then().statusCode(201).body("state", equalTo("DISPATCHED"));
    }

    @Test
    void badReportsAreRejectedWithEveryField() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        given().auth().oauth2(citizen()).contentType(ContentType.JSON)
                .body(report(h, "FIGHT", Map.of("people_count", "many", "colour", "red")))
                .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("attributes.injured", "attributes.people_count", "attributes.colour"));
        given().auth().oauth2(citizen()).contentType(ContentType.JSON)
                .body(report(h, "NO_SUCH_CATEGORY", Map.of()))
                .post("/api/v1/incidents").then().statusCode(400).body("errors.field", hasItem("categoryCode"));
        Map<String, Object> bad = report(h, "STREET_LIGHT", Map.of());
        bad.put("lat", 91);
        bad.put("lon", -181);
        bad.put("description", "");
        given().auth().oauth2(citizen()).contentType(ContentType.JSON).body(bad)
                .post("/api/v1/incidents").then().statusCode(400)
                .body("errors.field", hasItems("lat", "lon", "description"));
        Map<String, Object> sev = report(h, "STREET_LIGHT", Map.of());
        sev.put("severity", "APOCALYPTIC");
        given().auth().oauth2(citizen()).contentType(ContentType.JSON).body(sev)
                .post("/api/v1/incidents").then().statusCode(400).body("errors[0].field", equalTo("severity"));
        Map<String, Object> nowhere = report(h, "STREET_LIGHT", Map.of());
        nowhere.put("lat", h.lat() - 0.09);
        given().auth().oauth2(citizen()).contentType(ContentType.JSON).body(nowhere)
                .post("/api/v1/incidents").then().statusCode(400).body("errors[0].field", equalTo("lat"));
        given().auth().oauth2(Tokens.token("a", "analyst", h.county(), null, null)).contentType(ContentType.JSON)
                .body(report(h, "STREET_LIGHT", Map.of())).post("/api/v1/incidents").then().statusCode(403);
        given().contentType(ContentType.JSON).body(report(h, "STREET_LIGHT", Map.of()))
                .post("/api/v1/incidents").then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("action", "FLY"))
                .post("/api/v1/incidents/" + java.util.UUID.randomUUID() + "/transitions").then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
    }

    @Test
    void racingNearbyReportsAcrossLockCellsMakeOneOriginal() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        // a corner of the 0.01° dedupe-lock cells: the reports below lie in four different cells, yet all
        // within a few metres of each other (STREET_LIGHT radius 30 m)
        double cornerLon = Math.ceil(h.lon() * 100) / 100;
        double cornerLat = Math.ceil(h.lat() * 100) / 100;
        double[][] offsets = {{-0.00003, -0.00003}, {0.00003, -0.00003}, {-0.00003, 0.00003}, {0.00003, 0.00003},
                {0.00001, 0}, {0, -0.00001}};
        ExecutorService pool = Executors.newFixedThreadPool(offsets.length);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (double[] o : offsets) {
                Map<String, Object> body = report(h, "STREET_LIGHT", Map.of());
                body.put("areaCode", h.grid());
                body.put("lon", cornerLon + o[0]);
                body.put("lat", cornerLat + o[1]);
                calls.add(() -> given().auth().oauth2(citizen()).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/incidents"));
            }
            List<String> originals = new ArrayList<>();
            List<String> duplicateOf = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                assertEquals(201, f.get().statusCode(), f.get().asString());
                if ("DUPLICATE".equals(f.get().path("state"))) {
                    duplicateOf.add(f.get().path("duplicateOf"));
                } else {
                    originals.add(f.get().path("id"));
                }
            }
            assertEquals(1, originals.size(), "originals: " + originals);
            assertEquals(List.of(originals.get(0)), duplicateOf.stream().distinct().toList());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void idempotencyKeyReturnsTheSameIncidentAlsoWhenRacing() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String token = citizen();
        String key = "key-" + Fixtures.suffix();
        Map<String, Object> body = report(h, "RUBBISH", Map.of("volume", "pile"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .header("Idempotency-Key", key).body(body).post("/api/v1/incidents"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                assertEquals(201, f.get().statusCode(), f.get().asString());
                ids.add(f.get().path("id"));
            }
            assertEquals(1, ids.stream().distinct().count(), ids.toString());
        } finally {
            pool.shutdown();
        }
        Map<String, Object> other = new HashMap<>(body);
        other.put("description", "something else");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(other)
                .post("/api/v1/incidents").then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void anIdempotencyKeyIsOneTo128Characters() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String token = citizen();
        Map<String, Object> body = report(h, "STREET_LIGHT", Map.of());
        for (String key : List.of("", "k".repeat(129))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                    .body("type", endsWith("/validation")).body("errors", hasSize(1))
                    .body("errors[0].field", equalTo("Idempotency-Key"))
                    .body("errors[0].message", equalTo("长度必须为 1 到 128 个字符"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Accept-Language", "en")
                .header("Idempotency-Key", "").body(body).post("/api/v1/incidents").then().statusCode(400)
                .body("errors[0].message", equalTo("must be 1 to 128 characters"));
        // keys belong to the caller, a fresh citizen here
        String key = "k".repeat(128);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/incidents").then().statusCode(201).body("id", equalTo(id));
    }

    @Test
    void racingTransitionsOnlyOneWins() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String id = given().auth().oauth2(citizen()).contentType(ContentType.JSON)
                .body(report(h, "STREET_LIGHT", Map.of())).post("/api/v1/incidents").then().statusCode(201)
                .extract().path("id");
        String handler = Tokens.token("h1", "handler", null, "unit-" + h.village(), null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> given().auth().oauth2(handler).contentType(ContentType.JSON)
                        .body(Map.of("action", "START")).post("/api/v1/incidents/" + id + "/transitions")
                        .statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 409).count(), codes.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void categoriesArePublicAndLocalised() {
        given().get("/api/v1/categories").then().statusCode(200)
                .body("items.code", hasItems("FIGHT", "THEFT", "NEIGHBOUR_DISPUTE", "UNPAID_WAGES", "LAND_DISPUTE",
                        "FIRE_HAZARD", "GAS_LEAK", "BUILDING_HAZARD", "ROAD_TRAFFIC_HAZARD", "FLOOD_DRAINAGE",
                        "POLLUTION", "RUBBISH", "STREET_LIGHT", "MANHOLE_COVER", "ELDERLY_ALONE",
                        "LEFT_BEHIND_CHILD", "PERSON_NEEDS_HELP"))
                .body("items.find { it.code == 'FIGHT' }.name", equalTo("打架斗殴"));
        given().header("Accept-Language", "en-US,en;q=0.9").get("/api/v1/categories/GAS_LEAK").then()
                .statusCode(200).body("name", equalTo("Gas leak"))
                .body("slaHours.CRITICAL", equalTo(1))
                .body("dedupeRadiusMeters", equalTo(50))
                .body("private", equalTo(false))
                .body("attributes[0].datatype", equalTo("singlevaluelist"))
                .body("attributes[0].values.key", contains("faint", "strong"))
                .body("attributes[0].description", equalTo("How strong is the smell?"));
        given().get("/api/v1/categories/NOPE").then().statusCode(404).contentType("application/problem+json");
    }
}
