package org.civicsafety.grid.routing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Routing rules over HTTP. Every rule here is bound to a fresh fixture area, so rules never reach the incidents
 * of other tests.
 */
@QuarkusTest
class RoutingRuleResourceTest {
    static final String PATH = "/api/v1/routing-rules";

    static Map<String, Object> rule(String category, String severity, String area, String unit, String level,
            Integer priority) {
        Map<String, Object> m = new HashMap<>();
        m.put("categoryCode", category);
        m.put("severity", severity);
        m.put("areaCode", area);
        m.put("unitId", unit);
        m.put("level", level);
        m.put("priority", priority);
        return m;
    }

    /** Creates the rule, its unit (in the rule's area) first. */
    static long create(Map<String, Object> body) {
        Fixtures.unit((String) body.get("unitId"), (String) body.get("areaCode"));
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body).post(PATH).then()
                .statusCode(201).extract().<Number>path("id").longValue();
    }

    /** Reports a street light in the grid, {@code dLat} north of its south-west corner (apart from the others). */
    static Response report(Fixtures.Hierarchy h, double dLat) {
        Map<String, Object> m = new HashMap<>();
        m.put("categoryCode", "STREET_LIGHT");
        m.put("description", "lamp out");
        m.put("lat", h.lat() + dLat);
        m.put("lon", h.lon() + 0.005);
        m.put("attributes", Map.of());
        return given().auth().oauth2(Tokens.token("gw-" + Fixtures.suffix(), "grid_worker", h.grid(), null, null))
                .contentType(ContentType.JSON).body(m).post("/api/v1/incidents");
    }

    @Test
    void theMostSpecificRuleRoutesTheNextReportAndChangesApplyAtOnce() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        long countyAny = create(rule(null, null, h.county(), "unit-county-any", null, 100));
        long townshipLights = create(rule("STREET_LIGHT", null, h.township(), "unit-township-lights", null, 0));
        long villageGeneral = create(rule(null, "GENERAL", h.village(), "unit-village-general", "VILLAGE", 0));

        // the village rule is the deepest area: it wins over the category rule and the high priority
        report(h, 0.001).then().statusCode(201).body("assignedUnit", equalTo("unit-village-general"));
        given().auth().oauth2(Tokens.admin()).delete(PATH + "/" + villageGeneral).then().statusCode(204);
        report(h, 0.003).then().statusCode(201).body("assignedUnit", equalTo("unit-township-lights"));
        Fixtures.unit("unit-township-lights-2", h.township());
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(rule("STREET_LIGHT", null, h.township(), "unit-township-lights-2", null, 0))
                .put(PATH + "/" + townshipLights).then().statusCode(200).header("ETag", "\"2\"");
        report(h, 0.005).then().statusCode(201).body("assignedUnit", equalTo("unit-township-lights-2"));
        given().auth().oauth2(Tokens.admin()).delete(PATH + "/" + townshipLights).then().statusCode(204);
        report(h, 0.007).then().statusCode(201).body("assignedUnit", equalTo("unit-county-any"));
        given().auth().oauth2(Tokens.admin()).delete(PATH + "/" + countyAny).then().statusCode(204);
        report(h, 0.009).then().statusCode(201).body("assignedUnit", equalTo("unit-" + h.village()));
    }

    @Test
    void crudWithVersionsIdempotencyAndErrors() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String admin = Tokens.admin();
        Map<String, Object> body = rule("FIRE_HAZARD", "SERIOUS", h.township(), "unit-fire", "TOWNSHIP", 7);
        Fixtures.unit("unit-fire", h.township());
        String key = "rule-" + Fixtures.suffix();
        Response first = given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post(PATH);
        first.then().statusCode(201).header("ETag", "\"1\"")
                .body("categoryCode", equalTo("FIRE_HAZARD")).body("severity", equalTo("SERIOUS"))
                .body("areaCode", equalTo(h.township())).body("unitId", equalTo("unit-fire"))
                .body("level", equalTo("TOWNSHIP")).body("priority", equalTo(7)).body("version", equalTo(1));
        long id = first.<Number>path("id").longValue();
        first.then().header("Location", endsWith(PATH + "/" + id));
        Response replay = given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post(PATH);
        replay.then().statusCode(201).body("id", equalTo((int) id)).header("Location", endsWith(PATH + "/" + id))
                .header("ETag", "\"1\"");
        assertEquals(first.asString(), replay.asString());
        body.put("priority", 8);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(PATH).then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"));

        given().auth().oauth2(admin).get(PATH + "/" + id).then().statusCode(200).header("ETag", "\"1\"");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                .put(PATH + "/" + id).then().statusCode(200).body("priority", equalTo(8)).body("version", equalTo(2));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                .put(PATH + "/" + id).then().statusCode(412);
        given().auth().oauth2(admin).header("If-Match", "\"1\"").delete(PATH + "/" + id).then().statusCode(412);

        // every invalid field at once, as problem+json
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(rule("NO_SUCH_CATEGORY", null, "NO-SUCH-AREA", " ", "GRID", null)).post(PATH).then()
                .statusCode(400).contentType("application/problem+json").body("type", endsWith("/validation"))
                .body("errors.field", containsInAnyOrder("categoryCode", "areaCode", "unitId", "level"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(rule(null, "SEVERE", h.grid(), "u", null, null)).post(PATH).then().statusCode(400)
                .body("errors.field", hasItem("severity"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule(null, null, h.grid(), null, null, null))
                .post(PATH).then().statusCode(400).body("errors.field", hasItem("unitId"));
        // the unit must be in the directory, and active
        String made = "unit-made-up-" + Fixtures.suffix();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule(null, null, h.grid(), made, null, null))
                .post(PATH).then().statusCode(400).body("type", endsWith("/validation"))
                .body("errors.field", equalTo(java.util.List.of("unitId")))
                .body("errors[0].message", org.hamcrest.Matchers.containsString(made));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Closed office", "areaCode",
                h.village(), "kind", "VILLAGE_COMMITTEE", "active", false)).put("/api/v1/units/" + made).then()
                .statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule(null, null, h.grid(), made, null, null))
                .post(PATH).then().statusCode(400).body("errors.field", equalTo(java.util.List.of("unitId")));

        // roles: only admin writes
        String supervisor = Tokens.token("sup", "supervisor", h.county(), null, null);
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(body).put(PATH + "/" + id).then()
                .statusCode(403);
        given().auth().oauth2(supervisor).delete(PATH + "/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.token("c", "citizen", null, null, null)).get(PATH).then().statusCode(403);
        given().get(PATH).then().statusCode(401);

        given().auth().oauth2(admin).delete(PATH + "/" + id).then().statusCode(204);
        given().auth().oauth2(admin).get(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(admin).delete(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).put(PATH + "/" + id).then()
                .statusCode(404);
        given().auth().oauth2(admin).get(PATH + "/not-a-number").then().statusCode(404);
    }

    @Test
    void supervisorsReadTheRulesThatCanRouteIncidentsInTheirArea() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Fixtures.Hierarchy other = Fixtures.hierarchy();
        long county = create(rule(null, null, h.county(), "unit-a", null, 0));
        long village = create(rule(null, null, h.village(), "unit-b", null, 0));
        long grid = create(rule(null, null, h.grid(), "unit-c", null, 0));
        long elsewhere = create(rule(null, null, other.township(), "unit-d", null, 0));
        String supervisor = Tokens.token("sup-" + Fixtures.suffix(), "supervisor", h.village(), null, null);

        given().auth().oauth2(supervisor).queryParam("limit", 500).get(PATH).then().statusCode(200)
                .body("items.id", hasItem((int) county)).body("items.id", hasItem((int) village))
                .body("items.id", hasItem((int) grid)).body("items.id", not(hasItem((int) elsewhere)));
        given().auth().oauth2(supervisor).get(PATH + "/" + village).then().statusCode(200);
        given().auth().oauth2(supervisor).get(PATH + "/" + elsewhere).then().statusCode(404);
        given().auth().oauth2(Tokens.token("s2", "supervisor", null, null, null)).get(PATH).then().statusCode(200)
                .body("items.id", not(hasItem((int) county)));

        // cursor paging, newest first
        Response page = given().auth().oauth2(Tokens.admin()).queryParam("limit", 1).get(PATH);
        page.then().statusCode(200).body("items[0].id", equalTo((int) elsewhere));
        given().auth().oauth2(Tokens.admin()).queryParam("limit", 1)
                .queryParam("cursor", page.<String>path("nextCursor")).get(PATH).then().statusCode(200)
                .body("items[0].id", equalTo((int) grid));
        given().auth().oauth2(Tokens.admin()).queryParam("cursor", "bogus").get(PATH).then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        for (long id : new long[]{county, village, grid, elsewhere}) {
            given().auth().oauth2(Tokens.admin()).delete(PATH + "/" + id).then().statusCode(204);
        }
    }
}
