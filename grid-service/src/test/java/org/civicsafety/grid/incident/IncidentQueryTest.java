package org.civicsafety.grid.incident;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.TopicProbe;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IncidentQueryTest {
    static final String T = "org.civicsafety.incident.";

    @Inject AgroalDataSource ds;
    @Inject EscalationJob job;

    String report(String token, Fixtures.Hierarchy h, String category, double dLon, double dLat, String severity,
            Map<String, Object> attributes) {
        Map<String, Object> m = new HashMap<>();
        m.put("categoryCode", category);
        m.put("description", "test " + category);
        m.put("lat", h.lat() + 0.001 + dLat);
        m.put("lon", h.lon() + 0.001 + dLon);
        m.put("attributes", attributes);
        if (severity != null) {
            m.put("severity", severity);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(m).post("/api/v1/incidents").then()
                .statusCode(201).extract().path("id");
    }

    /** A list page reads rows into records, the single read an entity: both must show an incident alike. */
    @Test
    void aListItemIsTheIncidentAsReadAlone() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String worker = Tokens.token("w-row", "grid_worker", h.grid(), null, null);
        Map<String, Object> m = new HashMap<>();
        m.put("categoryCode", "STREET_LIGHT");
        m.put("description", "row and entity");
        m.put("lat", h.lat() + 0.0012345);
        m.put("lon", h.lon() + 0.0016789);
        m.put("address", "north gate");
        m.put("reporter", Map.of("name", "张三", "phone", "13812345678"));
        String id = given().auth().oauth2(worker).contentType(ContentType.JSON).body(m).post("/api/v1/incidents")
                .then().statusCode(201).extract().path("id");
        for (String reader : List.of(Tokens.token("s-row", "supervisor", h.township(), null, null), worker)) {
            Map<String, Object> alone = given().auth().oauth2(reader).get("/api/v1/incidents/" + id).then()
                    .statusCode(200).extract().jsonPath().getMap("$");
            Map<String, Object> listed = given().auth().oauth2(reader)
                    .get("/api/v1/incidents?areaCode=" + h.grid()).then().statusCode(200)
                    .body("items", hasSize(1)).extract().jsonPath().getMap("items[0]");
            alone.remove("media"); // only the single read lists the media files
            listed.remove("media");
            assertEquals(alone, listed);
        }
    }

    @Test
    void listFiltersPagingAndGeoJson() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String worker = Tokens.token("w", "grid_worker", h.grid(), null, null);
        String a = report(worker, h, "STREET_LIGHT", 0, 0, null, Map.of());
        String b = report(worker, h, "RUBBISH", 0.004, 0, null, Map.of());
        String c = report(worker, h, "MANHOLE_COVER", 0.004, 0.004, null, Map.of());
        String supervisor = Tokens.token("s", "supervisor", h.township(), null, null);

        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.village()).then().statusCode(200)
                .body("items.id", contains(c, b, a)).body("nextCursor", nullValue());
        String next = given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.grid() + "&limit=2")
                .then().statusCode(200).body("items.id", contains(c, b)).extract().path("nextCursor");
        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.grid() + "&limit=2&cursor=" + next)
                .then().statusCode(200).body("items.id", contains(a)).body("nextCursor", nullValue());
        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.grid() + "&categoryCode=RUBBISH")
                .then().statusCode(200).body("items.id", contains(b));
        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.grid() + "&severity=SERIOUS")
                .then().statusCode(200).body("items.id", contains(c));
        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.grid()
                + "&source=GRID_WORKER&state=DISPATCHED,IN_PROGRESS&overdue=false").then().statusCode(200)
                .body("items", hasSize(3));
        String bbox = (h.lon() + 0.0005) + "," + (h.lat() + 0.0005) + "," + (h.lon() + 0.002) + "," + (h.lat() + 0.002);
        given().auth().oauth2(supervisor).get("/api/v1/incidents?bbox=" + bbox).then().statusCode(200)
                .body("items.id", contains(a));
        // 0.004° of longitude is 150-440 m at the fixtures' latitudes (±70°): radius 100 m around a finds only a
        given().auth().oauth2(supervisor).get("/api/v1/incidents?lat=" + (h.lat() + 0.001) + "&lon="
                + (h.lon() + 0.001) + "&radius=100").then().statusCode(200).body("items.id", contains(a));
        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.grid()
                + "&updatedAfter=2999-01-01T00:00:00Z").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(supervisor).get("/api/v1/incidents?state=LOST&severity=X&bbox=1,2,3&radius=5"
                + "&updatedAfter=yesterday&overdue=maybe&limit=1000").then().statusCode(400)
                .body("errors.field", hasItems("state", "severity", "bbox", "radius", "updatedAfter", "overdue"));
        given().auth().oauth2(supervisor).get("/api/v1/incidents?cursor=bm9wZQ").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        // out of scope staff see nothing of it
        given().auth().oauth2(Tokens.token("s2", "supervisor", "ELSEWHERE", null, null))
                .get("/api/v1/incidents?areaCode=" + h.grid()).then().statusCode(200).body("items", hasSize(0));

        given().auth().oauth2(supervisor).get("/api/v1/incidents.geojson?areaCode=" + h.grid()).then()
                .statusCode(200).body("type", equalTo("FeatureCollection"))
                .body("features", hasSize(3))
                .body("features[0].geometry.type", equalTo("Point"))
                .body("features[0].properties.number", notNullValue())
                .body("features.id", containsInAnyOrder(a, b, c));

        given().auth().oauth2(Tokens.token("c", "citizen", null, null, null))
                .get("/api/v1/incidents/nearby?lat=" + (h.lat() + 0.001) + "&lon=" + (h.lon() + 0.001)
                        + "&radius=100&category=STREET_LIGHT")
                .then().statusCode(200)
                .body("items.id", contains(a)).body("items[0].distanceMeters", equalTo(0))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("description")));
        given().auth().oauth2(Tokens.token("c", "citizen", null, null, null))
                .get("/api/v1/incidents/nearby?lat=x").then().statusCode(400)
                .body("errors.field", hasItems("lat", "lon"));

        given().auth().oauth2(supervisor).get("/api/v1/incidents/stats?areaCode=" + h.village()).then()
                .statusCode(200).body("incidents", equalTo(3))
                .body("byCategory.RUBBISH", equalTo(1))
                .body("bySeverity.SERIOUS", equalTo(1))
                .body("byState.DISPATCHED", equalTo(3))
                .body("areas[0].areaCode", equalTo(h.grid()))
                .body("areas[0].name", org.hamcrest.Matchers.notNullValue())
                .body("areas[0].incidents", equalTo(3))
                .body("total.incidents", equalTo(3)).body("total.areaCode", equalTo(h.village()));
        given().auth().oauth2(supervisor).get("/api/v1/incidents/stats?areaCode=" + h.county()).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.token("c", "citizen", null, null, null)).get("/api/v1/incidents/stats")
                .then().statusCode(403);
    }

    /**
     * Lists by area, state or category are merged from (area at its level, state) slices of the list indexes: at
     * every level, with and without state and category, across counties, and page by page, they are the same
     * newest-first lists; an area outside the caller's scope (or unknown) lists nothing.
     */
    @Test
    void areaStateAndCategoryListsAreMergedNewestFirstAtEveryLevel() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Fixtures.Hierarchy other = Fixtures.hierarchy();
        String worker = Tokens.token("w-sl", "grid_worker", h.grid(), null, null);
        String a = report(worker, h, "STREET_LIGHT", 0, 0, null, Map.of());
        String b = report(worker, h, "RUBBISH", 0.004, 0, null, Map.of());
        // a and b a minute in the past, c and d reported now: "mid" lies between them without waiting on the clock
        try (Connection conn = ds.getConnection();
                PreparedStatement ps = conn.prepareStatement("UPDATE incident SET reported_at = reported_at - "
                        + "interval '1 minute', updated_at = updated_at - interval '1 minute' WHERE id IN (?, ?)")) {
            ps.setObject(1, UUID.fromString(a));
            ps.setObject(2, UUID.fromString(b));
            ps.executeUpdate();
        }
        String mid = java.time.Instant.now().minusSeconds(30).toString();
        String c = report(worker, h, "STREET_LIGHT", 0.004, 0.004, null, Map.of());
        String d = report(worker, h, "RUBBISH", 0.002, 0.006, null, Map.of());
        String elsewhere = report(Tokens.token("w-sl2", "grid_worker", other.grid(), null, null), other, "RUBBISH", 0,
                0, null, Map.of());
        setState(b, "CLOSED");
        setState(c, "RESOLVED");
        String admin = Tokens.admin();
        for (String area : List.of(h.county(), h.township(), h.village(), h.grid())) {
            String list = "/api/v1/incidents?areaCode=" + area;
            given().auth().oauth2(admin).get(list).then().statusCode(200).body("items.id", contains(d, c, b, a));
            given().auth().oauth2(admin).get(list + "&state=CLOSED").then().body("items.id", contains(b));
            given().auth().oauth2(admin).get(list + "&state=CLOSED,DISPATCHED").then()
                    .body("items.id", contains(d, b, a));
            given().auth().oauth2(admin).get(list + "&categoryCode=RUBBISH").then().body("items.id", contains(d, b));
            given().auth().oauth2(admin).get(list + "&state=DISPATCHED&categoryCode=STREET_LIGHT").then()
                    .body("items.id", contains(a));
            given().auth().oauth2(admin).get(list + "&state=REPORTED").then().body("items", hasSize(0));
            assertEquals(List.of(d, c, b, a), pages(admin, list + "&limit=1"));
        }
        // updated since a time: those reported since, then those reported before and updated since
        try (Connection conn = ds.getConnection();
                PreparedStatement ps = conn.prepareStatement("UPDATE incident SET updated_at = now() WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(a));
            ps.executeUpdate();
        }
        for (String area : List.of(h.county(), h.grid())) {
            String list = "/api/v1/incidents?areaCode=" + area + "&updatedAfter=" + mid;
            given().auth().oauth2(admin).get(list).then().statusCode(200).body("items.id", contains(d, c, a));
            assertEquals(List.of(d, c, a), pages(admin, list + "&limit=1"));
            given().auth().oauth2(admin).get(list + "&state=DISPATCHED").then().body("items.id", contains(d, a));
        }
        // no area: every county's slices
        given().auth().oauth2(admin).get("/api/v1/incidents?state=DISPATCHED&categoryCode=RUBBISH&limit=500").then()
                .body("items.id", hasItems(elsewhere, d)).body("items.id", not(hasItem(b)))
                .body("items.state", org.hamcrest.Matchers.everyItem(equalTo("DISPATCHED")));
        given().auth().oauth2(admin).get("/api/v1/incidents?state=CLOSED&limit=500").then()
                .body("items.id", hasItem(b)).body("items.id", not(hasItem(d)));
        // a staff member's scope is the area when none is asked for, and bounds the one asked for
        String supervisor = Tokens.token("s-sl", "supervisor", h.township(), null, null);
        assertEquals(List.of(d, c, b, a), pages(supervisor, "/api/v1/incidents?limit=3"));
        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.county()).then()
                .body("items.id", contains(d, c, b, a));
        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + h.village() + "&state=RESOLVED").then()
                .body("items.id", contains(c));
        given().auth().oauth2(supervisor).get("/api/v1/incidents?areaCode=" + other.county()).then().statusCode(200)
                .body("items", hasSize(0));
        given().auth().oauth2(admin).get("/api/v1/incidents?areaCode=NO-SUCH-AREA").then().statusCode(200)
                .body("items", hasSize(0));
    }

    /** Every page of a list, following the cursors: the ids in order. */
    private static List<String> pages(String token, String list) {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            io.restassured.path.json.JsonPath page = given().auth().oauth2(token)
                    .get(list + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract()
                    .jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private void setState(String id, String state) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE incident SET state = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setObject(2, UUID.fromString(id));
            ps.executeUpdate();
        }
    }

    @Test
    void partnerSeesOnlyWhatItPosted() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String p1 = Tokens.token("gw-internal", "partner", null, null, "partner-" + Fixtures.suffix());
        String p2 = Tokens.token("gw-internal", "partner", null, null, "partner-" + Fixtures.suffix());
        String mine = report(p1, h, "STREET_LIGHT", 0, 0, null, Map.of());
        report(p2, h, "RUBBISH", 0.002, 0, null, Map.of());
        given().auth().oauth2(p1).get("/api/v1/incidents").then().statusCode(200).body("items.id", contains(mine))
                .body("items[0].source", equalTo("PARTNER"));
        given().auth().oauth2(p2).get("/api/v1/incidents/" + mine).then().statusCode(404);
    }

    @Test
    void overdueIncidentsEscalateVillageTownshipCountyThenOverdue() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String id = report(Tokens.token("w", "grid_worker", h.grid(), null, null), h, "STREET_LIGHT", 0, 0, null,
                Map.of());
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            expire(id);
            job.runOnce();
            given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id).then().statusCode(200)
                    .body("level", equalTo("TOWNSHIP")).body("assignedUnit", equalTo("unit-" + h.township()))
                    .body("overdue", equalTo(false));
            String v = probe.await(TopicProbe.keyAndType(id, T + "escalated.v1"), Duration.ofSeconds(20)).value();
            assertTrue(v.contains("\"fromLevel\":\"VILLAGE\"") && v.contains("\"toLevel\":\"TOWNSHIP\""), v);
            expire(id);
            job.runOnce();
            given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id).then()
                    .body("level", equalTo("COUNTY")).body("assignedUnit", equalTo("unit-" + h.county()));
            expire(id);
            job.runOnce();
            given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id).then()
                    .body("level", equalTo("COUNTY")).body("overdue", equalTo(true));
            probe.await(TopicProbe.keyAndType(id, T + "overdue.v1"), Duration.ofSeconds(20));
            // flagged once: another run changes nothing
            long version = ((Number) given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id)
                    .path("version")).longValue();
            job.runOnce();
            given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id).then()
                    .body("version", equalTo((int) version));
        }
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents?overdue=true&areaCode=" + h.grid()).then()
                .body("items.id", contains(id));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/stats?areaCode=" + h.village()).then()
                .statusCode(200).body("total.escalated", equalTo(1)).body("total.escalationRate", equalTo(1.0f))
                .body("total.overdue", equalTo(1));
    }

    private void expire(String id) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE incident SET due_at = now() - interval '1 minute' WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            ps.executeUpdate();
        }
    }

    @Test
    void mediaIsTypeCheckedBySizeAndContentAndServedBack() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String reporter = Tokens.token("rep-" + Fixtures.suffix(), "citizen", null, null, null);
        String id = report(reporter, h, "RUBBISH", 0, 0, null, Map.of());
        byte[] png = PhotoMetadataTest.image("png");
        String url = given().auth().oauth2(reporter).multiPart("file", "photo.jpg", png, "image/jpeg")
                .post("/api/v1/incidents/" + id + "/media").then().statusCode(201)
                .body("contentType", equalTo("image/png")).extract().path("url");
        byte[] back = given().auth().oauth2(reporter).get(url).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(png, back);
        given().auth().oauth2(reporter).get("/api/v1/incidents/" + id).then()
                .body("media[0].url", equalTo(url));
        given().auth().oauth2(reporter).multiPart("file", "photo.png", "<html>not an image</html>".getBytes(),
                "image/png").post("/api/v1/incidents/" + id + "/media").then().statusCode(415)
                .contentType("application/problem+json");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        big[0] = '%';
        big[1] = 'P';
        big[2] = 'D';
        big[3] = 'F';
        big[4] = '-';
        given().auth().oauth2(reporter).multiPart("file", "big.pdf", big, "application/pdf")
                .post("/api/v1/incidents/" + id + "/media").then().statusCode(413);
        given().auth().oauth2(Tokens.token("other", "citizen", null, null, null)).get(url).then().statusCode(404);
        assertTrue(Arrays.equals(png, back));
    }
}
