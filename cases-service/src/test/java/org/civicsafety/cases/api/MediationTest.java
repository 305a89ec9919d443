package org.civicsafety.cases.api;

import static org.awaitility.Awaitility.await;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.civicsafety.cases.mediation.MediationJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dispute mediation over the real database and Kafka: every path of the table, refusal, withdrawal, overdue once,
 * what each role sees of the parties, races on a transition, idempotent opening, and the events on the cases topic
 * (each checked against asyncapi.yaml by the reader).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject DataSource ds;
    @Inject MediationJobs jobs;
    TopicReader topic;
    Areas a;
    String s;
    /** The mediation's own mediator (an account of the directory entry), another mediator of the area. */
    String mediator;
    String otherMediator;
    String officer;
    String supervisor;
    String analyst;
    String otherOfficer;
    String mediatorId;
    String unitlessMediatorId;
    UUID dispute;

    @BeforeAll
    void setUp() throws Exception {
        topic = new TopicReader(CASES_TOPIC);
        a = areas(ds);
        s = suffix();
        mediator = token("mediator-" + s, "mediator", a.township(), null);
        otherMediator = token("mediator2-" + s, "mediator", a.township(), null);
        officer = token("officer-" + s, "petition_officer", a.county(), null);
        supervisor = token("supervisor-" + s, "supervisor", a.county(), null);
        analyst = token("analyst-" + s, "analyst", a.county(), null);
        otherOfficer = token("officer2-" + s, "petition_officer", a.otherCounty(), null);
        dispute = UUID.randomUUID();
        try (KafkaProducer<String, String> p = producer()) {
            send(p, "civicsafety.grid.v1", dispute.toString(), UUID.randomUUID().toString(),
                    "org.civicsafety.incident.reported.v1", "{\"incidentId\":\"" + dispute + "\",\"number\":\"SJ-2026-"
                            + s
                            + "\",\"categoryCode\":\"NEIGHBOUR_DISPUTE\",\"categoryGroup\":\"DISPUTE\",\"areaCode\":\""
                            + a.village() + "\",\"path\":[\"" + a.county() + "\",\"" + a.township() + "\",\""
                            + a.village() + "\"],\"state\":\"REPORTED\",\"version\":1}");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> queryLong(ds, "SELECT count(*) FROM incident WHERE id = ?", dispute) == 1);
    }

    /** The directory's mediators, made through the API once the HTTP port is known (before the first test). */
    @BeforeEach
    void mediators() {
        if (mediatorId != null) {
            return;
        }
        String admin = token("admin-" + s, "admin", null, null);
        mediatorId = as(admin).body(Map.of("name", "王建国", "committee", "东关镇人民调解委员会", "areaCode", a.township(),
                "unitId", "unit-" + a.township(), "userId", "mediator-" + s)).post("/api/v1/mediators").then()
                .statusCode(201).extract().path("id");
        unitlessMediatorId = as(admin).body(Map.of("name", "赵敏", "committee", "幸福村人民调解委员会", "areaCode", a.village(),
                "userId", "mediator-" + s)).post("/api/v1/mediators").then().statusCode(201).extract().path("id");
    }

    @AfterAll
    void tearDown() {
        topic.close();
    }

    Map<String, Object> body(String name) {
        Map<String, Object> b = new HashMap<>();
        b.put("type", "PEOPLES");
        b.put("areaCode", a.village());
        b.put("summary", "院墙渗水纠纷 " + words(3));
        b.put("disputeCategory", "NEIGHBOURHOOD");
        b.put("amountInDispute", 3000);
        b.put("parties", List.of(
                Map.of("role", "APPLICANT", "name", name, "phone", "13800138000", "idNumber", "110101199001011234",
                        "address", "幸福路12号" + s),
                Map.of("role", "RESPONDENT", "name", "王芳", "phone", "13900139000")));
        b.put("mediators", List.of(mediatorId));
        return b;
    }

    Response open(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/mediations");
    }

    /** Takes the step with the mediation's current version; answers the mediation after it. */
    Response step(String id, Map<String, Object> body) {
        String etag = as(mediator).get("/api/v1/mediations/" + id).then().statusCode(200).extract().header("ETag");
        return as(mediator).header("If-Match", etag).body(body).post("/api/v1/mediations/" + id + "/transitions");
    }

    JsonNode data(ConsumerRecord<String, String> r) throws Exception {
        return JSON.readTree(r.value());
    }

    @Test
    void aMediationFromADisputeIncidentRunsToAFulfilledAgreement() throws Exception {
        Map<String, Object> b = body("李明" + s);
        b.put("source", Map.of("incidentId", dispute.toString()));
        Response created = open(mediator, b);
        created.then().statusCode(201).header("ETag", "\"1\"").body("state", equalTo("OPEN"))
                .body("number", matchesPattern("TJ-\\d{4}-\\d{6}")).body("level", equalTo("VILLAGE"))
                .body("parties[0].name", equalTo("李明" + s)).body("parties[0].trackingCode", notNullValue())
                .body("allowedActions", hasItems("RECORD_CONSENT", "REFUSE", "WITHDRAW"))
                .body("source.incidentId", equalTo(dispute.toString()));
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/mediations/" + id));
        String applicant = created.path("parties[0].id");
        String respondent = created.path("parties[1].id");
        String code = created.path("parties[1].trackingCode");
        as(mediator).get("/api/v1/mediations/" + id).then().statusCode(200)
                .body("parties[0].trackingCode", nullValue());

        step(id, Map.of("action", "RECORD_CONSENT", "partyId", applicant)).then().statusCode(200)
                .body("state", equalTo("OPEN")).body("dueAt", nullValue());
        step(id, Map.of("action", "RECORD_CONSENT", "partyId", respondent)).then().statusCode(200)
                .body("state", equalTo("IN_MEDIATION")).body("dueAt", endsWith("T23:59:59+08:00"))
                .body("allowedActions", hasItems("ADD_SESSION", "EXTEND", "CONCLUDE_AGREEMENT", "CONCLUDE_FAILED"));
        step(id, Map.of("action", "ADD_SESSION", "heldAt", "2026-12-10T09:30:00+08:00", "place", "幸福村调解室",
                "attendees", List.of("李明" + s, "王芳"), "notes", "双方同意先行修缮")).then().statusCode(200)
                .body("sessions[0].attendees", hasItem("李明" + s));
        step(id, Map.of("action", "EXTEND", "days", 10, "reason", "双方同意延期")).then().statusCode(200)
                .body("extension.days", equalTo(10)).body("allowedActions", not(hasItem("EXTEND")));
        Response agreed = step(id, Map.of("action", "CONCLUDE_AGREEMENT", "written", true, "terms", "修缮院墙并赔偿1500元",
                "obligations", List.of(Map.of("partyId", respondent, "content", "修缮院墙并赔偿", "dueDate",
                        "2026-12-31"))));
        agreed.then().statusCode(200).body("state", equalTo("AGREED")).body("outcome", equalTo("AGREED"))
                .body("durationDays", equalTo(0)).body("agreement.obligations[0].status", equalTo("PENDING"));
        String obligation = agreed.path("agreement.obligations[0].id");
        agreementDocument(id, "李明" + s);
        step(id, Map.of("action", "FOLLOW_UP", "results", List.of(Map.of("obligationId", obligation, "status",
                "PARTIAL")), "note", "已修缮，赔偿未付")).then().statusCode(200).body("state", equalTo("AGREED"));
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        step(id, Map.of("action", "RECORD_JUDICIAL_CONFIRMATION", "court", "县人民法院", "confirmedOn", today)).then()
                .statusCode(200).body("agreement.judicialConfirmation.court", equalTo("县人民法院"));
        step(id, Map.of("action", "FOLLOW_UP", "results", List.of(Map.of("obligationId", obligation, "status",
                "FULFILLED")))).then().statusCode(200).body("state", equalTo("FULFILLED"))
                .body("allowedActions", empty());

        List<String> types = topic.await(id, 7, Duration.ofSeconds(30)).stream().map(r -> header(r, "ce_type"))
                .toList();
        assertEquals(List.of("opened", "consented", "consented", "concluded", "followed-up", "followed-up",
                "followed-up"),
                types.stream().map(t -> t.replace("org.civicsafety.mediation.", "").replace(".v1", ""))
                        .toList());
        ConsumerRecord<String, String> concluded = topic.awaitType(id, "org.civicsafety.mediation.concluded.v1",
                Duration.ofSeconds(5));
        JsonNode d = data(concluded);
        assertEquals("AGREED", d.path("outcome").asText());
        assertEquals(dispute.toString(), d.path("sourceIncidentId").asText());
        assertEquals("VILLAGE", d.path("level").asText());
        assertEquals(List.of(a.county(), a.township(), a.village()),
                JSON.convertValue(d.path("path"), List.class));
        assertEquals(2, d.path("partyCount").asInt());
        assertEquals(id, header(concluded, "ce_subject"));
        assertFalse(concluded.value().contains("李明"), "no personal data in events");

        as(officer).get("/api/v1/mediations/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("OPEN", "RECORD_CONSENT", "RECORD_CONSENT", "ADD_SESSION", "EXTEND",
                        "CONCLUDE_AGREEMENT", "FOLLOW_UP", "RECORD_JUDICIAL_CONFIRMATION", "FOLLOW_UP"))
                .body("items.note.findAll { it != null }", everyItem(not(containsString("李明"))));
        String tracked = given().get("/api/v1/mediations/track/" + code).then().statusCode(200)
                .body("state", equalTo("FULFILLED")).body("sessionCount", equalTo(1)).extract().asString();
        assertFalse(tracked.contains("李明") || tracked.contains("王芳") || tracked.contains("13800138000"), tracked);
        problem(given().get("/api/v1/mediations/track/AAAAAAAAAAAA").then(), 404);
    }

    /**
     * The written agreement: the parties named whole, the same bytes every time, in either language; only for those
     * who see the parties whole.
     */
    void agreementDocument(String id, String applicant) throws Exception {
        String url = "/api/v1/mediations/" + id + "/agreement.pdf";
        as(mediator).get("/api/v1/mediations/" + id).then().body("agreement.document", equalTo(url));
        as(supervisor).get("/api/v1/mediations/" + id).then().body("agreement.document", nullValue());
        Response zh = as(mediator).get(url);
        zh.then().statusCode(200).contentType("application/pdf").header("ETag", notNullValue());
        byte[] again = as(mediator).get(url).then().statusCode(200).extract().asByteArray();
        assertTrue(java.util.Arrays.equals(zh.asByteArray(), again), "the same bytes every time");
        String text = pdfText(zh.asByteArray());
        for (String expected : List.of("调解协议书", applicant, "110101199001011234", "王芳", "修缮院墙并赔偿", "2026年12月31日",
                "王建国", "东关镇人民调解委员会（印章）", "申请人（签名）")) {
            assertTrue(text.contains(expected), expected + " in " + text);
        }
        String en = pdfText(as(mediator).queryParam("lang", "en").get(url).then().statusCode(200).extract()
                .asByteArray());
        assertTrue(en.contains("Mediation Agreement") && en.contains("Applicant (signature)") && en.contains(applicant),
                en);
        problem(as(mediator).queryParam("lang", "fr").get(url).then(), 400).body("errors.field", hasItem("lang"));
        // the officer did not open this one (the mediator did): masked for them, and no agreement
        problem(as(officer).get(url).then(), 403);
        problem(as(supervisor).get(url).then(), 403);
        problem(as(otherOfficer).get(url).then(), 404);
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replace("\n", "").replace("\r", "");
        }
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }

    @Test
    void aBreachReopensTheMediationWhichThenFails() throws Exception {
        String id = inMediation(body("孙丽" + s));
        Response agreed = step(id, Map.of("action", "CONCLUDE_AGREEMENT", "written", false, "terms", "口头协议",
                "obligations", List.of()));
        agreed.then().statusCode(200).body("agreement.written", equalTo(false));
        problem(as(mediator).get("/api/v1/mediations/" + id + "/agreement.pdf").then(), 404);
        step(id, Map.of("action", "REOPEN", "reason", "对方未履行")).then().statusCode(200)
                .body("state", equalTo("IN_MEDIATION")).body("outcome", nullValue());
        step(id, Map.of("action", "CONCLUDE_FAILED", "reason", "分歧较大", "referral", "LITIGATION")).then()
                .statusCode(200).body("state", equalTo("ENDED")).body("outcome", equalTo("FAILED"))
                .body("referral", equalTo("LITIGATION"));
        List<ConsumerRecord<String, String>> events = topic.await(id, 6, Duration.ofSeconds(30));
        JsonNode reopened = data(events.get(4));
        assertEquals("org.civicsafety.mediation.followed-up.v1", header(events.get(4), "ce_type"));
        assertEquals("IN_MEDIATION", reopened.path("state").asText());
        assertTrue(reopened.path("outcome").isNull());
        JsonNode failed = data(events.get(5));
        assertEquals("FAILED", failed.path("outcome").asText());
        assertEquals("LITIGATION", failed.path("referral").asText());
        assertTrue(failed.path("version").asLong() > reopened.path("version").asLong());
    }

    /** Opened and every party consented; answers the id. */
    String inMediation(Map<String, Object> body) {
        Response created = open(officer, body);
        created.then().statusCode(201);
        String id = created.path("id");
        for (int i = 0; i < 2; i++) {
            step(id, Map.of("action", "RECORD_CONSENT", "partyId", created.path("parties[" + i + "].id"))).then()
                    .statusCode(200);
        }
        return id;
    }

    @Test
    void aPartyRefusesOrWithdrawsAndOnlyItsOwnMediatorsActInTurn() throws Exception {
        Response created = open(officer, body("周杰" + s));
        String id = created.path("id");
        String respondent = created.path("parties[1].id");
        problem(step(id, Map.of("action", "CONCLUDE_AGREEMENT", "written", true, "terms", "x")).then(), 409)
                .body("detail", containsString("RECORD_CONSENT"));
        problem(as(otherMediator).body(Map.of("action", "REFUSE", "partyId", respondent, "reason", "x"))
                .post("/api/v1/mediations/" + id + "/transitions").then(), 403);
        problem(as(officer).body(Map.of("action", "REFUSE", "partyId", respondent, "reason", "x"))
                .post("/api/v1/mediations/" + id + "/transitions").then(), 403);
        problem(step(id, Map.of("action", "REFUSE", "partyId", respondent)).then(), 400)
                .body("errors.field", hasItem("reason"));
        problem(step(id, Map.of("action", "REFUSE", "partyId", UUID.randomUUID().toString(), "reason", "x")).then(),
                400).body("errors.field", hasItem("partyId"));
        problem(as(mediator).header("If-Match", "\"7\"").body(Map.of("action", "REFUSE", "partyId", respondent,
                "reason", "不愿调解")).post("/api/v1/mediations/" + id + "/transitions").then(), 412);
        step(id, Map.of("action", "REFUSE", "partyId", respondent, "reason", "不愿调解")).then().statusCode(200)
                .body("state", equalTo("ENDED")).body("outcome", equalTo("REFUSED"))
                .body("conclusionReason", equalTo("不愿调解"));
        JsonNode refused = data(topic.awaitType(id, "org.civicsafety.mediation.concluded.v1", Duration.ofSeconds(30)));
        assertEquals("REFUSED", refused.path("outcome").asText());
        assertEquals(0, refused.path("durationDays").asInt());

        String running = inMediation(body("吴刚" + s));
        step(running, Map.of("action", "WITHDRAW", "partyId", created.path("parties[0].id"), "reason", "x")).then()
                .statusCode(400);
        String applicant = as(mediator).get("/api/v1/mediations/" + running).path("parties[0].id");
        step(running, Map.of("action", "WITHDRAW", "partyId", applicant, "reason", "已自行和解")).then().statusCode(200)
                .body("outcome", equalTo("WITHDRAWN"));
        assertEquals("WITHDRAWN", data(topic.awaitType(running, "org.civicsafety.mediation.concluded.v1",
                Duration.ofSeconds(30))).path("outcome").asText());
    }

    @Test
    void aPassedDeadlineIsFlaggedOnceAndTheMediatorsUnitIsTold() throws Exception {
        String id = inMediation(body("郑爽" + s));
        Map<String, Object> unitless = body("钱多" + s);
        unitless.put("mediators", List.of(unitlessMediatorId));
        String other = inMediation(unitless);
        update(ds, "UPDATE mediation SET due_at = now() - interval '1 second' WHERE id IN (?::uuid, ?::uuid)", id,
                other);
        jobs.runOnce();
        jobs.runOnce();
        as(mediator).get("/api/v1/mediations/" + id).then().statusCode(200).body("overdue", equalTo(true));
        as(officer).queryParam("overdue", "true").queryParam("areaCode", a.village()).get("/api/v1/mediations").then()
                .statusCode(200).body("items.id", hasItems(id, other));
        // opened, two consents, one overdue; a fifth event would be a second flag
        assertEquals(1, topic.await(id, 5, Duration.ofSeconds(5)).stream()
                .filter(r -> header(r, "ce_type").equals("org.civicsafety.mediation.overdue.v1")).count());
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM notice WHERE subject_id = ?::uuid"
                + " AND notice_type = 'UNIT_MEDIATION_OVERDUE' AND recipient = ? AND subject_type = 'mediation'", id,
                "unit-" + a.township()));
        assertEquals(0, queryLong(ds, "SELECT count(*) FROM notice WHERE subject_id = ?::uuid"
                + " AND notice_type = 'AREA_MEDIATION_OVERDUE'", id));
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM notice WHERE subject_id = ?::uuid"
                + " AND notice_type = 'AREA_MEDIATION_OVERDUE' AND recipient = ?", other, a.village()));
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM mediation_history WHERE mediation_id = ?::uuid"
                + " AND action = 'OVERDUE' AND actor_role = 'system'", id));
    }

    @Test
    void thePartiesAreWholeForTheirMediatorsAndOpenerOnlyAndEncryptedAtRest() throws Exception {
        String name = "冯巩" + s;
        String key = "mediation-" + s;
        Map<String, Object> b = body(name);
        Response created = as(officer).header("Idempotency-Key", key).body(b).post("/api/v1/mediations");
        created.then().statusCode(201).body("parties[0].name", equalTo(name));
        String id = created.path("id");
        Response replay = as(officer).header("Idempotency-Key", key).body(b).post("/api/v1/mediations");
        replay.then().statusCode(201).body("id", equalTo(id)).header("Location", equalTo(created.header("Location")));
        assertEquals(created.asString(), replay.asString());
        Map<String, Object> changed = new HashMap<>(b);
        changed.put("summary", "另一个纠纷");
        problem(as(officer).header("Idempotency-Key", key).body(changed).post("/api/v1/mediations").then(), 422);

        as(officer).get("/api/v1/mediations/" + id).then().statusCode(200).body("parties[0].name", equalTo(name))
                .body("parties[0].idNumber", equalTo("110101199001011234"));
        as(mediator).get("/api/v1/mediations/" + id).then().statusCode(200).body("parties[0].name", equalTo(name))
                .body("allowedActions", hasItem("RECORD_CONSENT"));
        for (String masked : List.of(supervisor, analyst, otherMediator,
                token("officer3-" + s, "petition_officer", a.county(), null))) {
            as(masked).get("/api/v1/mediations/" + id).then().statusCode(200)
                    .body("parties[0].name", equalTo("冯" + "*".repeat(name.codePointCount(0, name.length()) - 1)))
                    .body("parties[0].phone", equalTo("138****8000"))
                    .body("parties[0].idNumber", equalTo("110101********1234"))
                    .body("allowedActions", empty());
        }
        problem(as(otherOfficer).get("/api/v1/mediations/" + id).then(), 404);
        problem(as(token("citizen-" + s, "citizen", null, null)).get("/api/v1/mediations/" + id).then(), 403);
        String list = as(supervisor).queryParam("q", b.get("summary")).get("/api/v1/mediations").then()
                .statusCode(200).body("items.id", contains(id)).extract().asString();
        assertFalse(list.contains(name));
        as(otherOfficer).get("/api/v1/mediations").then().statusCode(200).body("items.id", not(hasItem(id)));

        for (byte[] stored : queryBytes(ds, "SELECT parties_enc FROM mediation WHERE id = ?::uuid", id)) {
            assertNoText(stored, name, "110101199001011234", "13800138000");
        }
        assertFalse(queryString(ds, "SELECT parties::text FROM mediation WHERE id = ?::uuid", id).contains(name));
        for (byte[] stored : queryBytes(ds, "SELECT body_enc FROM idempotency_record WHERE key = ?", key)) {
            assertNoText(stored, name, "110101199001011234");
        }
    }

    private static void assertNoText(byte[] stored, String... markers) {
        assertNotNull(stored);
        String text = new String(stored, StandardCharsets.UTF_8);
        for (String m : markers) {
            assertFalse(text.contains(m), "stored bytes contain " + m);
        }
    }

    @Test
    void twoMediatorsRacingOnOneVersionDoNotBothSucceed() throws Exception {
        Response created = open(officer, body("陈晨" + s));
        String id = created.path("id");
        List<String> parties = List.of(created.path("parties[0].id"), created.path("parties[1].id"));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racers = new ArrayList<>();
        for (String party : parties) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return as(mediator).header("If-Match", "\"1\"")
                        .body(Map.of("action", "RECORD_CONSENT", "partyId", party))
                        .post("/api/v1/mediations/" + id + "/transitions").statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = racers.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(200, 412), statuses);
        as(mediator).get("/api/v1/mediations/" + id).then().header("ETag", "\"2\"")
                .body("parties.consented", containsInAnyOrder(true, false));
    }

    @Test
    void badOpeningsAreRefusedWithTheirFields() {
        Map<String, Object> one = body("甲" + s);
        one.put("parties", List.of(((List<?>) one.get("parties")).getFirst()));
        problem(open(officer, one).then(), 400).body("errors.field", hasItem("parties"));
        Map<String, Object> noRespondent = body("乙" + s);
        noRespondent.put("parties", List.of(Map.of("role", "APPLICANT", "name", "甲"),
                Map.of("role", "THIRD_PARTY", "name", "丙")));
        problem(open(officer, noRespondent).then(), 400).body("errors.field", hasItem("parties"));
        Map<String, Object> sectoral = body("丁" + s);
        sectoral.put("type", "SECTORAL");
        problem(open(officer, sectoral).then(), 400).body("errors.field", hasItem("sector"));
        Map<String, Object> unknownMediator = body("戊" + s);
        unknownMediator.put("mediators", List.of(UUID.randomUUID().toString()));
        problem(open(officer, unknownMediator).then(), 400).body("errors.field", hasItem("mediators"));
        Map<String, Object> notADispute = body("己" + s);
        notADispute.put("source", Map.of("incidentId", UUID.randomUUID().toString()));
        problem(open(officer, notADispute).then(), 400).body("errors.field", hasItem("source.incidentId"));
        Map<String, Object> elsewhere = body("庚" + s);
        elsewhere.put("areaCode", a.otherCounty());
        problem(open(officer, elsewhere).then(), 403);
        problem(open(supervisor, body("辛" + s)).then(), 403);
        problem(as(officer).queryParam("state", "SOMEWHERE").get("/api/v1/mediations").then(), 400)
                .body("errors.field", hasItem("state"));
        problem(as(officer).queryParam("mediatorId", "x").get("/api/v1/mediations").then(), 400)
                .body("errors.field", hasItem("mediatorId"));
        as(officer).queryParam("mediatorId", mediatorId).queryParam("type", "PEOPLES").get("/api/v1/mediations")
                .then().statusCode(200).body("items.mediatorIds.flatten()", everyItem(equalTo(mediatorId)));
    }

    /** A petition referred to mediation (REFER_TO_MEDIATION): DIVERTED to MEDIATION, the two linked both ways. */
    @Test
    void aPetitionReferredToMediationFailsIntoANewPetitionForTheApplicant() throws Exception {
        Map<String, Object> petition = caseBody(a.village(), "VISIT", "REQUEST_GRIEVANCE", randomPhone());
        Response registered = as(officer).body(petition).post("/api/v1/cases");
        registered.then().statusCode(201).body("state", equalTo("REGISTERED"));
        String caseId = registered.path("id");
        problem(as(officer).body(Map.of("action", "REFER_TO_MEDIATION")).post("/api/v1/cases/" + caseId
                + "/transitions").then(), 400).body("errors.field", hasItems("type", "respondent", "mediators"));
        problem(as(officer).body(Map.of("action", "DIVERT", "channel", "MEDIATION")).post("/api/v1/cases/" + caseId
                + "/transitions").then(), 400).body("errors.field", hasItem("channel"));
        Response referred = as(officer).header("If-Match", registered.header("ETag"))
                .body(Map.of("action", "REFER_TO_MEDIATION", "type", "PEOPLES", "respondent",
                        Map.of("name", "王芳", "phone", "13900139000"), "mediators", List.of(mediatorId)))
                .post("/api/v1/cases/" + caseId + "/transitions");
        referred.then().statusCode(200).body("state", equalTo("DIVERTED")).body("divertChannel", equalTo("MEDIATION"))
                .body("mediationId", notNullValue());
        String id = referred.path("mediationId");
        JsonNode diverted = data(topic.awaitType(caseId, "org.civicsafety.case.diverted.v1", Duration.ofSeconds(30)));
        assertEquals(id, diverted.path("mediationId").asText());

        Response mediation = as(mediator).get("/api/v1/mediations/" + id);
        mediation.then().statusCode(200).body("source.caseId", equalTo(caseId))
                .body("parties.role", contains("APPLICANT", "RESPONDENT"))
                .body("parties[0].name", equalTo("张三丰")).body("areaCode", equalTo(a.village()));
        assertEquals(caseId, data(topic.awaitType(id, "org.civicsafety.mediation.opened.v1", Duration.ofSeconds(30)))
                .path("sourceCaseId").asText());
        for (int i = 0; i < 2; i++) {
            step(id, Map.of("action", "RECORD_CONSENT", "partyId", mediation.path("parties[" + i + "].id"))).then()
                    .statusCode(200);
        }
        Response failed = step(id, Map.of("action", "CONCLUDE_FAILED", "reason", "双方分歧较大", "referral", "PETITION"));
        failed.then().statusCode(200).body("outcome", equalTo("FAILED")).body("referredCaseId", notNullValue());
        String newCase = failed.path("referredCaseId");
        as(officer).get("/api/v1/cases/" + newCase).then().statusCode(200).body("state", equalTo("REGISTERED"))
                .body("channel", equalTo("VISIT")).body("type", equalTo("REQUEST_GRIEVANCE"))
                .body("sourceMediationId", equalTo(id)).body("petitioner.name", equalTo("张三丰"))
                .body("title", containsString(mediation.path("number")));
        assertEquals("mediator", queryString(ds, "SELECT registered_role FROM petition_case WHERE id = ?::uuid",
                newCase));
        JsonNode concluded = data(topic.awaitType(id, "org.civicsafety.mediation.concluded.v1",
                Duration.ofSeconds(30)));
        assertEquals("PETITION", concluded.path("referral").asText());
        topic.awaitType(newCase, "org.civicsafety.case.registered.v1", Duration.ofSeconds(30));
    }
}
