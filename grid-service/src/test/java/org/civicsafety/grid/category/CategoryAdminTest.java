package org.civicsafety.grid.category;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CategoryAdminTest {
    static final String PATH = "/api/v1/categories";

    static String code() {
        return "T_" + Fixtures.suffix().toUpperCase();
    }

    static Map<String, Object> category(String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("name", "流浪犬");
        m.put("nameEn", "Stray dogs");
        m.put("group", Map.of("code", "ENVIRONMENT", "name", "环境卫生", "nameEn", "Environment"));
        m.put("keywords", List.of("狗", "dog"));
        m.put("defaultSeverity", "GENERAL");
        m.put("slaHours", Map.of("GENERAL", 48, "SERIOUS", 12, "MAJOR", 4, "CRITICAL", 1));
        m.put("dedupeRadiusMeters", 40);
        m.put("private", false);
        m.put("attributes", List.of(Map.of("code", "dog_count", "datatype", "singlevaluelist", "required", true,
                "description", Map.of("zh", "几只", "en", "How many"),
                "values", List.of(Map.of("key", "one", "name", Map.of("zh", "一只", "en", "One")),
                        Map.of("key", "pack", "name", Map.of("zh", "一群", "en", "A pack"))))));
        return m;
    }

    static Response report(Fixtures.Hierarchy h, String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("categoryCode", code);
        m.put("description", "dogs at the school gate");
        m.put("lat", h.centerLat());
        m.put("lon", h.centerLon());
        m.put("attributes", Map.of("dog_count", "pack"));
        return given().auth().oauth2(Tokens.token("c-" + Fixtures.suffix(), "citizen", null, null, null))
                .contentType(ContentType.JSON).body(m).post("/api/v1/incidents");
    }

    @Test
    void aNewCategoryIsAnOpen311ServiceAtOnceAndIsDeactivatedWhenDeletedInUse() {
        String code = code();
        String admin = Tokens.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(category(code)).post(PATH).then().statusCode(201)
                .header("Location", endsWith(PATH + "/" + code)).header("ETag", "\"1\"")
                .body("name", equalTo("Stray dogs")).body("group.code", equalTo("ENVIRONMENT"))
                .body("slaHours.SERIOUS", equalTo(12)).body("dedupeRadiusMeters", equalTo(40))
                .body("attributes[0].values.key", containsInAnyOrder("one", "pack"))
                .body("active", equalTo(true));
        given().get("/open311/v2/services.json").then().statusCode(200).body("service_code", hasItem(code));
        given().get("/open311/v2/services/" + code + ".json").then().statusCode(200)
                .body("attributes[0].code", equalTo("dog_count"));
        given().get(PATH).then().statusCode(200).body("items.code", hasItem(code));

        // a change shows at once, If-Match honoured
        Map<String, Object> changed = category(code);
        changed.put("nameEn", "Stray or dangerous dogs");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .header("Accept-Language", "en").body(changed).put(PATH + "/" + code).then().statusCode(200)
                .header("ETag", "\"2\"").body("name", equalTo("Stray or dangerous dogs"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(changed)
                .put(PATH + "/" + code).then().statusCode(412);
        given().header("Accept-Language", "en").get("/open311/v2/services.json").then()
                .body("find { it.service_code == '" + code + "' }.service_name", equalTo("Stray or dangerous dogs"));

        Fixtures.Hierarchy h = Fixtures.hierarchy();
        report(h, code).then().statusCode(201).body("categoryCode", equalTo(code));

        // in use: deactivated, never deleted
        given().auth().oauth2(admin).delete(PATH + "/" + code).then().statusCode(200)
                .body("code", equalTo(code)).body("active", equalTo(false));
        given().get(PATH + "/" + code).then().statusCode(200).body("active", equalTo(false));
        given().get(PATH).then().body("items.code", not(hasItem(code)));
        given().auth().oauth2(admin).queryParam("includeInactive", "true").get(PATH).then().statusCode(200)
                .body("items.code", hasItem(code));
        given().auth().oauth2(Tokens.token("gw", "grid_worker", h.grid(), null, null))
                .queryParam("includeInactive", "true").get(PATH).then().statusCode(403);
        given().queryParam("includeInactive", "maybe").get(PATH).then().statusCode(400)
                .body("errors.field", hasItem("includeInactive"));
        given().get("/open311/v2/services.json").then().body("service_code", not(hasItem(code)));
        given().get("/open311/v2/services/" + code + ".json").then().statusCode(404);
        report(h, code).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("categoryCode"));

        // reactivated by a PUT
        changed.put("active", true);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(changed).put(PATH + "/" + code).then()
                .statusCode(200).body("active", equalTo(true));
        given().get("/open311/v2/services.json").then().body("service_code", hasItem(code));
    }

    @Test
    void anUnusedCategoryIsDeleted() {
        String code = code();
        String admin = Tokens.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(category(code)).post(PATH).then()
                .statusCode(201);
        given().auth().oauth2(admin).delete(PATH + "/" + code).then().statusCode(204);
        given().get(PATH + "/" + code).then().statusCode(404);
        given().get("/open311/v2/services.json").then().body("service_code", not(hasItem(code)));
        given().auth().oauth2(admin).delete(PATH + "/" + code).then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(category(code)).put(PATH + "/" + code)
                .then().statusCode(404);
    }

    @Test
    void validationConflictsRolesAndIdempotency() {
        String admin = Tokens.admin();
        Map<String, Object> bad = category("lower-case");
        bad.remove("name");
        bad.put("group", Map.of("code", "ENVIRONMENT"));
        bad.put("slaHours", Map.of("GENERAL", 0));
        bad.put("dedupeRadiusMeters", 0);
        bad.put("attributes", List.of(Map.of("code", "Bad Code", "datatype", "colour"),
                Map.of("code", "kind", "datatype", "singlevaluelist")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(bad).post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/validation"))
                .body("errors.field", containsInAnyOrder("code", "name", "group.name", "group.nameEn",
                        "slaHours.GENERAL", "slaHours.SERIOUS", "slaHours.MAJOR", "slaHours.CRITICAL",
                        "dedupeRadiusMeters", "attributes[0].code", "attributes[0].datatype",
                        "attributes[1].values"));
        Map<String, Object> badEnum = category(code());
        badEnum.put("defaultSeverity", "HUGE");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(badEnum).post(PATH).then().statusCode(400)
                .body("errors.field", hasItem("defaultSeverity"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(category("FIGHT")).post(PATH).then()
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("/conflict"));
        Map<String, Object> mismatch = category("THEFT");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(mismatch).put(PATH + "/FIGHT").then()
                .statusCode(400).body("errors.field", hasItem("code"));

        String code = code();
        String supervisor = Tokens.token("s", "supervisor", "C01", null, null);
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(category(code)).post(PATH).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(category("FIGHT")).put(PATH + "/FIGHT")
                .then().statusCode(403);
        given().auth().oauth2(supervisor).delete(PATH + "/FIGHT").then().statusCode(403);
        given().contentType(ContentType.JSON).body(category(code)).post(PATH).then().statusCode(401);

        String key = "cat-" + Fixtures.suffix();
        String created = given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(category(code)).post(PATH).then().statusCode(201).extract().asString();
        String replayed = given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(category(code)).post(PATH).then().statusCode(201)
                .header("Location", endsWith(PATH + "/" + code)).extract().asString();
        assertEquals(created, replayed);
        Map<String, Object> other = category(code);
        other.put("nameEn", "Something else");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key).body(other)
                .post(PATH).then().statusCode(422).body("type", endsWith("/idempotency-key-reused"));
        given().auth().oauth2(admin).delete(PATH + "/" + code).then().statusCode(204);
    }
}
