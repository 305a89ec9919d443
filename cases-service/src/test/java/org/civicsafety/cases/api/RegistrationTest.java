package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Registration by every channel and type, group petitions, Idempotency-Key, bad input and auth. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationTest {

    @Inject DataSource ds;
    Areas a;
    String citizen;
    String officer;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        citizen = token("citizen-" + suffix(), "citizen", null, null);
        officer = token("officer-" + suffix(), "petition_officer", a.township(), null);
    }

    @Test
    void everyChannelAndTypeByCitizenOrOfficer() {
        Set<String> numbers = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (String channel : List.of("VISIT", "LETTER", "PHONE", "HOTLINE_12345", "ONLINE", "FAX")) {
            for (String type : List.of("REQUEST_GRIEVANCE", "SUGGESTION", "MISCONDUCT_REPORT")) {
                String who = channel.equals("ONLINE") ? citizen : officer;
                Response r = as(who).body(caseBody(a.village(), channel, type, randomPhone())).post("/api/v1/cases");
                r.then().statusCode(201).body("channel", equalTo(channel)).body("type", equalTo(type))
                        .body("state", equalTo("REGISTERED")).header("Location", containsString("/api/v1/cases/"));
                numbers.add(r.path("number"));
                codes.add(r.path("trackingCode"));
            }
        }
        assertEquals(18, numbers.size());
        assertEquals(18, codes.size());
    }

    @Test
    void officerRegistersOnBehalfAndTheCitizenCanFollowIt() {
        String sub = "citizen-" + suffix();
        Map<String, Object> body = caseBody(a.village(), "VISIT", "REQUEST_GRIEVANCE", randomPhone());
        body.put("petitionerUserId", sub);
        String id = as(officer).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as(token(sub, "citizen", null, null)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("petitioner.name", equalTo("张三丰"));
        as(citizen).get("/api/v1/cases/" + id).then().statusCode(404);
    }

    @Test
    void groupPetitionWithAtMostFiveRepresentatives() {
        Map<String, Object> body = caseBody(a.village(), "VISIT", "REQUEST_GRIEVANCE", randomPhone());
        body.put("groupSize", 40);
        List<Map<String, String>> reps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reps.add(Map.of("name", "代表" + i, "phone", randomPhone()));
        }
        body.put("representatives", reps);
        as(officer).body(body).post("/api/v1/cases").then().statusCode(201)
                .body("groupSize", equalTo(40)).body("representatives", hasSize(5));
        reps.add(Map.of("name", "代表6", "phone", randomPhone()));
        problem(as(officer).body(body).post("/api/v1/cases").then(), 400)
                .body("errors.field", hasItem("representatives"));
    }

    @Test
    void everyInvalidFieldIsListed() {
        Map<String, Object> body = Map.of("channel", "ONLINE", "title", "", "areaCode", a.village(),
                "petitioner", Map.of("name", "x", "phone", "abc"), "groupSize", 0);
        problem(as(citizen).body(body).post("/api/v1/cases").then(), 400)
                .body("type", equalTo("https://civicsafety.org/problems/validation"))
                .body("errors.field", hasItems("type", "title", "content", "petitioner.phone", "groupSize"));
    }

    /** errors[].message is in the caller's language: zh-CN by default, English on request (conventions.md). */
    @Test
    void fieldMessagesFollowAcceptLanguage() {
        String id = as(citizen).body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String path = "/api/v1/cases/" + id + "/transitions";
        String merge = "{\"action\":\"MERGE\"}";
        String zh = problem(as(officer).body(merge).post(path).then(), 400).extract().path("errors[0].message");
        String en = problem(as(officer).header("Accept-Language", "en").body(merge).post(path).then(), 400)
                .extract().path("errors[0].message");
        assertEquals("the surviving case is required", en);
        assertTrue(!zh.isBlank() && !zh.equals(en), zh);
        // Bean Validation's messages, built-in and our own, follow the same header.
        Map<String, Object> bad = Map.of("channel", "ONLINE", "type", "SUGGESTION", "title", "", "content", "x",
                "areaCode", a.village(), "petitioner", Map.of("name", "x", "phone", "abc"));
        for (String field : List.of("title", "petitioner.phone")) {
            String zhV = problem(as(citizen).body(bad).post("/api/v1/cases").then(), 400)
                    .extract().path("errors.find { it.field == '" + field + "' }.message");
            String enV = problem(as(citizen).header("Accept-Language", "en").body(bad).post("/api/v1/cases").then(),
                    400)
                    .extract().path("errors.find { it.field == '" + field + "' }.message");
            assertTrue(zhV != null && !zhV.isBlank() && enV != null && !enV.isBlank() && !zhV.equals(enV),
                    field + ": " + zhV + " / " + enV);
        }
    }

    @Test
    void malformedAndWronglyTypedBodies() {
        problem(as(citizen).body("{\"channel\": ").post("/api/v1/cases").then(), 400);
        problem(as(citizen).body("{\"channel\":\"SMOKE_SIGNAL\"}").post("/api/v1/cases").then(), 400)
                .body("errors.field", hasItem("channel"));
        problem(as(citizen).body("{\"groupSize\":\"many\"}").post("/api/v1/cases").then(), 400)
                .body("errors.field", hasItem("groupSize"));
        problem(as(citizen).body("{\"groupSize\":99999999999999999999}").post("/api/v1/cases").then(), 400);
        problem(as(citizen).body("[1,2]").post("/api/v1/cases").then(), 400);
        problem(as(citizen).body("").post("/api/v1/cases").then(), 400);
        problem(as(citizen).body(new byte[]{'{', '"', 't', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})
                .post("/api/v1/cases").then(), 400);
        Map<String, Object> unknownArea = caseBody("NOWHERE-" + suffix(), "ONLINE", "SUGGESTION", randomPhone());
        problem(as(citizen).body(unknownArea).post("/api/v1/cases").then(), 400).body("errors.field",
                hasItem("areaCode"));
        String id = as(citizen).body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        problem(as(officer).body("{\"action\":\"TELEPORT\"}").post("/api/v1/cases/" + id + "/transitions").then(), 400)
                .body("errors.field", hasItem("action"));
        problem(as(officer).body("{\"action\":\"MERGE\",\"mergeInto\":\"not-a-uuid\"}")
                .post("/api/v1/cases/" + id + "/transitions").then(), 400).body("errors.field", hasItem("mergeInto"));
        problem(as(officer).get("/api/v1/cases/not-a-uuid").then(), 404);
        problem(as(officer).get("/api/v1/cases?limit=0").then(), 400).body("errors.field", hasItem("limit"));
        problem(as(officer).get("/api/v1/cases?cursor=%%%").then(), 400).body("errors.field", hasItem("cursor"));
        problem(as(officer).get("/api/v1/cases?from=yesterday").then(), 400).body("errors.field", hasItem("from"));
        problem(as(officer).get("/api/v1/cases?state=LOST").then(), 400).body("errors.field", hasItem("state"));
        Map<String, Object> nul = caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone());
        nul.put("title", "bad \u0000 title");
        problem(as(citizen).body(nul).post("/api/v1/cases").then(), 400);
        problem(as(officer).queryParam("areaCode", "a\u0000b").get("/api/v1/cases").then(), 400);
        problem(as(token("admin-" + suffix(), "admin", null, null))
                .body("{\"days\":[{\"date\":\"+999999-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"x\"}]}")
                .put("/api/v1/calendar/holidays").then(), 400);
    }

    @Test
    void authenticationAndRoles() {
        problem(given().contentType("application/json")
                .body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone()))
                .post("/api/v1/cases").then(), 401);
        problem(given().auth().oauth2("not.a.token").get("/api/v1/cases").then(), 401);
        problem(as(token("a-" + suffix(), "analyst", a.county(), null))
                .body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone())).post("/api/v1/cases").then(), 403);
        // An officer registers only inside their area.
        problem(as(officer).body(caseBody(a.otherCounty(), "VISIT", "SUGGESTION", randomPhone()))
                .post("/api/v1/cases").then(), 403);
    }

    @Test
    void idempotencyKeyReplaysAndRefusesADifferentBody() throws Exception {
        Map<String, Object> body = caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone());
        String key = "k-" + suffix();
        Response first = as(citizen).header("Idempotency-Key", key).body(body).post("/api/v1/cases");
        first.then().statusCode(201);
        Response again = as(citizen).header("Idempotency-Key", key).body(body).post("/api/v1/cases");
        again.then().statusCode(201).body("id", equalTo(first.path("id"))).body("number",
                equalTo(first.path("number")));
        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("title", "something else entirely");
        problem(as(citizen).header("Idempotency-Key", key).body(other).post("/api/v1/cases").then(), 422);
        assertEquals(1,
                queryLong(ds, "SELECT count(*) FROM petition_case WHERE number = ?", (Object) first.path("number")));
    }

    @Test
    void anIdempotencyKeyIsOneTo128Characters() {
        Map<String, Object> body = caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone());
        for (String key : List.of("", "k".repeat(129))) {
            problem(as(citizen).header("Idempotency-Key", key).header("Accept-Language", "en").body(body)
                    .post("/api/v1/cases").then(), 400).body("errors[0].field", equalTo("Idempotency-Key"))
                    .body("errors[0].message", equalTo("must be 1 to 128 characters"));
        }
        String longest = "k".repeat(120) + suffix().substring(0, 8);
        String id = as(citizen).header("Idempotency-Key", longest).body(body).post("/api/v1/cases").then()
                .statusCode(201).extract().path("id");
        as(citizen).header("Idempotency-Key", longest).body(body).post("/api/v1/cases").then().statusCode(201)
                .body("id", equalTo(id));
    }

    @Test
    void racingCreatesWithOneKeyMakeOneCase() throws Exception {
        Map<String, Object> body = caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone());
        String key = "race-" + suffix();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> as(citizen).header("Idempotency-Key", key).body(body).post("/api/v1/cases"));
        }
        Set<String> ids = new HashSet<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            Response r = f.get();
            assertEquals(201, r.statusCode(), r.asString());
            ids.add(r.path("id"));
        }
        pool.shutdown();
        assertEquals(1, ids.size());
        assertTrue(queryLong(ds, "SELECT count(*) FROM petition_case WHERE id = ?::uuid", ids.iterator().next()) == 1);
    }

    @Test
    void holidayTableIsAdminOnly() {
        String admin = token("admin-" + suffix(), "admin", null, null);
        as(admin).get("/api/v1/calendar/holidays").then().statusCode(200)
                .body("days.find { it.date == '2026-10-01' }.kind", equalTo("HOLIDAY"))
                .body("days.find { it.date == '2026-02-28' }.kind", equalTo("WORKDAY"));
        problem(as(officer).get("/api/v1/calendar/holidays").then(), 403);
        problem(as(admin).body(Map.of("days", List.of(Map.of("date", "2099-13-01", "kind", "HOLIDAY", "name", "x"))))
                .put("/api/v1/calendar/holidays").then(), 400);
        problem(as(admin).body(Map.of("days", List.of(Map.of("date", "2099-01-02", "kind", "PARTY", "name", "x"))))
                .put("/api/v1/calendar/holidays").then(), 400);
        as(admin).body(Map.of("days", List.of(Map.of("date", "2099-01-02", "kind", "HOLIDAY", "name", "test"),
                Map.of("date", "2099-01-03", "kind", "WORKDAY", "name", "test"))))
                .put("/api/v1/calendar/holidays").then().statusCode(200)
                .body("days.find { it.date == '2099-01-02' }.kind", equalTo("HOLIDAY"))
                .body("days.find { it.date == '2026-10-01' }.kind", equalTo("HOLIDAY"));
    }
}
