package org.civicsafety.cases.api;

import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.civicsafety.cases.casefile.DeadlineJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Repeat petitions, the backlog ledger and supervision, lists, stats and attachments. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepeatBacklogTest {

    @Inject DataSource ds;
    @Inject DeadlineJobs jobs;
    Areas a;
    TopicReader topic;
    String s;
    Callers who;
    String supervisor;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        topic = new TopicReader("civicsafety.cases.v1");
        s = suffix();
        who = callers(a, s);
        supervisor = token("sup-" + s, "supervisor", a.county(), null);
    }

    @AfterAll
    void tearDown() {
        topic.close();
    }

    Response register(Map<String, Object> body) {
        return as(who.citizen()).body(body).post("/api/v1/cases");
    }

    void act(String token, String id, Map<String, Object> body, int status) {
        as(token).body(body).post("/api/v1/cases/" + id + "/transitions").then().statusCode(status);
    }

    @Test
    void samePetitionerSameMatterIsARepeatAndAThirdOneIsBacklog() {
        String idNumber = randomId();
        String title = words(4);
        String content = words(14);
        String first = register(
                caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", title, content, randomPhone(), idNumber))
                .then().statusCode(201).body("repeatOf", nullValue()).extract().path("id");
        // Same ID number (another phone), slightly different wording.
        Response second = register(caseBody(a.village(), "PHONE", "REQUEST_GRIEVANCE", title, content + " again",
                randomPhone(), idNumber.toLowerCase()));
        second.then().statusCode(201)
                .body("state", equalTo("NOT_ACCEPTED")).body("notAcceptedReason", equalTo("REPEAT_IN_HANDLING"))
                .body("repeatOf", equalTo(first)).body("flags.repeat", is(true))
                .body("similarCases.id", hasItem(first)).body("similarCases[0].samePetitioner", is(true))
                .body("repeatOfProgress.state", equalTo("REGISTERED"));
        // The receipt of the repeat shows the earlier case's progress.
        io.restassured.RestAssured.given().get("/api/v1/cases/track/" + second.path("trackingCode")).then()
                .statusCode(200).body("earlierCase.state", equalTo("REGISTERED"));
        as(who.officer()).get("/api/v1/cases/" + first).then().body("flags.backlog", is(false));
        register(caseBody(a.village(), "LETTER", "REQUEST_GRIEVANCE", title, content, randomPhone(), idNumber))
                .then().statusCode(201).body("repeatOf", equalTo(first));
        as(who.officer()).get("/api/v1/cases/" + first).then().body("flags.backlog", is(true))
                .body("backlog.reason", equalTo("REPEATED_PETITIONS"));
        topic.awaitType(first, "org.civicsafety.case.backlogged.v1", Duration.ofSeconds(30));

        // The officer takes a repeat up anyway, with a reason.
        String repeat = second.path("id");
        act(who.officer(), repeat, Map.of("action", "OVERRIDE_REPEAT"), 400);
        act(who.officer(), repeat, Map.of("action", "OVERRIDE_REPEAT", "reason", "new facts: a second flood"), 200);
        as(who.officer()).get("/api/v1/cases/" + repeat).then().body("state", equalTo("REGISTERED"))
                .body("deadlines.triage", endsWith("T23:59:59+08:00"));
        as(who.officer()).get("/api/v1/cases/" + repeat + "/history").then().body("items[1].note",
                containsString("new facts"));
    }

    @Test
    void aFinalisedMatterIsNotAcceptedAgain() throws Exception {
        String phone = randomPhone();
        String title = words(4);
        String content = words(14);
        Map<String, Object> body = caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", title, content, phone, null);
        ((Map<String, Object>) body.get("petitioner")).remove("idNumber");
        String first = register(body).then().statusCode(201).extract().path("id");
        act(who.officer(), first, Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()), 200);
        act(who.handler(), first, Map.of("action", "ACCEPT"), 200);
        act(who.handler(), first, Map.of("action", "ANSWER", "decision", "SUPPORT", "text", "done"), 200);
        act(who.citizen(), first, Map.of("action", "ACCEPT_ANSWER"), 200);
        register(body).then().statusCode(201).body("state", equalTo("NOT_ACCEPTED"))
                .body("notAcceptedReason", equalTo("FINALIZED")).body("repeatOf", equalTo(first));
    }

    @Test
    void verySimilarTextInTheSameAreaFromSomeoneElse() {
        String title = words(4);
        String content = words(14);
        String first = register(
                caseBody(a.township(), "ONLINE", "SUGGESTION", title, content, randomPhone(), randomId()))
                .then().statusCode(201).extract().path("id");
        register(caseBody(a.township(), "ONLINE", "SUGGESTION", title, content, randomPhone(), randomId()))
                .then().statusCode(201).body("state", equalTo("NOT_ACCEPTED")).body("repeatOf", equalTo(first))
                .body("similarCases[0].samePetitioner", is(false))
                .body("similarCases[0].similarity", greaterThan(0.6f));
        // Different text in the same area: a new case.
        register(caseBody(a.township(), "ONLINE", "SUGGESTION", randomPhone())).then().statusCode(201)
                .body("state", equalTo("REGISTERED")).body("similarCases", empty());
    }

    @Test
    void supervisorKeepsTheBacklogLedger() {
        String id = register(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .then().statusCode(201).extract().path("id");
        Map<String, Object> plan = Map.of("leader", "Deputy head Li", "plan", "site visit and repair", "targetDate",
                "2026-12-31");
        as(who.officer()).body(plan).post("/api/v1/cases/" + id + "/backlog").then().statusCode(403);
        problem(as(supervisor).body(Map.of("leader", "", "targetDate", "31/12"))
                .post("/api/v1/cases/" + id + "/backlog")
                .then(), 400);
        as(supervisor).header("If-Match", "\"9\"").body(plan).post("/api/v1/cases/" + id + "/backlog").then()
                .statusCode(412);
        as(supervisor).body(plan).post("/api/v1/cases/" + id + "/backlog").then().statusCode(200)
                .body("flags.backlog", is(true)).body("backlog.leader", equalTo("Deputy head Li"))
                .body("backlog.targetDate", equalTo("2026-12-31"));
        String key = "sv-" + s;
        String note1 = as(supervisor).header("Idempotency-Key", key).body(Map.of("note", "call the unit weekly"))
                .post("/api/v1/cases/" + id + "/supervisions").then().statusCode(201).extract().path("id").toString();
        // The replay names the note's address too.
        io.restassured.response.Response again = as(supervisor).header("Idempotency-Key", key)
                .body(Map.of("note", "call the unit weekly")).post("/api/v1/cases/" + id + "/supervisions");
        again.then().statusCode(201);
        assertEquals(note1, again.path("id").toString());
        String url = "/api/v1/cases/" + id + "/supervisions/" + note1;
        assertEquals(url, again.path("url"));
        assertTrue(again.header("Location").endsWith(url), again.header("Location"));
        as(supervisor).get(url).then().statusCode(200).body("note", equalTo("call the unit weekly"))
                .body("url", equalTo(url));
        as(supervisor).get("/api/v1/cases/" + id + "/supervisions/0").then().statusCode(404);
        as(supervisor).get("/api/v1/cases/" + id + "/supervisions/x").then().statusCode(404);
        as(supervisor).get("/api/v1/cases/" + id + "/supervisions").then().statusCode(200).body("items", hasSize(1));
        as(supervisor).get("/api/v1/cases?backlog=true&areaCode=" + a.village()).then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.find { it.id == '" + id + "' }.backlog.plan",
                        equalTo("site visit and repair"));
        as(supervisor).get("/api/v1/cases?backlog=false&areaCode=" + a.village()).then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        topic.awaitType(id, "org.civicsafety.case.backlogged.v1", Duration.ofSeconds(30));
    }

    @Test
    void longOpenCasesJoinTheBacklog() throws Exception {
        String id = register(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .then().statusCode(201).extract().path("id");
        update(ds,
                "UPDATE petition_case SET registered_at = now() - interval '91 days', triage_due_at = now() + interval '1 day' WHERE id = ?::uuid",
                id);
        jobs.runOnce();
        as(who.officer()).get("/api/v1/cases/" + id).then().body("flags.backlog", is(true))
                .body("backlog.reason", equalTo("OPEN_OVER_90_DAYS")).body("flags.overdue", is(false));
    }

    @Test
    void listFiltersAndCursorPaging() {
        String township = a.township();
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            mine.add(register(caseBody(a.village(), i % 2 == 0 ? "FAX" : "LETTER", "SUGGESTION", randomPhone()))
                    .then().statusCode(201).extract().path("id"));
        }
        Set<String> paged = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = as(who.officer()).queryParam("areaCode", township).queryParam("limit", 2).queryParam("type",
                    "SUGGESTION");
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            Response r = req.get("/api/v1/cases");
            r.then().statusCode(200).body("items.size()", lessThanOrEqualTo(2));
            List<String> ids = r.path("items.id");
            paged.addAll(ids);
            cursor = r.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        assertTrue(paged.containsAll(mine), "paging reaches every case exactly once");
        as(who.officer()).get("/api/v1/cases?channel=FAX&areaCode=" + a.village() + "&limit=500").then().statusCode(200)
                .body("items.channel", everyItem(equalTo("FAX")));
        as(who.officer())
                .get("/api/v1/cases?state=REGISTERED&overdue=false&areaCode=" + a.county()
                        + "&from=2026-01-01&to=2099-12-31")
                .then().statusCode(200).body("items.state", everyItem(equalTo("REGISTERED")));
        String anyId = mine.iterator().next();
        String number = as(who.officer()).get("/api/v1/cases/" + anyId).path("number");
        as(who.officer()).get("/api/v1/cases?q=" + number).then().statusCode(200).body("items.id", contains(anyId));
        as(who.officer()).get("/api/v1/cases?unitId=nobody-" + s).then().statusCode(200).body("items", empty());
    }

    /**
     * Lists by area or state are merged from (area at its level, state) slices of the list indexes: at every level,
     * with a state, a from/to range and across counties, page by page, they are the same newest-first lists.
     */
    @Test
    void areaAndStateListsAreMergedNewestFirstAtEveryLevel() throws Exception {
        Areas mine = areas(ds);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(0, register(caseBody(mine.village(), "LETTER", "SUGGESTION", "slice title " + i + " 界碑",
                    "slice content " + i, randomPhone(), randomId())).then().statusCode(201).extract().path("id"));
        }
        // newest first: ids = [3, 2, 1, 0]; 2 and 0 are FINAL
        try (var c = ds.getConnection();
                var ps = c.prepareStatement("UPDATE petition_case SET state = 'FINAL' WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", new Object[]{java.util.UUID.fromString(ids.get(1)),
                    java.util.UUID.fromString(ids.get(3))}));
            ps.executeUpdate();
        }
        String admin = token("adm-" + s, "admin", null, null);
        for (String area : List.of(mine.county(), mine.township(), mine.village())) {
            String list = "/api/v1/cases?areaCode=" + area;
            as(admin).get(list).then().statusCode(200).body("items.id", contains(ids.toArray()));
            as(admin).get(list + "&state=FINAL").then().body("items.id", contains(ids.get(1), ids.get(3)));
            as(admin).get(list + "&state=FINAL&type=SUGGESTION").then()
                    .body("items.id", contains(ids.get(1), ids.get(3)));
            as(admin).get(list + "&state=FINAL&type=MISCONDUCT_REPORT").then().body("items", empty());
            as(admin).get(list + "&state=ASSIGNED").then().body("items", empty());
            as(admin).get(list + "&from=2026-01-01&to=2099-12-31").then().body("items.id", contains(ids.toArray()));
            as(admin).get(list + "&to=2026-01-01").then().body("items", empty());
            List<String> paged = new java.util.ArrayList<>();
            String cursor = null;
            do {
                Response r = as(admin).get(list + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
                paged.addAll(r.path("items.id"));
                cursor = r.path("nextCursor");
            } while (cursor != null && paged.size() < 10);
            assertEquals(ids, paged);
            // text over title and content (one expression, as the trigram index holds it)
            as(admin).queryParam("q", "title 2 界碑").get(list).then().body("items.id", contains(ids.get(1)));
            // text the query parser could misread stays a parameter; text with LIKE wildcards is matched literally
            as(admin).queryParam("q", "x'y:z?{w}\\").get(list).then().statusCode(200).body("items", empty());
            as(admin).queryParam("q", "slice_title 2").get(list).then().statusCode(200).body("items", empty());
        }
        // no area: every county's slices of the state
        as(admin).get("/api/v1/cases?state=FINAL&limit=500").then().body("items.id", hasItems(ids.get(1), ids.get(3)))
                .body("items.state", everyItem(equalTo("FINAL")));
        as(admin).get("/api/v1/cases?areaCode=" + mine.otherCounty()).then().statusCode(200).body("items", empty());
        as(admin).get("/api/v1/cases?areaCode=NO-SUCH-AREA-" + s).then().statusCode(200).body("items", empty());
        // a staff member's scope still bounds the area asked for
        as(token("o-" + s, "petition_officer", mine.county(), null)).get("/api/v1/cases?areaCode=" + a.county())
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void statsPerAreaAndPeriod() {
        String id = register(caseBody(a.village(), "HOTLINE_12345", "REQUEST_GRIEVANCE", randomPhone()))
                .then().statusCode(201).extract().path("id");
        act(who.officer(), id, Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()), 200);
        act(who.handler(), id, Map.of("action", "ACCEPT"), 200);
        act(who.handler(), id, Map.of("action", "ANSWER", "decision", "SUPPORT", "text", "done"), 200);
        act(who.citizen(), id, Map.of("action", "RATE", "satisfaction", "SATISFIED"), 200);
        String analyst = token("an-" + s, "analyst", a.county(), null);
        as(analyst).get("/api/v1/cases/stats?areaCode=" + a.village() + "&from=2026-01-01&to=2099-12-31").then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(1))
                .body("byChannel.HOTLINE_12345", greaterThanOrEqualTo(1))
                .body("byState.ANSWERED", greaterThanOrEqualTo(1))
                .body("onTimeAcceptanceRate", equalTo(1.0f))
                .body("onTimeAnswerRate", equalTo(1.0f))
                .body("satisfactionRate", greaterThan(0f))
                .body("repeatRate", lessThanOrEqualTo(1.0f));
        // Outside the analyst's scope nothing is counted.
        as(token("an2-" + s, "analyst", a.otherCounty(), null)).get("/api/v1/cases/stats?areaCode=" + a.village())
                .then().statusCode(200).body("total", equalTo(0));
        problem(as(analyst).get("/api/v1/cases/stats?from=notadate").then(), 400);
        as(who.citizen()).get("/api/v1/cases/stats").then().statusCode(403);
    }

    @Test
    void attachmentsAreCheckedByContent() throws Exception {
        String id = register(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .then().statusCode(201).extract().path("id");
        byte[] png = org.civicsafety.cases.casefile.TestImages.png();
        io.restassured.RestAssured.given().auth().oauth2(who.citizen())
                .multiPart("file", "photo.png", png, "image/png")
                .post("/api/v1/cases/" + id + "/attachments").then().statusCode(201)
                .body("mediaType", equalTo("image/png")).body("size", equalTo(png.length));
        // A script named like a PDF is refused.
        problem(io.restassured.RestAssured.given().auth().oauth2(who.citizen())
                .multiPart("file", "report.pdf", "#!/bin/sh\necho hi".getBytes(), "application/pdf")
                .post("/api/v1/cases/" + id + "/attachments").then(), 415);
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        big[0] = '%';
        big[1] = 'P';
        big[2] = 'D';
        big[3] = 'F';
        big[4] = '-';
        io.restassured.RestAssured.given().auth().oauth2(who.citizen())
                .multiPart("file", "big.pdf", big, "application/pdf")
                .post("/api/v1/cases/" + id + "/attachments").then().statusCode(413);
        // Broken multipart framing is a 400, not a 500.
        problem(io.restassured.RestAssured.given().auth().oauth2(who.citizen())
                .config(io.restassured.RestAssured.config()
                        .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                                .encodeContentTypeAs("multipart/form-data", io.restassured.http.ContentType.TEXT)))
                .contentType("multipart/form-data; boundary=xyz").body("--abc\r\ngarbage".getBytes())
                .post("/api/v1/cases/" + id + "/attachments").then(), 400);
        as(who.citizen()).get("/api/v1/cases/" + id).then().body("attachments", hasSize(1))
                .body("attachments[0].filename", equalTo("photo.png"));
        // Out of scope: 404.
        io.restassured.RestAssured.given().auth().oauth2(token("x-" + s, "citizen", null, null))
                .multiPart("file", "photo.png", png, "image/png")
                .post("/api/v1/cases/" + id + "/attachments").then().statusCode(404);
        assertNotNull(id);
    }
}
