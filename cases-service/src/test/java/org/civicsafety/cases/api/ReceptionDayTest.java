package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Leaders' reception days (mediation.md): the public calendar, bookings, the record of the day and its effects. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceptionDayTest {

    static final String BASE = "/api/v1/reception-days";

    @Inject DataSource ds;
    Areas a;
    String s;
    Callers who;
    String supervisor;
    String otherOfficer;
    TopicReader topic;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        s = suffix();
        who = callers(a, s);
        supervisor = token("sup-" + s, "supervisor", a.county(), null);
        otherOfficer = token("officer2-" + s, "petition_officer", a.otherCounty(), null);
        topic = new TopicReader(CASES_TOPIC);
    }

    @AfterAll
    void tearDown() {
        topic.close();
    }

    static String tomorrow() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
    }

    Map<String, Object> day(String area, int slots) {
        Map<String, Object> b = new HashMap<>();
        b.put("leader", Map.of("name", "王建国", "title", "县委书记"));
        b.put("areaCode", area);
        b.put("date", tomorrow());
        b.put("startTime", "09:00");
        b.put("endTime", "12:00");
        b.put("place", "县信访局接待大厅");
        b.put("topics", List.of("征地拆迁", "劳动保障"));
        b.put("slots", slots);
        return b;
    }

    String createDay(int slots) {
        return as(who.officer()).body(day(a.township(), slots)).post(BASE).then().statusCode(201)
                .header("Location", containsString(BASE + "/")).extract().path("id");
    }

    static String citizenToken(String name) {
        return token(name, "citizen", null, null);
    }

    static Map<String, Object> booking(String contact) {
        return new HashMap<>(Map.of("summary", "征地补偿款至今未发放", "contactPreference", contact));
    }

    Map<String, Object> onBehalf(String phone) {
        Map<String, Object> b = booking("SMS");
        b.put("citizen", Map.of("name", "李明", "phone", phone, "idNumber", randomId()));
        return b;
    }

    Response book(String token, String dayId, Map<String, Object> body) {
        return as(token).body(body).post(BASE + "/" + dayId + "/bookings");
    }

    @Test
    void aDayFillsUpRefusesTheNextBookingAndACancellationFreesASlot() {
        String day = createDay(2);
        String first = citizenToken("c1-" + s);
        String second = citizenToken("c2-" + s);
        Response b1 = book(first, day, booking("NONE"));
        b1.then().statusCode(201).header("Location", endsWith(BASE + "/" + day + "/bookings/" + b1.path("id")))
                .body("number", matchesPattern("JF-\\d{4}-\\d{6}")).body("slot", is(1)).body("state", equalTo("BOOKED"))
                .body("slotStart", equalTo(tomorrow() + "T09:00:00+08:00"))
                .body("slotEnd", equalTo(tomorrow() + "T10:30:00+08:00"));
        book(second, day, booking("NONE")).then().statusCode(201).body("slot", is(2))
                .body("slotStart", equalTo(tomorrow() + "T10:30:00+08:00"))
                .body("slotEnd", equalTo(tomorrow() + "T12:00:00+08:00"));
        given().get(BASE + "/" + day).then().statusCode(200).body("slotsLeft", is(0)).body("slots", is(2));
        problem(book(citizenToken("c3-" + s), day, booking("NONE")).then(), 409)
                .body("type", equalTo("https://civicsafety.org/problems/conflict"))
                .body("detail", containsString("fully booked"));
        // the citizen cancels: the slot is free, the next booking takes it
        as(first).delete(BASE + "/" + day + "/bookings/" + b1.path("id")).then().statusCode(204);
        as(first).get(BASE + "/" + day + "/bookings/" + b1.path("id")).then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("cancelledAt", notNullValue());
        given().get(BASE + "/" + day).then().body("slotsLeft", is(1));
        book(citizenToken("c3-" + s), day, booking("NONE")).then().statusCode(201).body("slot", is(1));
        // cancelling again changes nothing
        as(first).delete(BASE + "/" + day + "/bookings/" + b1.path("id")).then().statusCode(204);
        given().get(BASE + "/" + day).then().body("slotsLeft", is(0));
        // the citizen's own list
        as(first).get(BASE + "/bookings/mine").then().statusCode(200).body("items.id", hasItem(b1.<String>path("id")))
                .body("items[0].state", equalTo("CANCELLED"));
    }

    @Test
    void theCalendarIsPublicAndCarriesNoBookingData() {
        String day = createDay(5);
        String phone = randomPhone();
        book(who.officer(), day, onBehalf(phone)).then().statusCode(201);
        String list = given().queryParam("areaCode", a.county()).queryParam("limit", 500).get(BASE).then()
                .statusCode(200).body("items.id", hasItem(day)).extract().asString();
        String one = given().get(BASE + "/" + day).then().statusCode(200).body("slotsLeft", is(4))
                .body("leader.name", equalTo("王建国")).body("topics", hasItem("征地拆迁"))
                .body("startTime", equalTo("09:00")).extract().asString();
        for (String body : List.of(list, one)) {
            assertFalse(body.contains(phone), "no citizen's phone in the public calendar");
            assertFalse(body.contains("李明"), "no citizen's name in the public calendar");
            assertFalse(body.contains("JF-"), "no booking number in the public calendar");
            assertFalse(body.contains("summary"), "no booking's matter in the public calendar");
        }
        // another county's calendar does not list it; a bad filter is a 400 naming it
        given().queryParam("areaCode", a.otherCounty()).get(BASE).then().statusCode(200)
                .body("items.id", not(hasItem(day)));
        problem(given().queryParam("from", "tomorrow").get(BASE).then(), 400).body("errors[0].field", equalTo("from"));
        problem(given().queryParam("cursor", "nonsense").get(BASE).then(), 400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void oneBookingPerCitizenPerDayAlsoUnderConcurrency() throws Exception {
        String day = createDay(20);
        String citizen = citizenToken("race-" + s);
        List<Integer> statuses = parallel(8, i -> book(citizen, day, booking("NONE")).statusCode());
        assertEquals(1, statuses.stream().filter(x -> x == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(x -> x == 409).count(), statuses.toString());
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM reception_booking WHERE day_id = ?::uuid", day));
        given().get(BASE + "/" + day).then().body("slotsLeft", is(19));
        // an officer booking on behalf of one person (by ID number) twice, in parallel, is refused the same way
        Map<String, Object> body = onBehalf(randomPhone());
        List<Integer> onBehalf = parallel(6, i -> book(who.officer(), day, body).statusCode());
        assertEquals(1, onBehalf.stream().filter(x -> x == 201).count(), onBehalf.toString());
        problem(book(citizen, day, booking("NONE")).then(), 409).body("detail", containsString("already holds"));
    }

    @Test
    void concurrentBookingsOfDifferentCitizensFillTheDayExactly() throws Exception {
        String day = createDay(3);
        List<Integer> statuses = parallel(8,
                i -> book(citizenToken("crowd" + i + "-" + s), day, booking("NONE")).statusCode());
        assertEquals(3, statuses.stream().filter(x -> x == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(x -> x == 409).count(), statuses.toString());
        assertEquals(3, queryLong(ds,
                "SELECT count(DISTINCT slot) FROM reception_booking WHERE day_id = ?::uuid AND state = 'BOOKED'", day));
    }

    @Test
    void aBookingIsRetryableWithAnIdempotencyKey() {
        String day = createDay(4);
        String citizen = citizenToken("idem-" + s);
        String id = as(citizen).header("Idempotency-Key", "k-" + s).body(booking("NONE"))
                .post(BASE + "/" + day + "/bookings").then().statusCode(201).extract().path("id");
        as(citizen).header("Idempotency-Key", "k-" + s).body(booking("NONE")).post(BASE + "/" + day + "/bookings")
                .then().statusCode(201).body("id", equalTo(id)).header("Location", endsWith(id));
        given().get(BASE + "/" + day).then().body("slotsLeft", is(3));
    }

    @Test
    void theCitizenIsToldOfTheBookingAndItsCancellationByTheChosenChannel() throws Exception {
        String day = createDay(4);
        String phone = randomPhone();
        String citizen = citizenToken("sms-" + s);
        Map<String, Object> body = booking("SMS");
        body.put("citizen", Map.of("name", "赵六", "phone", phone));
        String id = book(citizen, day, body).then().statusCode(201).extract().path("id");
        String number = as(citizen).get(BASE + "/" + day + "/bookings/" + id).then().extract().path("number");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Captures.smsTo(phone).size() == 1);
        assertTrue(Captures.smsTo(phone).get(0).path("text").asText().contains(number));
        as(citizen).get("/api/v1/me/notices").then().statusCode(200)
                .body("items.type", hasItem("RECEPTION_BOOKED"))
                .body("items.subjectType", hasItem("reception-booking"));
        as(citizen).delete(BASE + "/" + day + "/bookings/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Captures.smsTo(phone).size() == 2);
        as(citizen).get("/api/v1/me/notices").then().body("items.type", hasItem("RECEPTION_CANCELLED"));
        // SMS without a phone anywhere is a 400 naming the preference
        problem(book(citizenToken("nophone-" + s), day, booking("SMS")).then(), 400)
                .body("errors.field", hasItem("contactPreference"));
    }

    @Test
    void scopesAndPersonalData() throws Exception {
        String day = createDay(6);
        String phone = randomPhone();
        String booking = book(who.officer(), day, onBehalf(phone)).then().statusCode(201)
                .body("citizen.phone", equalTo(phone)).extract().path("id");
        // the petition office sees the citizen whole; a supervisor masked; another county nothing
        as(who.officer()).get(BASE + "/" + day + "/bookings").then().statusCode(200)
                .body("items[0].citizen.phone", equalTo(phone)).body("items[0].citizen.name", equalTo("李明"));
        as(supervisor).get(BASE + "/" + day + "/bookings").then().statusCode(200)
                .body("items[0].citizen.phone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)))
                .body("items[0].citizen.name", equalTo("李*"));
        problem(as(otherOfficer).get(BASE + "/" + day + "/bookings").then(), 404);
        problem(as(otherOfficer).get(BASE + "/" + day + "/bookings/" + booking).then(), 404);
        problem(as(otherOfficer).delete(BASE + "/" + day + "/bookings/" + booking).then(), 404);
        problem(book(otherOfficer, day, onBehalf(randomPhone())).then(), 403);
        // stored only encrypted
        for (byte[] stored : queryBytes(ds, "SELECT citizen_enc FROM reception_booking WHERE id = ?::uuid", booking)) {
            assertFalse(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).contains(phone));
        }
        // another citizen cannot see or cancel it; a citizen cannot list the day's bookings
        String stranger = citizenToken("stranger-" + s);
        problem(as(stranger).get(BASE + "/" + day + "/bookings/" + booking).then(), 404);
        problem(as(stranger).delete(BASE + "/" + day + "/bookings/" + booking).then(), 404);
        problem(as(stranger).get(BASE + "/" + day + "/bookings").then(), 403);
        // announcing a day outside one's area, or as a citizen
        problem(as(otherOfficer).body(day(a.village(), 3)).post(BASE).then(), 403);
        problem(as(stranger).body(day(a.village(), 3)).post(BASE).then(), 403);
        problem(given().contentType("application/json").body(day(a.village(), 3)).post(BASE).then(), 401);
        // the day's staff views need a login
        problem(given().get(BASE + "/" + day + "/bookings").then(), 401);
        problem(given().get(BASE + "/" + java.util.UUID.randomUUID()).then(), 404);
    }

    @Test
    void badInputIsA400NamingTheFields() {
        Map<String, Object> b = day(a.village(), 0);
        b.put("endTime", "08:00");
        problem(as(who.officer()).body(b).post(BASE).then(), 400).body("errors.field", hasItem("slots"));
        b.put("slots", 3);
        problem(as(who.officer()).body(b).post(BASE).then(), 400).body("errors.field", hasItem("endTime"));
        Map<String, Object> c = day("NOWHERE-" + s, 3);
        c.remove("place");
        problem(as(who.officer()).body(c).post(BASE).then(), 400).body("errors.field", hasItem("place"));
        c.put("place", "x");
        problem(as(who.officer()).body(c).post(BASE).then(), 400).body("errors.field", hasItem("areaCode"));
        Map<String, Object> d = day(a.village(), 3);
        d.put("startTime", "nine");
        problem(as(who.officer()).body(d).post(BASE).then(), 400);
        String day = createDay(3);
        Map<String, Object> noCitizen = booking("NONE");
        problem(book(who.officer(), day, noCitizen).then(), 400).body("errors.field", hasItem("citizen"));
        Map<String, Object> bad = booking("LETTER");
        problem(book(citizenToken("bad-" + s), day, bad).then(), 400);
        Map<String, Object> foreignCase = booking("NONE");
        foreignCase.put("caseId", java.util.UUID.randomUUID().toString());
        problem(book(citizenToken("bad-" + s), day, foreignCase).then(), 400).body("errors.field", hasItem("caseId"));
    }

    @Test
    void aPastDayTakesNoBookings() throws Exception {
        String day = createDay(3);
        update(ds, "UPDATE reception_day SET day = day - 10 WHERE id = ?::uuid", day);
        problem(book(citizenToken("late-" + s), day, booking("NONE")).then(), 409)
                .body("type", endsWith("/illegal-transition"));
    }

    // ---- the record of the day ----

    Map<String, Object> record(String bookingId, String outcome) {
        Map<String, Object> r = new HashMap<>();
        r.put("bookingId", bookingId);
        r.put("outcome", outcome);
        return r;
    }

    Response postRecord(String token, String day, Map<String, Object> body) {
        return as(token).body(body).post(BASE + "/" + day + "/records");
    }

    @Test
    void aNewCaseOutcomeRegistersAVisitPetitionForTheBookedCitizen() {
        String day = createDay(4);
        String citizenSub = "newcase-" + s;
        String citizen = citizenToken(citizenSub);
        Map<String, Object> body = booking("NONE");
        String phone = randomPhone();
        body.put("citizen", Map.of("name", "钱七", "phone", phone));
        String booking = book(citizen, day, body).then().statusCode(201).extract().path("id");
        Map<String, Object> rec = record(booking, "NEW_CASE");
        rec.put("case", Map.of("type", "REQUEST_GRIEVANCE", "title", words(4), "content", words(14)));
        Response r = postRecord(who.officer(), day, rec);
        r.then().statusCode(201).body("outcome", equalTo("NEW_CASE")).body("bookingNumber", startsWith("JF-"))
                .body("caseNumber", startsWith("XF-")).header("Location", endsWith(r.path("url").toString()));
        String caseId = r.path("caseId");
        // the petition is the citizen's: a VISIT in the day's area, with their contact, which they can follow
        as(citizen).get("/api/v1/cases/" + caseId).then().statusCode(200).body("channel", equalTo("VISIT"))
                .body("areaCode", equalTo(a.township())).body("petitioner.phone", equalTo(phone))
                .body("petitioner.name", equalTo("钱七"));
        as(citizen).get(BASE + "/" + day + "/bookings/" + booking).then().body("state", equalTo("RECEIVED"));
        // received once; a received booking cannot be cancelled
        problem(postRecord(who.officer(), day, record(booking, "RESOLVED_ON_SPOT")).then(), 409);
        problem(as(citizen).delete(BASE + "/" + day + "/bookings/" + booking).then(), 409);
        as(who.officer()).get(BASE + "/" + day + "/records").then().statusCode(200).body("items.caseId",
                hasItem(caseId));
        as(who.officer()).get(r.path("url").toString()).then().statusCode(200).body("id", equalTo(r.path("id")));
        // a bad registration names the case's field
        Map<String, Object> walkIn = new HashMap<>(Map.of("outcome", "NEW_CASE", "walkIn",
                Map.of("name", "孙八", "phone", randomPhone()), "case", Map.of("type", "REQUEST_GRIEVANCE",
                        "content", words(5))));
        problem(postRecord(who.officer(), day, walkIn).then(), 400).body("errors.field", hasItem("case.title"));
    }

    @Test
    void anInstructionPutsTheCaseOnTheBacklogLedgerUnderTheLeader() {
        String citizen = who.citizen();
        String caseId = as(citizen).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String day = createDay(4);
        Map<String, Object> body = booking("NONE");
        body.put("caseId", caseId);
        String booking = book(citizen, day, body).then().statusCode(201).body("caseId", equalTo(caseId)).extract()
                .path("id");
        Map<String, Object> rec = record(booking, "INSTRUCTED");
        problem(postRecord(who.officer(), day, rec).then(), 400).body("errors.field", hasItem("instruction"));
        rec.put("instruction", "请县自然资源局两周内拿出解决方案");
        postRecord(who.officer(), day, rec).then().statusCode(201).body("caseId", equalTo(caseId))
                .body("instruction", equalTo("请县自然资源局两周内拿出解决方案"));
        as(supervisor).get("/api/v1/cases/" + caseId).then().statusCode(200).body("flags.backlog", is(true))
                .body("backlog.leader", equalTo("王建国（县委书记）"));
        as(supervisor).get("/api/v1/cases/" + caseId + "/supervisions").then()
                .body("items.note", hasItem("请县自然资源局两周内拿出解决方案"));
        as(supervisor).queryParam("backlog", true).queryParam("areaCode", a.village()).get("/api/v1/cases").then()
                .body("items.id", hasItem(caseId));
        as(who.officer()).get("/api/v1/cases/" + caseId + "/history").then()
                .body("items.action", hasItems("BACKLOG", "SUPERVISE"));
        topic.awaitType(caseId, "org.civicsafety.case.backlogged.v1", Duration.ofSeconds(30));
    }

    @Test
    void walkInsReferralsAndResolutionsOnTheSpot() {
        String day = createDay(2);
        String phone = randomPhone();
        Map<String, Object> walkIn = new HashMap<>(Map.of("outcome", "REFERRED",
                "walkIn", Map.of("name", "周九", "phone", phone)));
        problem(postRecord(who.officer(), day, walkIn).then(), 400).body("errors.field", hasItem("referral"));
        walkIn.put("referral", "LITIGATION");
        postRecord(who.officer(), day, walkIn).then().statusCode(201).body("walkIn.phone", equalTo(phone))
                .body("referral", equalTo("LITIGATION")).body("bookingId", nullValue());
        Map<String, Object> onSpot = new HashMap<>(Map.of("outcome", "RESOLVED_ON_SPOT", "note", "当场解答政策",
                "walkIn", Map.of("name", "吴十")));
        postRecord(who.officer(), day, onSpot).then().statusCode(201).body("caseId", nullValue());
        // a supervisor sees walk-ins masked; another county's officer not at all, nor may record
        as(supervisor).get(BASE + "/" + day + "/records").then().statusCode(200)
                .body("items.walkIn.phone", hasItem(phone.substring(0, 3) + "****" + phone.substring(7)))
                .body("items.walkIn.name", hasItem("周*"));
        problem(as(otherOfficer).get(BASE + "/" + day + "/records").then(), 404);
        problem(postRecord(otherOfficer, day, onSpot).then(), 404);
        problem(postRecord(supervisor, day, onSpot).then(), 403);
        // neither, or both, of booking and walk-in
        problem(postRecord(who.officer(), day, Map.of("outcome", "RESOLVED_ON_SPOT")).then(), 400)
                .body("errors.field", hasItem("bookingId"));
        problem(postRecord(who.officer(), day, record(java.util.UUID.randomUUID().toString(), "RESOLVED_ON_SPOT"))
                .then(), 400).body("errors.field", hasItem("bookingId"));
    }

    // ---- leaders' visits and appointments on backlog cases, and the statistics ----

    String backlogCase(Areas area, String citizen, String sup) {
        String id = as(citizen).body(caseBody(area.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as(sup).body(Map.of("leader", "李副县长", "plan", "专班处理", "targetDate", tomorrow()))
                .post("/api/v1/cases/" + id + "/backlog").then().statusCode(200);
        return id;
    }

    static Map<String, Object> contact(String kind, String date) {
        return Map.of("leader", "王建国（县委书记）", "kind", kind, "date", date, "place", "东关镇幸福村", "summary",
                "到信访人家中了解补偿款发放情况");
    }

    @Test
    void aLeadersVisitIsInTheCaseHistoryAndTheBacklogLedger() {
        String caseId = backlogCase(a, who.citizen(), supervisor);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String earlier = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(20).toString();
        Response first = as(supervisor).body(contact("VISIT", today))
                .post("/api/v1/cases/" + caseId + "/leader-contacts");
        first.then().statusCode(201).body("kind", equalTo("VISIT")).body("leader", equalTo("王建国（县委书记）"))
                .body("date", equalTo(today)).header("Location", endsWith(first.path("url").toString()));
        as(supervisor).body(contact("APPOINTMENT", earlier)).post("/api/v1/cases/" + caseId + "/leader-contacts")
                .then().statusCode(201);
        as(who.officer()).get(first.path("url").toString()).then().statusCode(200).body("summary",
                equalTo("到信访人家中了解补偿款发放情况"));
        as(who.officer()).get("/api/v1/cases/" + caseId + "/leader-contacts").then().statusCode(200)
                .body("items.kind", contains("VISIT", "APPOINTMENT"));
        as(who.officer()).get("/api/v1/cases/" + caseId + "/history").then()
                .body("items.action", hasItem("LEADER_CONTACT"))
                .body("items.find { it.action == 'LEADER_CONTACT' }.note", containsString("VISIT 王建国（县委书记）"));
        // the ledger shows the latest contact (by its date, not the order recorded)
        as(supervisor).queryParam("backlog", true).queryParam("areaCode", a.village()).queryParam("limit", 500)
                .get("/api/v1/cases").then().statusCode(200)
                .body("items.find { it.id == '" + caseId + "' }.lastLeaderContact.kind", equalTo("VISIT"))
                .body("items.find { it.id == '" + caseId + "' }.lastLeaderContact.date", equalTo(today));
        // only supervisors over the area, only on backlog cases, only whole bodies
        problem(as(who.officer()).body(contact("VISIT", today)).post("/api/v1/cases/" + caseId + "/leader-contacts")
                .then(), 403);
        problem(as(token("sup2-" + s, "supervisor", a.otherCounty(), null)).body(contact("VISIT", today))
                .post("/api/v1/cases/" + caseId + "/leader-contacts").then(), 404);
        String notBacklog = as(who.citizen()).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        problem(as(supervisor).body(contact("VISIT", today)).post("/api/v1/cases/" + notBacklog + "/leader-contacts")
                .then(), 409);
        Map<String, Object> bad = new HashMap<>(contact("CALL", today));
        problem(as(supervisor).body(bad).post("/api/v1/cases/" + caseId + "/leader-contacts").then(), 400)
                .body("errors.field", hasItem("kind"));
        bad.put("kind", "VISIT");
        bad.remove("date");
        problem(as(supervisor).body(bad).post("/api/v1/cases/" + caseId + "/leader-contacts").then(), 400)
                .body("errors.field", hasItem("date"));
        problem(as(who.officer()).get("/api/v1/cases/" + caseId + "/leader-contacts/999999999").then(), 404);
    }

    @Test
    void statisticsOfReceptionsAndOfLeadersContactsWithBacklogCases() throws Exception {
        Areas own = areas(ds);
        String officer = token("stats-officer-" + s, "petition_officer", own.county(), null);
        String sup = token("stats-sup-" + s, "supervisor", own.county(), null);
        String citizen = citizenToken("stats-c-" + s);
        String day = as(officer).body(day(own.township(), 5)).post(BASE).then().statusCode(201).extract().path("id");
        String booking = book(citizen, day, booking("NONE")).then().statusCode(201).extract().path("id");
        postRecord(officer, day, record(booking, "RESOLVED_ON_SPOT")).then().statusCode(201);
        postRecord(officer, day, new HashMap<>(Map.of("outcome", "REFERRED", "referral", "ARBITRATION", "walkIn",
                Map.of("name", "郑一")))).then().statusCode(201);
        postRecord(officer, day, new HashMap<>(Map.of("outcome", "RESOLVED_ON_SPOT", "walkIn",
                Map.of("name", "王二")))).then().statusCode(201);
        // a day without anyone received was not held
        as(officer).body(day(own.village(), 5)).post(BASE).then().statusCode(201);
        String contacted = backlogCase(own, citizen, sup);
        String stale = backlogCase(own, citizen, sup);
        backlogCase(own, citizen, sup);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        as(sup).body(contact("VISIT", today.minusDays(3).toString()))
                .post("/api/v1/cases/" + contacted + "/leader-contacts").then().statusCode(201);
        as(sup).body(contact("APPOINTMENT", today.minusDays(120).toString()))
                .post("/api/v1/cases/" + stale + "/leader-contacts").then().statusCode(201);
        as(sup).queryParam("areaCode", own.county()).get(BASE + "/stats").then().statusCode(200)
                .body("receptionsHeld", is(1)).body("peopleReceived", is(3))
                .body("byOutcome.RESOLVED_ON_SPOT", is(2)).body("byOutcome.REFERRED", is(1))
                .body("backlogCases", is(3)).body("backlogCasesWithLeaderContact", is(1))
                .body("leaderContactShare", is(0.3333f));
        // the period, and the caller's scope
        as(sup).queryParam("areaCode", own.county()).queryParam("to", today.toString()).get(BASE + "/stats").then()
                .body("receptionsHeld", is(0));
        as(token("stats-an-" + s, "analyst", own.otherCounty(), null)).queryParam("areaCode", own.county())
                .get(BASE + "/stats").then().statusCode(200).body("receptionsHeld", is(0)).body("backlogCases", is(0))
                .body("leaderContactShare", nullValue());
        problem(as(citizen).get(BASE + "/stats").then(), 403);
        problem(as(sup).queryParam("from", "soon").get(BASE + "/stats").then(), 400)
                .body("errors.field", hasItem("from"));
    }

    interface Call {
        int run(int i) throws Exception;
    }

    /** Runs {@code n} calls at once (released together) and returns their statuses. */
    static List<Integer> parallel(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                Callable<Integer> task = () -> {
                    go.await();
                    return call.run(k);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
