package org.civicsafety.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dispute mediation and leaders' reception days (mediation.md) through the gateway against the packaged services:
 * a grid worker's dispute mediated to an agreement that resolves the incident in grid-service and moves the
 * village's I11/I12 in assessment-service; a refused and a failed mediation ending as the table says; a reception day
 * filling up, refusing the next booking and turning its records into a case and a backlog entry.
 */
class MediationFlowIT {
    private static final Duration ACROSS_SERVICES = Duration.ofSeconds(30);

    private final String s = Platform.suffix();
    private final String admin = Platform.token("e2e-med-admin-" + s, "admin", null);
    private final String analyst = Platform.token("e2e-med-analyst-" + s, "analyst", DemoCounty.COUNTY);
    private final String mediatorSub = "e2e-mediator-" + s;
    private final String mediator = Platform.token(mediatorSub, "mediator", DemoCounty.TOWNSHIP);

    @Test
    void aDisputeReportedByAGridWorkerIsMediatedToAnAgreementThatResolvesTheIncidentAndMovesTheVillagesIndex() {
        String worker = Platform.token("e2e-med-worker-" + s, "grid_worker", DemoCounty.GRID);
        String incident = reportDispute(worker);
        double[] before = {indicator("I11", "numerator"), indicator("I11", "denominator"),
                indicator("I12", "numerator"), indicator("I12", "denominator")};

        Map<String, Object> body = mediationBody(DemoCounty.VILLAGE);
        body.put("source", Map.of("incidentId", incident));
        // cases-service learns the incident from grid-service's events: until it has, the source is unknown (400)
        Response[] created = new Response[1];
        Platform.await("cases-service knows the dispute incident and opens a mediation of it", ACROSS_SERVICES, () -> {
            created[0] = create(body);
            return created[0].statusCode() == 201;
        });
        JsonPath mediation = created[0].jsonPath();
        String id = mediation.getString("id");
        String number = mediation.getString("number");
        List<String> parties = mediation.getList("parties.id");
        String trackingCode = mediation.getString("parties[0].trackingCode");
        assertEquals("OPEN", mediation.getString("state"));

        act(id, Map.of("action", "RECORD_CONSENT", "partyId", parties.get(0)), "OPEN");
        act(id, Map.of("action", "RECORD_CONSENT", "partyId", parties.get(1)), "IN_MEDIATION");
        act(id, Map.of("action", "ADD_SESSION", "heldAt", "2026-12-05T10:00:00+08:00", "place", "村调委会",
                "attendees", List.of("张三", "李四"), "notes", "双方陈述 " + s), "IN_MEDIATION");
        act(id, Map.of("action", "CONCLUDE_AGREEMENT", "written", true, "terms", "李四修好漏水的管道，张三撤回投诉。",
                "obligations", List.of(Map.of("partyId", parties.get(1), "content", "十日内修好管道",
                        "dueDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10).toString()))),
                "AGREED");

        Platform.await("grid-service resolved the incident, naming the mediation", ACROSS_SERVICES, () -> {
            JsonPath i = Platform.as(admin).get("/api/v1/incidents/" + incident).then().statusCode(200).extract()
                    .jsonPath();
            return "RESOLVED".equals(i.getString("state"));
        });
        String history = Platform.as(admin).get("/api/v1/incidents/" + incident + "/history").then().statusCode(200)
                .extract().asString();
        assertTrue(history.contains(number), "the resolution names mediation " + number + ": " + history);

        Platform.await("the village's I11 and I12 count the agreement", ACROSS_SERVICES,
                () -> indicator("I11", "numerator") == before[0] + 1 && indicator("I11", "denominator") == before[1] + 1
                        && indicator("I12", "numerator") == before[2] + 1
                        && indicator("I12", "denominator") == before[3] + 1);

        byte[] pdf = Platform.as(mediator).get("/api/v1/mediations/" + id + "/agreement.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        // a party follows the mediation by their tracking code without login, and sees nobody's personal data
        String tracked = Platform.anonymous().get("/api/v1/mediations/track/" + trackingCode).then().statusCode(200)
                .body("state", equalTo("AGREED")).body("number", equalTo(number)).extract().asString();
        assertFalse(tracked.contains("张三") || tracked.contains("李四"), tracked);
    }

    @Test
    void aRefusedAndAFailedMediationEndAsTheTableSays() {
        Response refused = create(mediationBody(DemoCounty.VILLAGE));
        refused.then().statusCode(201);
        String refusedId = refused.path("id");
        act(refusedId, Map.of("action", "REFUSE", "partyId", refused.path("parties[1].id"), "reason", "不愿调解"),
                "ENDED");
        get(refusedId).then().body("outcome", equalTo("REFUSED")).body("allowedActions", empty());

        Response failing = create(mediationBody(DemoCounty.VILLAGE));
        failing.then().statusCode(201);
        String failingId = failing.path("id");
        act(failingId, Map.of("action", "RECORD_CONSENT", "partyId", failing.path("parties[0].id")), "OPEN");
        act(failingId, Map.of("action", "RECORD_CONSENT", "partyId", failing.path("parties[1].id")), "IN_MEDIATION");
        act(failingId, Map.of("action", "CONCLUDE_FAILED", "reason", "分歧过大", "referral", "PETITION"), "ENDED");
        JsonPath failed = get(failingId).then().body("outcome", equalTo("FAILED"))
                .body("referral", equalTo("PETITION")).body("referredCaseId", notNullValue()).extract().jsonPath();
        String officer = Platform.token("e2e-med-officer-" + s, "petition_officer", DemoCounty.COUNTY);
        Platform.as(officer).get("/api/v1/cases/" + failed.getString("referredCaseId")).then().statusCode(200)
                .body("state", equalTo("REGISTERED"));
    }

    @Test
    void aReceptionDayFillsUpRefusesTheNextBookingAndTurnsItsRecordsIntoCasesAndBacklogEntries() {
        String officer = Platform.token("e2e-rec-officer-" + s, "petition_officer", DemoCounty.COUNTY);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Response day = Platform.as(officer).contentType(ContentType.JSON)
                .body(Map.of("leader", Map.of("name", "王建国", "title", "县委书记"), "areaCode", DemoCounty.TOWNSHIP,
                        "date", today, "startTime", "09:00", "endTime", "11:00", "place", "县信访局接待大厅 " + s,
                        "topics", List.of("征地拆迁"), "slots", 2))
                .post("/api/v1/reception-days");
        day.then().statusCode(201);
        String dayId = day.path("id");

        String first = Platform.token("e2e-rec-citizen1-" + s, "citizen", null);
        String second = Platform.token("e2e-rec-citizen2-" + s, "citizen", null);
        String third = Platform.token("e2e-rec-citizen3-" + s, "citizen", null);
        String booking1 = book(first, dayId, "房屋征收补偿标准不清").then().statusCode(201).extract().path("id");
        book(first, dayId, "还想再约一次").then().statusCode(409);
        String booking2 = book(second, dayId, "信访事项久拖未决").then().statusCode(201).extract().path("id");
        book(third, dayId, "也想反映问题").then().statusCode(409);
        // the public calendar shows the day full and nothing of who booked
        String published = Platform.anonymous().get("/api/v1/reception-days/" + dayId).then().statusCode(200)
                .body("slotsLeft", equalTo(0)).extract().asString();
        assertFalse(published.contains("房屋征收") || published.contains("e2e-rec-citizen"), published);

        Response newCase = Platform.as(officer).contentType(ContentType.JSON)
                .body(Map.of("bookingId", booking1, "outcome", "NEW_CASE", "case",
                        Map.of("type", "REQUEST_GRIEVANCE", "title", "征收补偿 " + s, "content",
                                "对房屋征收补偿标准有异议，请求公开补偿依据 " + unique(),
                                "petitioner", Map.of("name", "赵六", "phone", phone(), "idNumber", idNumber()))))
                .post("/api/v1/reception-days/" + dayId + "/records");
        newCase.then().statusCode(201).body("caseId", notNullValue());
        Platform.as(officer).get("/api/v1/cases/" + newCase.path("caseId")).then().statusCode(200)
                .body("channel", equalTo("VISIT"));

        String backlogCase = registerCase(officer);
        Response instructed = Platform.as(officer).contentType(ContentType.JSON)
                .body(Map.of("bookingId", booking2, "outcome", "INSTRUCTED", "caseId", backlogCase, "instruction",
                        "请县住建局十日内答复 " + s))
                .post("/api/v1/reception-days/" + dayId + "/records");
        instructed.then().statusCode(201);
        JsonPath ledger = Platform.as(officer).get("/api/v1/cases?backlog=true&limit=200&q=" + s).then()
                .statusCode(200).extract().jsonPath();
        assertTrue(ledger.getList("items.id").contains(backlogCase), "the instructed case is on the backlog ledger: "
                + ledger.prettify());
        Platform.as(officer).get("/api/v1/cases/" + backlogCase).then().statusCode(200)
                .body("backlog.leader", containsString("王建国"));
        String history = Platform.as(officer).get("/api/v1/cases/" + backlogCase + "/history").then().statusCode(200)
                .extract().asString();
        assertTrue(history.contains("请县住建局十日内答复"), "the instruction is a supervision note: " + history);
    }

    private String reportDispute(String worker) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Response created = Platform.as(worker).contentType(ContentType.JSON)
                    .body(Map.of("categoryCode", "NEIGHBOUR_DISPUTE", "description", "楼上漏水邻里纠纷 " + s,
                            "lat", DemoCounty.LAT + random.nextDouble(-0.0035, 0.0035),
                            "lon", DemoCounty.LON + random.nextDouble(-0.0035, 0.0035), "areaCode", DemoCounty.GRID,
                            "attributes", Map.of("dispute_type", "leak")))
                    .post("/api/v1/incidents");
            created.then().statusCode(201);
            if (!"DUPLICATE".equals(created.path("state"))) {
                return created.path("id");
            }
        }
        throw new AssertionError("ten dispute reports in the demo grid were all duplicates of open incidents");
    }

    /** Two parties and this test's own mediator (created in the directory, acting under {@link #mediatorSub}). */
    private Map<String, Object> mediationBody(String area) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "PEOPLES");
        body.put("areaCode", area);
        body.put("summary", "楼上漏水导致楼下天花板损坏 " + unique());
        body.put("disputeCategory", "NEIGHBOURHOOD");
        body.put("parties", List.of(
                Map.of("role", "APPLICANT", "name", "张三", "phone", phone(), "idNumber", idNumber(), "address", "一组"),
                Map.of("role", "RESPONDENT", "name", "李四", "phone", phone(), "address", "一组")));
        body.put("mediators", List.of(mediatorId()));
        return body;
    }

