package org.civicsafety.grid.area;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.TopicProbe;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AreaResourceTest {
    static final String UPSERTED = "org.civicsafety.area.upserted.v1";

    @Test
    void createsHierarchyAndPublishesEachAreaAsCloudEvent() {
        try (TopicProbe probe = new TopicProbe("civicsafety.areas.v1")) {
            Fixtures.Hierarchy h = Fixtures.hierarchy();

            given().auth().oauth2(Tokens.token("u1", "citizen", null, null, null))
                    .get("/api/v1/areas/" + h.grid()).then().statusCode(200)
                    .header("ETag", "\"1\"")
                    .body("level", equalTo("GRID"))
                    .body("path", contains(h.county(), h.township(), h.village(), h.grid()))
                    .body("ancestors.code", contains(h.county(), h.township(), h.village()))
                    .body("boundary.type", equalTo("MultiPolygon"));

            ConsumerRecord<String, String> r = probe.await(TopicProbe.keyAndType(h.grid(), UPSERTED),
                    Duration.ofSeconds(20));
            assertEquals("/grid-service", TopicProbe.header(r, "ce_source"));
            assertEquals("1.0", TopicProbe.header(r, "ce_specversion"));
            assertEquals(h.grid(), TopicProbe.header(r, "ce_subject"));
            assertNotNull(TopicProbe.header(r, "ce_id"));
            assertNotNull(TopicProbe.header(r, "ce_time"));
            assertNotNull(TopicProbe.header(r, "traceparent"));
            assertEquals("application/json", TopicProbe.header(r, "content-type"));
            String v = r.value();
            assertTrue(v.contains("\"parentCode\":\"" + h.village() + "\""), v);
            assertTrue(v.contains("\"path\":[\"" + h.county() + "\",\"" + h.township() + "\",\"" + h.village()
                    + "\",\"" + h.grid() + "\"]"), v);
            assertTrue(v.contains("\"level\":\"GRID\""), v);
            assertTrue(v.contains("\"version\":1"), v);
            assertTrue(v.contains("\"occurredAt\""), v);
            assertTrue(v.contains("\"population\":1000"), v);
            assertTrue(v.contains("\"responsibleUnit\":\"unit-" + h.grid() + "\""), v);
            probe.await(TopicProbe.keyAndType(h.county(), UPSERTED), Duration.ofSeconds(5));
        }
    }

    @Test
    void putUpdatesVersionHonoursIfMatchAndPublishes() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Map<String, Object> body = Fixtures.area(h.village(), "VILLAGE", h.township(), null);
        body.put("population", 4321);
        body.put("name", "Renamed");
        try (TopicProbe probe = new TopicProbe("civicsafety.areas.v1")) {
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .header("X-Request-Id", "req-" + h.village()).body(body)
                    .put("/api/v1/areas/" + h.village()).then().statusCode(200)
                    .header("ETag", "\"2\"").body("version", equalTo(2)).body("population", equalTo(4321));
            ConsumerRecord<String, String> r = probe.await(TopicProbe.event(h.village(), UPSERTED, "\"version\":2"),
                    Duration.ofSeconds(20));
            assertTrue(r.value().contains("\"version\":2"), r.value());
            assertTrue(r.value().contains("\"population\":4321"), r.value());
            assertEquals("req-" + h.village(), TopicProbe.header(r, "X-Request-Id"));
        }
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                .put("/api/v1/areas/" + h.village()).then().statusCode(412)
                .contentType("application/problem+json");
    }

    @Test
    void moveReparentsDescendants() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String t2 = h.county() + "-T2";
        Fixtures.create(Fixtures.area(t2, "TOWNSHIP", h.county(), null));
        try (TopicProbe probe = new TopicProbe("civicsafety.areas.v1")) {
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Fixtures.area(h.village(), "VILLAGE", t2, null))
                    .put("/api/v1/areas/" + h.village()).then().statusCode(200);
            ConsumerRecord<String, String> r = probe.await(TopicProbe.event(h.grid(), UPSERTED, "\"version\":2"),
                    Duration.ofSeconds(20));
            assertTrue(r.value().contains("\"path\":[\"" + h.county() + "\",\"" + t2 + "\""), r.value());
        }
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas/" + h.grid()).then().statusCode(200)
                .body("path", contains(h.county(), t2, h.village(), h.grid()))
                .body("version", equalTo(2));
    }

    @Test
    void idempotencyKeyReplaysTheCreate() {
        String code = "C" + Fixtures.suffix();
        String admin = org.civicsafety.grid.Tokens.token("admin-idem", "admin", null, null, null);
        String created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + code)
                .body(Fixtures.area(code, "COUNTY", null, null)).post("/api/v1/areas").then().statusCode(201)
                .body("code", equalTo(code)).header("Location", endsWith("/api/v1/areas/" + code))
                .header("ETag", "\"1\"").extract().asString();
        String replayed = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + code)
                .body(Fixtures.area(code, "COUNTY", null, null)).post("/api/v1/areas").then().statusCode(201)
                .header("Location", endsWith("/api/v1/areas/" + code)).header("ETag", "\"1\"").extract().asString();
        assertEquals(created, replayed);
        Map<String, Object> other = Fixtures.area(code, "COUNTY", null, null);
        other.put("name", "different");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", "k-" + code)
                .body(other).post("/api/v1/areas").then().statusCode(422);
        // without the key a second create is a conflict
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Fixtures.area(code, "COUNTY", null, null)).post("/api/v1/areas").then().statusCode(409);
    }

    @Test
    void putCreatesWhenMissing() {
        String code = "C" + Fixtures.suffix();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(code, "COUNTY", null, null))
                .put("/api/v1/areas/" + code).then().statusCode(201).body("version", equalTo(1));
    }

    @Test
    void levelsMustNest() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        // a GRID directly below a TOWNSHIP
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(h.township() + "-G9", "GRID", h.township(), Fixtures.square(1, 1, 0.01)))
                .post("/api/v1/areas").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("parentCode"));
        // a TOWNSHIP without parent, a COUNTY with one
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area("X" + Fixtures.suffix(), "TOWNSHIP", null, null))
                .post("/api/v1/areas").then().statusCode(400).body("errors.field", hasItem("parentCode"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area("X" + Fixtures.suffix(), "COUNTY", h.county(), null))
                .post("/api/v1/areas").then().statusCode(400).body("errors.field", hasItem("parentCode"));
        // unknown parent
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(Fixtures.area("X" + Fixtures.suffix(), "TOWNSHIP", "NOPE-" + Fixtures.suffix(), null))
                .post("/api/v1/areas").then().statusCode(400).body("errors[0].message", containsString("unknown"));
        // a GRID needs a boundary
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(h.village() + "-G8", "GRID", h.village(), null))
                .post("/api/v1/areas").then().statusCode(400).body("errors.field", hasItem("boundary"));
        // duplicate code
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(h.county(), "COUNTY", null, null))
                .post("/api/v1/areas").then().statusCode(409);
        // a township with villages cannot become a village
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(h.township(), "VILLAGE", h.township(), null))
                .put("/api/v1/areas/" + h.township()).then().statusCode(400);
    }

    @Test
    void invalidGeometryIsRejected() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        // self-intersecting bow tie
        Map<String, Object> bowTie = Map.of("type", "Polygon", "coordinates", java.util.List.of(java.util.List.of(
                java.util.List.of(0, 0), java.util.List.of(1, 1), java.util.List.of(1, 0), java.util.List.of(0, 1),
                java.util.List.of(0, 0))));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(h.village() + "-GX", "GRID", h.village(), bowTie))
                .post("/api/v1/areas").then().statusCode(400)
                .body("errors[0].field", equalTo("boundary"))
                .body("errors[0].message", containsString("Self-intersection"));
        Map<String, Object> point = Map.of("type", "Point", "coordinates", java.util.List.of(1, 1));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(h.village() + "-GY", "GRID", h.village(), point))
                .post("/api/v1/areas").then().statusCode(400).body("errors[0].field", equalTo("boundary.type"));
        Map<String, Object> open = Map.of("type", "Polygon", "coordinates", java.util.List.of(java.util.List.of(
                java.util.List.of(0, 0), java.util.List.of(1, 1), java.util.List.of(1, 0), java.util.List.of(0, 1))));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(h.village() + "-GZ", "GRID", h.village(), open))
                .post("/api/v1/areas").then().statusCode(400);
        Map<String, Object> outOfRange = Fixtures.square(200, 10, 1);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.area(h.village() + "-GW", "GRID", h.village(), outOfRange))
                .post("/api/v1/areas").then().statusCode(400);
    }

    @Test
    void badInputIsProblemJsonListingEveryField() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"code\": \"X1\", ")
                .post("/api/v1/areas").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://civicsafety.org/problems/malformed-request"))
                .body("status", equalTo(400));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"code\":\"X1\",\"name\":\"n\",\"level\":\"PLANET\"}")
                .post("/api/v1/areas").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("level"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"code\":\"X1\",\"name\":\"n\",\"level\":\"COUNTY\",\"population\":\"many\"}")
                .post("/api/v1/areas").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("population"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"code\":\"bad code!\",\"name\":\"\",\"population\":-1}")
                .post("/api/v1/areas").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("code", "name", "level", "population"))
                .body("detail", notNullValue());
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas?level=PLANET&limit=x").then().statusCode(400)
                .body("errors.field", hasItems("level", "limit"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas?cursor=%%%").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas/NOPE-" + Fixtures.suffix()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void authIsRequiredAndWritesNeedAdmin() {
        given().get("/api/v1/areas").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").get("/api/v1/areas").then().statusCode(401);
        given().auth().oauth2(Tokens.token("w", "grid_worker", "C01", null, null)).contentType(ContentType.JSON)
                .body(Fixtures.area("X" + Fixtures.suffix(), "COUNTY", null, null))
                .post("/api/v1/areas").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void listsByParentWithCursorPaging() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        for (int i = 2; i <= 3; i++) {
            Fixtures.create(Fixtures.area(h.village() + "-G" + i, "GRID", h.village(),
                    Fixtures.square(h.lon() + 0.01 * i, h.lat(), 0.01)));
        }
        String next = given().auth().oauth2(Tokens.admin())
                .get("/api/v1/areas?parentCode=" + h.village() + "&level=GRID&limit=2").then().statusCode(200)
                .body("items.code", contains(h.grid(), h.village() + "-G2"))
                .body("items[0].boundary", org.hamcrest.Matchers.nullValue())
                .extract().path("nextCursor");
        given().auth().oauth2(Tokens.admin())
                .get("/api/v1/areas?parentCode=" + h.village() + "&limit=2&cursor=" + next).then().statusCode(200)
                .body("items.code", contains(h.village() + "-G3"))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void locateFindsTheGridByContainment() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        given().auth().oauth2(Tokens.token("c", "citizen", null, null, null))
                .get("/api/v1/areas/locate?lat=" + h.centerLat() + "&lon=" + h.centerLon()).then().statusCode(200)
                .body("code", equalTo(h.grid()))
                .body("ancestors.code", contains(h.county(), h.township(), h.village()));
        // inside the county but outside every grid of it
        given().auth().oauth2(Tokens.admin())
                .get("/api/v1/areas/locate?lat=" + (h.lat() - 0.09) + "&lon=" + (h.lon() - 0.09)).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas/locate?lat=95&lon=abc").then().statusCode(400)
                .body("errors.field", hasItems("lat", "lon"));
    }
}
