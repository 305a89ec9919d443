package org.civicsafety.grid.unit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.civicsafety.grid.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unit directory over HTTP, and its events on civicsafety.units.v1. */
@QuarkusTest
class UnitResourceTest {
    static final String PATH = "/api/v1/units";
    static final String TOPIC = "civicsafety.units.v1";

    static Map<String, Object> unit(String id, String area, String kind) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("name", "派出所 " + id);
        m.put("nameEn", "Police station " + id);
        m.put("areaCode", area);
        m.put("kind", kind);
        return m;
    }

    @Test
    void anAreaNamingAnUnknownUnitAddsItNamedAfterTheAreaOfTheKindOfItsLevel() {
        try (TopicProbe probe = new TopicProbe(TOPIC)) {
            Fixtures.Hierarchy h = Fixtures.hierarchy();
            given().auth().oauth2(Tokens.admin()).get(PATH + "/unit-" + h.village()).then().statusCode(200)
                    .header("ETag", "\"1\"").body("name", equalTo("Area " + h.village()))
                    .body("areaCode", equalTo(h.village())).body("kind", equalTo("VILLAGE_COMMITTEE"))
                    .body("active", equalTo(true)).body("noticeChannels.email", nullValue());
            given().auth().oauth2(Tokens.admin()).get(PATH + "/unit-" + h.grid()).then().statusCode(200)
                    .body("kind", equalTo("GRID_STATION"));
            ConsumerRecord<String, String> r = probe.await(TopicProbe.keyAndType("unit-" + h.county(),
                    UnitService.UPSERTED), Duration.ofSeconds(20));
            assertEquals("unit-" + h.county(), TopicProbe.header(r, "ce_subject"));
            assertTrue(r.value().contains("\"kind\":\"COUNTY_BUREAU\""), r.value());
            assertTrue(r.value().contains("\"noticeChannels\":{\"email\":null,\"webhookUrl\":null}"), r.value());

            // a change naming another unit adds that one; an import does the same
            Map<String, Object> village = Fixtures.area(h.village(), "VILLAGE", h.township(), null);
            village.put("responsibleUnit", "unit-" + h.village() + "-new");
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(village)
                    .put("/api/v1/areas/" + h.village()).then().statusCode(200);
            probe.await(TopicProbe.keyAndType("unit-" + h.village() + "-new", UnitService.UPSERTED),
                    Duration.ofSeconds(20));
            String imported = h.township() + "-V9";
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"type\":"
                    + "\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":"
                    + "{\"code\":\"" + imported + "\",\"name\":\"导入村\",\"level\":\"VILLAGE\",\"parentCode\":\""
                    + h.township() + "\",\"responsibleUnit\":\"unit-" + imported + "\"}}]}")
                    .post("/api/v1/areas/import").then().statusCode(200);
            given().auth().oauth2(Tokens.admin()).get(PATH + "/unit-" + imported).then().statusCode(200)
                    .body("name", equalTo("导入村")).body("areaCode", equalTo(imported));
        }
    }

    @Test
    void adminsCreateAndChangeUnitsAndTheirChannelsWithVersionsIdempotencyAndEvents() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String admin = Tokens.admin();
        String id = "ps-" + Fixtures.suffix();
        Map<String, Object> body = unit(id, h.township(), "POLICE_STATION");
        body.put("noticeChannels", Map.of("email", "duty@" + id + ".example.org"));
        String key = "unit-" + Fixtures.suffix();
        try (TopicProbe probe = new TopicProbe(TOPIC)) {
            Response first = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body).post(PATH);
            first.then().statusCode(201).header("Location", endsWith(PATH + "/" + id)).header("ETag", "\"1\"")
                    .body("kind", equalTo("POLICE_STATION")).body("active", equalTo(true))
                    .body("noticeChannels.email", equalTo("duty@" + id + ".example.org"))
                    .body("noticeChannels.webhookUrl", nullValue());
            Response replay = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body).post(PATH);
            replay.then().statusCode(201).header("Location", endsWith(PATH + "/" + id));
            assertEquals(first.asString(), replay.asString());
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post(PATH).then()
                    .statusCode(409).contentType("application/problem+json");
            ConsumerRecord<String, String> created = probe.await(TopicProbe.event(id, UnitService.UPSERTED,
                    "\"version\":1"), Duration.ofSeconds(20));
            assertTrue(created.value().contains("\"email\":\"duty@" + id + ".example.org\""), created.value());

            // PUT without channels keeps them; If-Match is honoured
            body.put("noticeChannels", null);
            body.put("active", false);
            given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                    .put(PATH + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                    .body("active", equalTo(false))
                    .body("noticeChannels.email", equalTo("duty@" + id + ".example.org"));
            given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                    .put(PATH + "/" + id).then().statusCode(412);
            probe.await(TopicProbe.event(id, UnitService.UPSERTED, "\"active\":false"), Duration.ofSeconds(20));

            // the channels on their own
            String hook = "https://robot.example.org/hook/" + id;
            given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                    .body(Map.of("email", "office@" + id + ".example.org", "webhookUrl", hook))
                    .put(PATH + "/" + id + "/notice-channels").then().statusCode(200).header("ETag", "\"3\"")
                    .body("webhookUrl", equalTo(hook));
            given().auth().oauth2(admin).get(PATH + "/" + id + "/notice-channels").then().statusCode(200)
                    .header("ETag", "\"3\"").body("email", equalTo("office@" + id + ".example.org"))
                    .body("webhookUrl", equalTo(hook));
            ConsumerRecord<String, String> changed = probe.await(TopicProbe.event(id, UnitService.UPSERTED,
                    "\"version\":3"), Duration.ofSeconds(20));
            assertTrue(changed.value().contains("\"webhookUrl\":\"" + hook + "\""), changed.value());
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", "nope",
                "webhookUrl", "http://robot.example.org/hook")).put(PATH + "/" + id + "/notice-channels").then()
                .statusCode(400).contentType("application/problem+json").body("type", endsWith("/validation"))
                .body("errors.field", containsInAnyOrder("email", "webhookUrl"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of())
                .put(PATH + "/no-such-unit-" + id + "/notice-channels").then().statusCode(404);

        // every invalid field at once
        Map<String, Object> bad = unit(id + "-x", "NO-SUCH-AREA", "POLICE_STATION");
        bad.put("noticeChannels", Map.of("email", "x", "webhookUrl", "ftp://example.org"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(bad).post(PATH).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("areaCode", "noticeChannels.email",
                        "noticeChannels.webhookUrl"));
        Map<String, Object> badKind = unit(id + "-y", h.township(), "ARMY");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(badKind).post(PATH).then().statusCode(400)
                .body("errors.field", hasItem("kind"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(unit("a/b", h.township(), "OTHER"))
                .post(PATH).then().statusCode(400).body("errors.field", hasItem("id"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(unit("other", h.township(), "OTHER"))
                .put(PATH + "/" + id).then().statusCode(400).body("errors.field", hasItem("id"));

        // only admins write or read channels
        String supervisor = Tokens.token("sup", "supervisor", h.county(), null, null);
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(403);
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(body).put(PATH + "/" + id).then()
                .statusCode(403);
        given().auth().oauth2(supervisor).get(PATH + "/" + id + "/notice-channels").then().statusCode(403);
    }

    @Test
    void racingCreatesOfOneIdMakeOneUnitAndConflicts() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String id = "race-" + Fixtures.suffix();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                        .body(unit(id, h.village(), "OTHER")).post(PATH).then().extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void staffListTheUnitsOfTheirAreaAndAboveItAndTheAreaFilterIncludesDescendants() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Fixtures.Hierarchy other = Fixtures.hierarchy();
        String station = "ps-" + Fixtures.suffix();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(unit(station, h.village(), "POLICE_STATION")).post(PATH).then().statusCode(201);
        String handler = Tokens.token("h-" + Fixtures.suffix(), "handler", h.village(), "unit-" + h.village(), null);

        given().auth().oauth2(handler).queryParam("limit", 500).get(PATH).then().statusCode(200)
                .body("items.id", hasItems("unit-" + h.county(), "unit-" + h.township(), "unit-" + h.village(),
                        "unit-" + h.grid(), station))
                .body("items.id", not(hasItem("unit-" + other.village())))
                .body("items.find { it.id == '" + station + "' }.noticeChannels", nullValue());
        given().auth().oauth2(handler).get(PATH + "/unit-" + h.county()).then().statusCode(200)
                .body("noticeChannels", nullValue());
        given().auth().oauth2(handler).get(PATH + "/unit-" + other.village()).then().statusCode(404);

        // the area filter: the township's subtree, not the county above it
        given().auth().oauth2(Tokens.admin()).queryParam("areaCode", h.township()).get(PATH).then().statusCode(200)
                .body("items.id", containsInAnyOrder("unit-" + h.township(), "unit-" + h.village(),
                        "unit-" + h.grid(), station));
        // cursor paging by id
        Response page = given().auth().oauth2(Tokens.admin()).queryParam("areaCode", h.township())
                .queryParam("limit", 2).get(PATH);
        page.then().statusCode(200).body("items.size()", equalTo(2));
        given().auth().oauth2(Tokens.admin()).queryParam("areaCode", h.township()).queryParam("limit", 2)
                .queryParam("cursor", page.<String>path("nextCursor")).get(PATH).then().statusCode(200)
                .body("items.size()", equalTo(2)).body("nextCursor", nullValue());
        given().auth().oauth2(Tokens.admin()).queryParam("cursor", "bogus").get(PATH).then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        given().auth().oauth2(Tokens.admin()).queryParam("limit", "x").get(PATH).then().statusCode(400);

        given().auth().oauth2(Tokens.token("s", "supervisor", null, null, null)).get(PATH).then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().auth().oauth2(Tokens.token("c", "citizen", null, null, null)).get(PATH).then().statusCode(403);
        given().get(PATH).then().statusCode(401);
    }
}