    private String mediatorId;

    private String mediatorId() {
        if (mediatorId == null) {
            mediatorId = Platform.as(admin).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("name", "调解员 " + s, "committee", "沙河村人民调解委员会", "areaCode", DemoCounty.TOWNSHIP,
                            "specialties", List.of("NEIGHBOURHOOD"), "userId", mediatorSub))
                    .post("/api/v1/mediators").then().statusCode(201).extract().path("id");
        }
        return mediatorId;
    }

    private Response create(Map<String, Object> body) {
        return Platform.as(mediator).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/v1/mediations");
    }

    private Response get(String id) {
        return Platform.as(mediator).get("/api/v1/mediations/" + id);
    }

    private void act(String id, Map<String, Object> body, String state) {
        String etag = get(id).then().statusCode(200).extract().header("ETag");
        assertNotNull(etag, "a mediation has an ETag");
        Platform.as(mediator).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .post("/api/v1/mediations/" + id + "/transitions").then().statusCode(200).body("state", equalTo(state));
    }

    private Response book(String citizen, String day, String summary) {
        return Platform.as(citizen).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("summary", summary + " " + s, "contactPreference", "NONE"))
                .post("/api/v1/reception-days/" + day + "/bookings");
    }

    private String registerCase(String officer) {
        return Platform.as(officer).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("channel", "VISIT", "type", "REQUEST_GRIEVANCE", "title", "旧城改造安置 " + s,
                        "content", "旧城改造安置房三年未交付 " + unique(), "areaCode", DemoCounty.VILLAGE,
                        "petitioner", Map.of("name", "钱七", "phone", phone(), "idNumber", idNumber())))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    /** One of the village's indicator figures in the running period (0 while it has none). */
    private double indicator(String id, String field) {
        Response score = Platform.as(analyst).get("/api/v1/scores/" + DemoCounty.VILLAGE);
        assertEquals(200, score.statusCode(), score.asString());
        Number n = score.path("indicators.find { it.id == '" + id + "' }." + field);
        return n == null ? 0 : n.doubleValue();
    }

    /**
     * Text no earlier run's petition resembles: very similar text in one area is a repeat of the case in handling
     * (cases.md), and a mediation that fails into a petition carries its summary.
     */
    private String unique() {
        return s + " " + UUID.randomUUID() + " " + UUID.randomUUID();
    }

    private static String phone() {
        return "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static String idNumber() {
        return "11010119850612" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }
}
