package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicsafety.cases.casefile.DeadlineJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Walks cases through every path of the state machine and checks the events on the topic. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseLifecycleTest {

    @Inject DataSource ds;
    @Inject DeadlineJobs jobs;
    final ObjectMapper mapper = new ObjectMapper();

    Areas a;
    TopicReader topic;
    String citizenSub;
    Callers who;
    String otherHandler;
    String villageSupervisor;
    String townSupervisor;
    String countySupervisor;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        topic = new TopicReader("civicsafety.cases.v1");
        String s = suffix();
        citizenSub = "citizen-" + s;
        who = callers(a, s);
        otherHandler = token("handler2-" + s, "handler", a.village(), "other-" + s);
        villageSupervisor = token("sv-" + s, "supervisor", a.village(), null);
        townSupervisor = token("st-" + s, "supervisor", a.township(), null);
        countySupervisor = token("sc-" + s, "supervisor", a.county(), null);
    }

    @AfterAll
    void tearDown() {
        topic.close();
    }

    String register() {
        return as(who.citizen()).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    Response act(String token, String id, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/cases/" + id + "/transitions");
    }

    void ok(String token, String id, Map<String, Object> body, String expectedState) {
        act(token, id, body).then().statusCode(200).body("state", equalTo(expectedState));
    }

    String assigned() {
        String id = register();
        ok(who.officer(), id, Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()),
                "ASSIGNED");
        return id;
    }

    String answered() {
        String id = assigned();
        ok(who.handler(), id, Map.of("action", "ACCEPT"), "IN_HANDLING");
        ok(who.handler(), id, Map.of("action", "ANSWER", "decision", "SUPPORT", "text", "We will fix it."), "ANSWERED");
        return id;
    }

    @Test
    void registrationToFinalThroughReviewReReviewAndHearing() throws Exception {
        Response created = as(who.citizen()).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases");
        created.then().statusCode(201)
                .header("ETag", "\"1\"")
                .body("number", matchesPattern("XF-\\d{4}-\\d{6}"))
                .body("trackingCode", matchesPattern("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}"))
                .body("state", equalTo("REGISTERED"))
                .body("stage", equalTo("TRIAGE"))
                .body("deadlines.triage", matchesPattern("\\d{4}-\\d{2}-\\d{2}T23:59:59\\+08:00"))
                .body("dueAt", equalTo(created.path("deadlines.triage").toString()))
                .body("similarCases", empty())
                .body("allowedActions", empty());
        String id = created.path("id");
        String tracking = created.path("trackingCode");

        as(who.officer()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("allowedActions", containsInAnyOrder("ASSIGN", "DIVERT", "REFER_TO_MEDIATION", "NOT_ACCEPT",
                        "MERGE"));
        ok(who.officer(), id, Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()),
                "ASSIGNED");
        as(who.handler()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("allowedActions", containsInAnyOrder("ACCEPT", "DECLINE", "OBJECT"))
                .body("deadlines.acceptance", endsWith("T23:59:59+08:00"))
                .body("deadlines.objection", endsWith("T23:59:59+08:00"));
        ok(who.handler(), id, Map.of("action", "ACCEPT"), "IN_HANDLING");
        act(villageSupervisor, id, Map.of("action", "EXTEND", "days", 31, "reason", "x")).then().statusCode(400)
                .body("errors.field", hasItem("days"));
        String before = as(who.handler()).get("/api/v1/cases/" + id).path("deadlines.handling");
        ok(villageSupervisor, id, Map.of("action", "EXTEND", "days", 30, "reason", "site survey needed"),
                "IN_HANDLING");
        String after = as(who.handler()).get("/api/v1/cases/" + id).path("deadlines.handling");
        assertTrue(after.compareTo(before) > 0, "the extension moves the handling deadline");
        act(villageSupervisor, id, Map.of("action", "EXTEND", "days", 5, "reason", "again")).then().statusCode(409)
                .body("detail", containsString("only once"));
        ok(who.handler(), id, Map.of("action", "ANSWER", "decision", "EXPLAIN", "text", "Drainage is scheduled."),
                "ANSWERED");
        as(who.citizen()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("allowedActions", containsInAnyOrder("REQUEST_REVIEW", "ACCEPT_ANSWER", "RATE"));
        ok(who.citizen(), id, Map.of("action", "RATE", "satisfaction", "DISSATISFIED", "comment", "too slow"),
                "ANSWERED");
        act(who.citizen(), id, Map.of("action", "RATE", "satisfaction", "SATISFIED")).then().statusCode(409);
        ok(who.citizen(), id, Map.of("action", "REQUEST_REVIEW", "reason", "not convinced"), "IN_REVIEW");

        // Review: only a supervisor strictly above the handling unit's area.
        act(villageSupervisor, id, Map.of("action", "ANSWER_REVIEW", "decision", "SUPPORT", "text", "ok"))
                .then().statusCode(403);
        ok(townSupervisor, id, Map.of("action", "ANSWER_REVIEW", "decision", "SUPPORT", "text", "Upheld."),
                "REVIEW_ANSWERED");
        ok(who.citizen(), id, Map.of("action", "RATE", "satisfaction", "BASICALLY_SATISFIED"), "REVIEW_ANSWERED");
        ok(who.citizen(), id, Map.of("action", "REQUEST_RE_REVIEW"), "IN_RE_REVIEW");

        // Re-review: only strictly above the reviewer (the township) — the county.
        act(townSupervisor, id, Map.of("action", "START_HEARING")).then().statusCode(403);
        ok(countySupervisor, id, Map.of("action", "START_HEARING"), "IN_RE_REVIEW");
        as(countySupervisor).get("/api/v1/cases/" + id).then().body("flags.hearing", is(true))
                .body("dueAt", nullValue()).body("allowedActions", contains("END_HEARING"));
        act(countySupervisor, id, Map.of("action", "ANSWER_RE_REVIEW", "decision", "SUPPORT", "text", "x"))
                .then().statusCode(409);
        ok(countySupervisor, id, Map.of("action", "END_HEARING"), "IN_RE_REVIEW");
        as(countySupervisor).get("/api/v1/cases/" + id).then().body("flags.hearing", is(false))
                .body("dueAt", endsWith("T23:59:59+08:00"));
        ok(countySupervisor, id, Map.of("action", "ANSWER_RE_REVIEW", "decision", "NOT_SUPPORT", "text", "Final word."),
                "FINAL");
        ok(who.citizen(), id, Map.of("action", "RATE", "satisfaction", "SATISFIED"), "FINAL");
        act(who.citizen(), id, Map.of("action", "REQUEST_REVIEW")).then().statusCode(409);

        // Events, in order, keyed by the case id, binary-mode CloudEvents.
        topic.awaitType(id, "org.civicsafety.case.finalized.v1", Duration.ofSeconds(30));
        topic.awaitType(id, "org.civicsafety.case.rated.v1", Duration.ofSeconds(5));
        List<String> expected = List.of("registered", "assigned", "accepted", "extended", "answered", "rated",
                "review-requested", "review-answered", "rated", "re-review-requested", "re-review-answered",
                "finalized", "rated");
        List<ConsumerRecord<String, String>> records = topic.await(id, expected.size(), Duration.ofSeconds(30));
        assertEquals(expected.stream().map(t -> "org.civicsafety.case." + t + ".v1").toList(),
                records.stream().map(r -> header(r, "ce_type")).toList());
        long lastVersion = 0;
        for (ConsumerRecord<String, String> r : records) {
            assertEquals("/cases-service", header(r, "ce_source"));
            assertEquals(id, header(r, "ce_subject"));
            assertEquals("1.0", header(r, "ce_specversion"));
            assertNotNull(header(r, "ce_id"));
            assertNotNull(header(r, "ce_time"));
            assertNotNull(header(r, "traceparent"));
            JsonNode d = mapper.readTree(r.value());
            assertEquals(id, d.get("caseId").asText());
            assertTrue(d.get("version").asLong() >= lastVersion, "versions never go back");
            lastVersion = d.get("version").asLong();
            assertTrue(d.has("occurredAt") && d.has("petitionerRef") && d.has("path") && d.has("dueAt"));
            assertFalse(r.value().contains("张三丰") || r.value().contains("北京市东城区"), "no personal data in events");
        }
        JsonNode accepted = mapper.readTree(records.get(2).value());
        assertTrue(accepted.get("onTime").asBoolean());
        JsonNode answeredEvent = mapper.readTree(records.get(4).value());
        assertEquals("EXPLAIN", answeredEvent.get("decision").asText());
        assertTrue(answeredEvent.get("onTime").asBoolean());
        assertEquals("DISSATISFIED", mapper.readTree(records.get(5).value()).get("satisfaction").asText());

        // History: append-only, every change with who and role.
        as(who.officer()).get("/api/v1/cases/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("REGISTER", "ASSIGN", "ACCEPT", "EXTEND", "ANSWER", "RATE",
                        "REQUEST_REVIEW", "ANSWER_REVIEW", "RATE", "REQUEST_RE_REVIEW", "START_HEARING",
                        "END_HEARING", "ANSWER_RE_REVIEW", "RATE"))
                .body("items[1].role", equalTo("petition_officer"))
                .body("items[2].fromState", equalTo("ASSIGNED")).body("items[2].toState", equalTo("IN_HANDLING"));
        boolean refused;
        try {
            update(ds, "UPDATE case_history SET note = 'x' WHERE case_id = ?::uuid", id);
            refused = false;
        } catch (java.sql.SQLException e) {
            refused = true;
        }
        assertTrue(refused, "history rows cannot be updated");

        // Public tracking: no login, no personal data.
        given().get("/api/v1/cases/track/" + tracking).then().statusCode(200)
                .body("state", equalTo("FINAL")).body("answerText", equalTo("Final word."))
                .body("$", not(hasKey("petitioner"))).body(not(containsString("张三丰")));
        given().get("/api/v1/cases/track/ZZZZZZZZZZZZ").then().statusCode(404);
    }

    @Test
    void acceptingTheAnswerFinalises() {
        String id = answered();
        ok(who.citizen(), id, Map.of("action", "ACCEPT_ANSWER"), "FINAL");
        topic.awaitType(id, "org.civicsafety.case.finalized.v1", Duration.ofSeconds(30));
    }

    @Test
    void reviewAnswerCanBeAcceptedToo() {
        String id = answered();
        ok(who.officer(), id, Map.of("action", "REQUEST_REVIEW", "note", "recorded at the visit"), "IN_REVIEW");
        ok(countySupervisor, id, Map.of("action", "ANSWER_REVIEW", "decision", "EXPLAIN", "text", "x"),
                "REVIEW_ANSWERED");
        ok(who.citizen(), id, Map.of("action", "ACCEPT_ANSWER"), "FINAL");
    }

    @Test
    void triageAlternatives() {
        String diverted = register();
        act(who.officer(), diverted, Map.of("action", "DIVERT")).then().statusCode(400).body("errors.field",
                hasItem("channel"));
        act(who.officer(), diverted, Map.of("action", "DIVERT", "channel", "NOWHERE")).then().statusCode(400)
                .body("errors.field", hasItem("channel"));
        ok(who.officer(), diverted, Map.of("action", "DIVERT", "channel", "LITIGATION"), "DIVERTED");
        as(who.officer()).get("/api/v1/cases/" + diverted).then().body("divertChannel", equalTo("LITIGATION"))
                .body("allowedActions", empty());
        topic.awaitType(diverted, "org.civicsafety.case.diverted.v1", Duration.ofSeconds(30));

        String refused = register();
        ok(who.officer(), refused, Map.of("action", "NOT_ACCEPT", "reason", "not a petition matter"), "NOT_ACCEPTED");
        topic.awaitType(refused, "org.civicsafety.case.not-accepted.v1", Duration.ofSeconds(30));
        act(who.officer(), refused, Map.of("action", "OVERRIDE_REPEAT", "reason", "x")).then().statusCode(409);

        String survivor = register();
        String duplicate = register();
        ok(who.officer(), duplicate, Map.of("action", "MERGE", "mergeInto", survivor), "MERGED");
        as(who.officer()).get("/api/v1/cases/" + duplicate).then().body("mergedInto", equalTo(survivor));
        as(who.officer()).get("/api/v1/cases/" + survivor).then().body("petitionerCount", equalTo(2));
        ConsumerRecord<String, String> merged = topic.awaitType(duplicate, "org.civicsafety.case.merged.v1",
                Duration.ofSeconds(30));
        assertTrue(merged.value().contains(survivor));
    }

    @Test
    void unitDeclinesOrObjects() {
        String declined = assigned();
        act(who.handler(), declined, Map.of("action", "DECLINE")).then().statusCode(400).body("errors.field",
                hasItem("reason"));
        ok(who.handler(), declined, Map.of("action", "DECLINE", "reason", "no legal basis"), "DECLINED");
        topic.awaitType(declined, "org.civicsafety.case.declined.v1", Duration.ofSeconds(30));

        String objected = assigned();
        act(otherHandler, objected, Map.of("action", "OBJECT", "reason", "x")).then().statusCode(404);
        ok(who.handler(), objected, Map.of("action", "OBJECT", "reason", "not our remit"), "REGISTERED");
        // The unit no longer holds the case.
        as(who.handler()).get("/api/v1/cases/" + objected).then().statusCode(404);
        topic.awaitType(objected, "org.civicsafety.case.objected.v1", Duration.ofSeconds(30));
    }

    @Test
    void objectionWindowCloses() throws Exception {
        String id = assigned();
        update(ds, "UPDATE petition_case SET objection_due_at = now() - interval '1 minute' WHERE id = ?::uuid", id);
        act(who.handler(), id, Map.of("action", "OBJECT", "reason", "late")).then().statusCode(409)
                .body("detail", containsString("5 working days"))
                .body("detail", containsString("ACCEPT"));
        as(who.handler()).get("/api/v1/cases/" + id).then().body("allowedActions",
                containsInAnyOrder("ACCEPT", "DECLINE"));
    }

    @Test
    void illegalActionNamesTheAllowedOnes() {
        String id = register();
        Response r = act(who.officer(), id, Map.of("action", "ANSWER", "decision", "SUPPORT", "text", "x"));
        problem(r.then(), 409).body("detail", containsString("ASSIGN")).body("detail", containsString("DIVERT"))
                .body("type", equalTo("https://civicsafety.org/problems/illegal-transition"));
        // A role the table does not allow.
        act(who.citizen(), id, Map.of("action", "ASSIGN", "unitId", "u", "unitAreaCode", a.village())).then()
                .statusCode(403);
    }

    @Test
    void staleIfMatchIsRefused() {
        String id = register();
        String etag = as(who.officer()).get("/api/v1/cases/" + id).header("ETag");
        assertEquals("\"1\"", etag);
        as(who.officer()).header("If-Match", "\"7\"").body(Map.of("action", "DIVERT", "channel", "ARBITRATION"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(412)
                .contentType("application/problem+json");
        as(who.officer()).header("If-Match", etag).body(Map.of("action", "DIVERT", "channel", "ARBITRATION"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void racingTransitionsExactlyOneWins() throws Exception {
        for (int round = 0; round < 2; round++) {
            String id = register();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Callable<Integer>> racers = new ArrayList<>();
            racers.add(() -> act(who.officer(), id, Map.of("action", "DIVERT", "channel", "ARBITRATION")).statusCode());
            racers.add(() -> act(who.officer(), id, Map.of("action", "NOT_ACCEPT", "reason", "race")).statusCode());
            racers.add(() -> as(who.officer()).header("If-Match", "\"1\"")
                    .body(Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()))
                    .post("/api/v1/cases/" + id + "/transitions").statusCode());
            racers.add(() -> as(who.officer()).header("If-Match", "\"1\"")
                    .body(Map.of("action", "DIVERT", "channel", "LITIGATION"))
                    .post("/api/v1/cases/" + id + "/transitions").statusCode());
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(racers)) {
                codes.add(f.get());
            }
            pool.shutdown();
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), "exactly one wins: " + codes);
            assertTrue(codes.stream().allMatch(c -> c == 200 || c == 409 || c == 412), codes.toString());
            as(who.officer()).get("/api/v1/cases/" + id).then().body("version", equalTo(2));
        }
    }

    @Test
    void overdueFlaggedExactlyOncePerStage() throws Exception {
        String id = assigned();
        update(ds, "UPDATE petition_case SET acceptance_due_at = now() - interval '1 second' WHERE id = ?::uuid", id);
        jobs.runOnce();
        jobs.runOnce();
        as(who.officer()).get("/api/v1/cases/" + id).then()
                .body("flags.overdue", is(true)).body("flags.backlog", is(true))
                .body("backlog.reason", equalTo("OVERDUE"));
        ConsumerRecord<String, String> overdue = topic.awaitType(id, "org.civicsafety.case.overdue.v1",
                Duration.ofSeconds(30));
        assertTrue(overdue.value().contains("\"stage\":\"ACCEPTANCE\""));
        topic.awaitType(id, "org.civicsafety.case.backlogged.v1", Duration.ofSeconds(30));
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM case_overdue WHERE case_id = ?::uuid", id));
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM outbox_event WHERE subject = ? AND ce_type = ?", id,
                "org.civicsafety.case.overdue.v1"));
        // The next stage gets its own flag.
        ok(who.handler(), id, Map.of("action", "ACCEPT"), "IN_HANDLING");
        ConsumerRecord<String, String> accepted = topic.awaitType(id, "org.civicsafety.case.accepted.v1",
                Duration.ofSeconds(30));
        assertTrue(accepted.value().contains("\"onTime\":false"));
        update(ds, "UPDATE petition_case SET handling_due_at = now() - interval '1 second' WHERE id = ?::uuid", id);
        jobs.runOnce();
        assertEquals(2, queryLong(ds, "SELECT count(*) FROM case_overdue WHERE case_id = ?::uuid", id));
        assertEquals("HANDLING", queryString(ds,
                "SELECT stage FROM case_overdue WHERE case_id = ?::uuid ORDER BY flagged_at DESC, stage LIMIT 1", id));
    }

    @Test
    void lapsedWindowsFinalise() throws Exception {
        String id = answered();
        update(ds, "UPDATE petition_case SET answer_window_due_at = now() - interval '1 second' WHERE id = ?::uuid",
                id);
        jobs.runOnce();
        as(who.citizen()).get("/api/v1/cases/" + id).then().body("state", equalTo("FINAL"));
        topic.awaitType(id, "org.civicsafety.case.finalized.v1", Duration.ofSeconds(30));

        String reviewed = answered();
        ok(who.citizen(), reviewed, Map.of("action", "REQUEST_REVIEW"), "IN_REVIEW");
        ok(townSupervisor, reviewed, Map.of("action", "ANSWER_REVIEW", "decision", "SUPPORT", "text", "x"),
                "REVIEW_ANSWERED");
        update(ds, "UPDATE petition_case SET review_window_due_at = now() - interval '1 second' WHERE id = ?::uuid",
                reviewed);
        jobs.runOnce();
        as(who.citizen()).get("/api/v1/cases/" + reviewed).then().body("state", equalTo("FINAL"));
        as(who.citizen()).get("/api/v1/cases/" + reviewed + "/history").then()
                .body("items.action", hasItem("LAPSE"));
    }
}
