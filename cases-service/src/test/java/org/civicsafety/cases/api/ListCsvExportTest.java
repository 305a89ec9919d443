package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The other lists as CSV downloads (console-api design §1): each export is its JSON list's items, for the same
 * caller — personal data whole or masked exactly as the JSON shows it to them — and a list the caller may not read
 * is the same problem as for JSON.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListCsvExportTest {

    @Inject DataSource ds;
    Areas a;
    String s;
    Callers who;
    String supervisor;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        s = suffix();
        who = callers(a, s);
        supervisor = token("sup-" + s, "supervisor", a.county(), null);
    }

    private static io.restassured.response.Response csv(String token, String path) {
        return (token == null ? given() : given().auth().oauth2(token)).accept("text/csv").get(path);
    }

    private static JsonPath json(String token, String path) {
        return (token == null ? given() : given().auth().oauth2(token)).get(path).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void receptionBookingsShowTheCitizenAsTheJsonDoes() {
        Map<String, Object> day = new HashMap<>();
        day.put("leader", Map.of("name", "王建国", "title", "县委书记"));
        day.put("areaCode", a.township());
        day.put("date", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString());
        day.put("startTime", "09:00");
        day.put("endTime", "12:00");
        day.put("place", "县信访局接待大厅");
        day.put("topics", List.of("征地拆迁", "劳动保障"));
        day.put("slots", 4);
        String dayId = as(who.officer()).body(day).post("/api/v1/reception-days").then().statusCode(201).extract()
                .path("id");
        String phone = randomPhone();
        Map<String, Object> booking = new HashMap<>(Map.of("summary", "征地补偿款至今未发放", "contactPreference", "SMS"));
        booking.put("citizen", Map.of("name", "李明", "phone", phone, "idNumber", randomId()));
        as(who.officer()).body(booking).post("/api/v1/reception-days/" + dayId + "/bookings").then().statusCode(201);

        String bookings = "/api/v1/reception-days/" + dayId + "/bookings";
        Csv.Table whole = Csv.export(csv(who.officer(), bookings), "reception-bookings");
        assertEquals(json(who.officer(), bookings).getList("items.id"), whole.column("id"));
        assertEquals(List.of("李明"), whole.column("citizen.name"), whole.header().toString());
        assertEquals(List.of(phone), whole.column("citizen.phone"));
        Csv.Table masked = Csv.export(csv(supervisor, bookings), "reception-bookings");
        assertEquals(json(supervisor, bookings).getList("items.citizen.name"), masked.column("citizen.name"));
        assertEquals(List.of("李*"), masked.column("citizen.name"));
        assertEquals(List.of(phone.substring(0, 3) + "****" + phone.substring(7)), masked.column("citizen.phone"));
        problem(csv(token("o2-" + s, "petition_officer", a.otherCounty(), null), bookings).then(), 404);
        problem(csv(who.citizen(), bookings).then(), 403);

        // the public calendar, without a login: a list of scalars is one cell
        String calendar = "/api/v1/reception-days?areaCode=" + a.township();
        Csv.Table days = Csv.export(csv(null, calendar), "reception-days");
        assertEquals(json(null, calendar).getList("items.id"), days.column("id"));
        assertEquals(List.of("征地拆迁; 劳动保障"), days.column("topics"));
        assertEquals(List.of("王建国"), days.column("leader.name"));
        Csv.Table records = Csv.export(csv(who.officer(), "/api/v1/reception-days/" + dayId + "/records"),
                "reception-records");
        assertEquals(List.of(), records.rows(), "no one received yet: the header only");
        assertTrue(records.header().contains("id"), records.header().toString());
    }

    @Test
    void aCasesOwnListsAreTheirJson() {
        String id = as(who.officer()).body(caseBody(a.village(), "VISIT", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200);
        as(supervisor).body(Map.of("note", "请加快办理，=尽快答复")).post("/api/v1/cases/" + id + "/supervisions").then()
                .statusCode(201);
        String base = "/api/v1/cases/" + id;
        Csv.Table history = Csv.export(csv(who.officer(), base + "/history"), "case-history");
        assertEquals(json(who.officer(), base + "/history").getList("items.action"), history.column("action"));
        assertEquals(List.of("REGISTER", "ASSIGN", "SUPERVISE"), history.column("action"));
        Csv.Table notes = Csv.export(csv(who.handler(), base + "/supervisions"), "case-supervisions");
        assertEquals(List.of("请加快办理，=尽快答复"), notes.column("note"));
        Csv.Table attachments = Csv.export(csv(who.officer(), base + "/attachments"), "case-attachments");
        assertEquals(List.of("id", "filename", "mediaType", "size", "createdAt", "url"), attachments.header());
        assertEquals(List.of(), attachments.rows());
        Csv.Table contacts = Csv.export(csv(who.officer(), base + "/leader-contacts"), "case-leader-contacts");
        assertEquals(List.of(), contacts.rows());
        Csv.Table written = Csv.export(csv(who.officer(), base + "/written-notices"), "written-notices");
        assertEquals(json(who.officer(), base + "/written-notices").getList("items.id"), written.column("id"));
        problem(csv(who.officer(), "/api/v1/cases/" + java.util.UUID.randomUUID() + "/history").then(), 404);
        problem(csv(token("g-" + s, "grid_worker", a.otherCounty(), null), base + "/history").then(), 404);
    }

    @Test
    void theDeliveryLogMasksAddressesAsTheJsonDoes() {
        String phone = randomPhone();
        String id = as(who.citizen()).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", phone))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String log = "/api/v1/notices?recipientType=USER&limit=500";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(supervisor, log).getList("items.subjectId").contains(id));
        JsonPath page = json(supervisor, log);
        Csv.Table table = Csv.export(csv(supervisor, log.replace("limit=500", "limit=1")), "notices");
        assertEquals(page.getList("items.id"), table.column("id"));
        String deliveries = table.rows().get(table.column("subjectId").indexOf(id)).get("deliveries");
        assertTrue(deliveries.contains(phone.substring(0, 3) + "****" + phone.substring(7)), deliveries);
        assertTrue(!deliveries.contains(phone), "the address masked, as in the JSON");
        problem(csv(supervisor, "/api/v1/notices?status=LOST").then(), 400).body("errors[0].field", equalTo("status"));
        problem(csv(who.citizen(), "/api/v1/notices").then(), 403);
    }

    /** Longer than a page (500): the later pages are read while the answer streams, in the caller's scope. */
    @Test
    void anExportLongerThanAPageIsTheWholeList() {
        String admin = token("admin-" + s, "admin", null, null);
        for (int i = 0; i < 501; i++) {
            as(admin).body(Map.of("name", "调解员" + i, "committee", "西关镇人民调解委员会", "areaCode", a.otherCounty()))
                    .post("/api/v1/mediators").then().statusCode(201);
        }
        String mediators = "/api/v1/mediators?areaCode=" + a.otherCounty();
        String other = token("sup2-" + s, "supervisor", a.otherCounty(), null);
        JsonPath first = json(other, mediators + "&limit=500");
        List<Object> ids = new java.util.ArrayList<>(first.getList("items.id"));
        ids.addAll(json(other, mediators + "&limit=500&cursor=" + first.getString("nextCursor"))
                .getList("items.id"));
        Csv.Table table = Csv.export(csv(other, mediators), "mediators");
        assertEquals(501, ids.size());
        assertEquals(ids, table.column("id"), "every mediator once, in the list's order");
    }

    @Test
    void mediationListsAnswerCsvToo() {
        String admin = token("admin-" + s, "admin", null, null);
        as(admin).body(Map.of("name", "王建国", "committee", "东关镇人民调解委员会", "areaCode", a.township(), "specialties",
                List.of("NEIGHBOURHOOD", "LABOUR"))).post("/api/v1/mediators").then().statusCode(201);
        String mediators = "/api/v1/mediators?areaCode=" + a.township();
        Csv.Table table = Csv.export(csv(supervisor, mediators), "mediators");
        assertEquals(json(supervisor, mediators).getList("items.id"), table.column("id"));
        assertEquals(List.of("王建国"), table.column("name"));
        assertEquals(List.of("NEIGHBOURHOOD; LABOUR"), table.column("specialties"));
        Csv.Table none = Csv.export(csv(supervisor, "/api/v1/mediations?areaCode=" + a.township()), "mediations");
        assertEquals(List.of(), none.rows());
        assertTrue(none.header().containsAll(List.of("id", "number", "mediatorIds")), none.header().toString());
        problem(csv(supervisor, "/api/v1/mediations?state=NOPE").then(), 400).body("errors[0].field",
                equalTo("state"));
    }
}
