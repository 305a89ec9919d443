package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.civicsafety.cases.casefile.DeadlineJobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who is told what, read through the inbox API: the petitioner, the handling unit and the area's supervisors; read
 * marks, paging, the SSE stream with Last-Event-ID, preferences and the delivery log, and bad input as 400s.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeInboxTest {

    @Inject DataSource ds;
    @Inject DeadlineJobs jobs;
    @TestHTTPResource("/") URL base;
    Areas a;
    String s;
    Callers who;
    String supervisor;
    String otherSupervisor;
    String admin;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        s = suffix();
        who = callers(a, s);
        supervisor = token("sv-" + s, "supervisor", a.township(), null);
        otherSupervisor = token("sv2-" + s, "supervisor", a.otherCounty(), null);
        admin = token("admin-" + s, "admin", null, null);
    }

    record Case(String id, String number) {}

    Case register(String citizen) {
        JsonPath r = as(citizen).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().jsonPath();
        return new Case(r.getString("id"), r.getString("number"));
    }

    void act(String token, Case c, Map<String, Object> body) {
        as(token).body(body).post("/api/v1/cases/" + c.id() + "/transitions").then().statusCode(200);
    }

    void assign(Case c) {
        act(who.officer(), c, Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()));
    }

    /** The types in the caller's inbox of notices about {@code c}. */
    List<String> types(String token, Case c) {
        return as(token).queryParam("limit", 500).get("/api/v1/me/notices").then().statusCode(200).extract()
                .jsonPath().getList("items.findAll { it.subjectNumber == '" + c.number() + "' }.type");
    }

    @Test
    void eachRecipientFindsWhatTheyAreTold() throws Exception {
        Case c = register(who.citizen());
        assertEquals(List.of("CASE_REGISTERED"), types(who.citizen(), c));
        assign(c);
        assertEquals(List.of("UNIT_CASE_ASSIGNED"), types(who.handler(), c));
        assertEquals(List.of(), types(token("handler-x" + s, "handler", a.village(), "other-" + s), c));

        // three working days before the acceptance deadline the unit is warned, once
        update(ds, "UPDATE petition_case SET acceptance_due_at = now() + interval '1 day' WHERE id = CAST(? AS uuid)",
                c.id());
        jobs.runOnce();
        jobs.runOnce();
        assertEquals(List.of("UNIT_DUE_SOON", "UNIT_CASE_ASSIGNED"), types(who.handler(), c));
        // past it: the unit and the area's supervisors are told it is overdue (and on the backlog), once
        update(ds,
                "UPDATE petition_case SET acceptance_due_at = now() - interval '1 minute' WHERE id = CAST(? AS uuid)",
                c.id());
        jobs.runOnce();
        jobs.runOnce();
        assertEquals(List.of("UNIT_OVERDUE", "UNIT_DUE_SOON", "UNIT_CASE_ASSIGNED"), types(who.handler(), c));
        assertEquals(List.of("AREA_BACKLOG", "AREA_OVERDUE"), types(supervisor, c));
        assertEquals(List.of(), types(otherSupervisor, c));
        assertTrue(types(admin, c).contains("AREA_OVERDUE"));

        as(supervisor).body(Map.of("note", "请加快办理")).post("/api/v1/cases/" + c.id() + "/supervisions").then()
                .statusCode(201);
        assertEquals("AREA_SUPERVISION_NOTE", types(supervisor, c).get(0));

        act(who.handler(), c, Map.of("action", "ACCEPT"));
        act(who.handler(), c, Map.of("action", "ANSWER", "decision", "EXPLAIN", "text", "已说明政策。"));
        act(who.citizen(), c, Map.of("action", "REQUEST_REVIEW"));
        assertEquals("UNIT_REVIEW_REQUESTED", types(who.handler(), c).get(0));
        assertEquals(List.of("CASE_ANSWERED", "CASE_ACCEPTED", "CASE_REGISTERED"), types(who.citizen(), c));
        as(who.citizen()).get("/api/v1/me/notices").then().body("items[0].service", equalTo("cases-service"))
                .body("items[0].id", startsWith("cases-")).body("items[0].subjectType", equalTo("case"))
                .body("items[0].subjectId", equalTo(c.id())).body("items[0].body", containsString("已说明政策。"));
    }

    @Test
    void readMarksPagesAndBadInput() {
        String citizen = token("reader-" + s, "citizen", null, null);
        Case c1 = register(citizen);
        Case c2 = register(citizen);
        as(citizen).get("/api/v1/me/notices").then().statusCode(200).body("unread", equalTo(2))
                .body("items.subjectNumber", contains(c2.number(), c1.number()));
        String cursor = as(citizen).queryParam("limit", 1).get("/api/v1/me/notices").then().statusCode(200)
                .body("items.size()", equalTo(1)).extract().path("nextCursor");
        as(citizen).queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/me/notices").then()
                .body("items[0].subjectNumber", equalTo(c1.number())).body("nextCursor", nullValue());

        String id = as(citizen).get("/api/v1/me/notices").then().extract().path("items[0].id");
        as(token("stranger-" + s, "citizen", null, null)).post("/api/v1/me/notices/" + id + "/read").then()
                .statusCode(404);
        as(citizen).post("/api/v1/me/notices/" + id + "/read").then().statusCode(204);
        as(citizen).post("/api/v1/me/notices/" + id + "/read").then().statusCode(204);
        as(citizen).get("/api/v1/me/notices").then().body("unread", equalTo(1)).body("items[0].read", equalTo(true))
                .body("items[0].readAt", notNullValue());
        as(citizen).queryParam("unread", "true").get("/api/v1/me/notices").then()
                .body("items.subjectNumber", contains(c1.number()));
        problem(as(citizen).post("/api/v1/me/notices/grid-" + id.substring(6) + "/read").then(), 404);
        problem(as(citizen).queryParam("cursor", "nonsense").get("/api/v1/me/notices").then(), 400)
                .body("errors[0].field", equalTo("cursor"));
        problem(as(citizen).queryParam("limit", "0").get("/api/v1/me/notices").then(), 400);
        problem(as(citizen).queryParam("unread", "maybe").get("/api/v1/me/notices").then(), 400);
        problem(given().get("/api/v1/me/notices").then(), 401);
    }

    @Test
    void theStreamSendsEachNewNoticeAndResumesAfterLastEventId() throws Exception {
        String sub = "streamer-" + s;
        String citizen = token(sub, "citizen", null, null);
        Case c1 = register(citizen);
        long seq1 = queryLong(ds, "SELECT seq FROM notice WHERE recipient = ? AND subject_number = ?", sub,
                c1.number());

        // resuming before the first notice replays it
        List<String> resumed = events(citizen, "?lastEventId=" + (seq1 - 1), 1, () -> {});
        assertTrue(resumed.get(0).contains("id:" + seq1) && resumed.get(0).contains("event:notice")
                && resumed.get(0).contains(c1.number()), resumed.toString());
        // without Last-Event-ID only new ones come, as they are written
        List<Case> later = new ArrayList<>();
        List<String> live = events(citizen, "", 1, () -> later.add(register(citizen)));
        assertTrue(live.get(0).contains(later.get(0).number()) && !live.get(0).contains(c1.number()), live.toString());
        problem(as(citizen).header("Last-Event-ID", "abc").get("/api/v1/me/notices/stream").then(), 400);
    }

    /** The first {@code count} events of a stream opened with {@code query}, after {@code then} ran. */
    List<String> events(String token, String query, int count, Runnable then) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/me/notices/stream" + query))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
                List<String> events = new ArrayList<>();
                StringBuilder event = new StringBuilder();
                try {
                    for (String line; events.size() < count && (line = lines.readLine()) != null;) {
                        if (line.isEmpty()) {
                            if (event.indexOf("event:") >= 0) {
                                events.add(event.toString().replace(": ", ":"));
                            }
                            event.setLength(0);
                        } else {
                            event.append(line).append('\n');
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return events;
            });
            // the stream's starting point was fixed before its headers came back (send returned): what then
            // writes is after it
            then.run();
            return read.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void preferencesAreMaskedAndChooseChannelsAndLanguage() throws Exception {
        String sub = "prefs-" + s;
        String citizen = token(sub, "citizen", null, null);
        as(citizen).get("/api/v1/me/notice-preferences").then().statusCode(200).body("sms", equalTo(true))
                .body("language", equalTo("zh-CN")).body("mobile", nullValue());
        String email = "prefs-" + s.toLowerCase() + "@example.org";
        Map<String, Object> prefs = Map.of("sms", false, "email", true, "language", "en", "emailAddress", email,
                "mobile", "13912345678");
        for (int i = 0; i < 2; i++) {
            as(citizen).body(prefs).put("/api/v1/me/notice-preferences").then().statusCode(200)
                    .body("emailAddress", equalTo("p***@example.org")).body("mobile", equalTo("139****5678"))
                    .body("language", equalTo("en"));
        }
        assertEquals(0, queryLong(ds, "SELECT count(*) FROM notice_preference WHERE sub = ? AND (email_enc LIKE ?"
                + " OR mobile_enc LIKE '%13912345678%')", sub, "%" + email + "%"));
        Case c = register(citizen);
        as(citizen).get("/api/v1/me/notices").then().body("items[0].title", startsWith("Petition registered"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Captures.mailTo(email).size() == 1);
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM notice_delivery d JOIN notice n ON n.id = d.notice_id"
                + " WHERE n.subject_number = ? AND d.channel = 'SMS' AND d.address_masked = '139****5678'", c.number()),
                "a statutory notice also reaches the mobile");

        problem(as(citizen).body(Map.of("sms", true, "email", true, "language", "fr")).put(
                "/api/v1/me/notice-preferences").then(), 400).body("errors[0].field", equalTo("language"));
        problem(as(citizen).body(Map.of("sms", true, "email", true, "language", "en", "emailAddress", "nope")).put(
                "/api/v1/me/notice-preferences").then(), 400).body("errors[0].field", equalTo("emailAddress"));
    }

    @Test
    void theDeliveryLogIsForAdminsAndSupervisorsInTheirArea() {
        Case c = register(who.citizen());
        String path = "items.find { it.subjectNumber == '" + c.number() + "' }";
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(as(admin).queryParam("recipientType", "USER")
                .queryParam("limit", 500).get("/api/v1/notices").then().statusCode(200).extract()
                .path(path + ".deliveries[0].status")));
        as(admin).queryParam("recipientType", "USER").queryParam("channel", "SMS").queryParam("limit", 500)
                .get("/api/v1/notices").then().body(path + ".recipient", equalTo("citizen-" + s))
                .body(path + ".deliveries[0].channel", equalTo("SMS"))
                .body(path + ".deliveries[0].address", matchesPattern("139\\*{4}[0-9]{4}"))
                .body(path + ".deliveries[0].attempts[0].statusCode", equalTo(200));
        as(supervisor).queryParam("limit", 500).get("/api/v1/notices").then().statusCode(200)
                .body(path + ".type", equalTo("CASE_REGISTERED"));
        as(otherSupervisor).queryParam("limit", 500).get("/api/v1/notices").then().statusCode(200)
                .body(path, nullValue());
        problem(as(who.citizen()).get("/api/v1/notices").then(), 403);
        problem(as(admin).queryParam("status", "LOST").get("/api/v1/notices").then(), 400)
                .body("errors[0].field", equalTo("status"));
        problem(as(admin).queryParam("from", "yesterday").get("/api/v1/notices").then(), 400);
    }
}
