package org.civicsafety.cases.api;

import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /cases/stats?groupBy= (console-api design §2): the same figures per period, type, unit or child area. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseStatsGroupingTest {

    @Inject DataSource ds;
    Areas a;
    Callers who;
    String analyst;
    String assigned;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        who = callers(a, suffix());
        analyst = token("an-" + suffix(), "analyst", a.county(), null);
    }

    /**
     * Four cases in the village, registered (in Shanghai time) on Sunday 29 November 23:30 (week 48, November),
     * Monday 30 November 00:30 (week 49, November), Tuesday 1 December 00:30 — still 30 November in UTC — and 2
     * December (week 49, December); one of them assigned to the village's unit.
     */
    @BeforeEach
    void register() throws Exception {
        if (assigned != null) {
            return;
        }
        List<String> at = List.of("2026-11-29T23:30:00+08:00", "2026-11-30T00:30:00+08:00",
                "2026-12-01T00:30:00+08:00", "2026-12-02T10:00:00+08:00");
        List<String> types = List.of("REQUEST_GRIEVANCE", "REQUEST_GRIEVANCE", "SUGGESTION", "REQUEST_GRIEVANCE");
        for (int i = 0; i < at.size(); i++) {
            String id = as(who.officer()).body(caseBody(a.village(), "VISIT", types.get(i), randomPhone()))
                    .post("/api/v1/cases").then().statusCode(201).extract().path("id");
            update(ds, "UPDATE petition_case SET created_at = ?::timestamptz WHERE id = ?::uuid", at.get(i), id);
            if (i == 3) {
                as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()))
                        .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200);
                assigned = id;
            }
        }
    }

    private JsonPath stats(String query) {
        return as(analyst).get("/api/v1/cases/stats?areaCode=" + a.county() + query).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void monthsInShanghaiTimeSumToTheTotal() {
        JsonPath s = stats("&from=2026-11-01&to=2026-12-31&groupBy=month");
        assertEquals(4, s.getInt("total"));
        assertEquals("month", s.getString("groupBy"));
        assertEquals(List.of("2026-11", "2026-12"), s.getList("groups.key"));
        assertEquals(List.of(2, 2), s.getList("groups.stats.total"));
        assertEquals("2026-12-01T00:00:00+08:00", s.getString("groups[1].from"));
        assertEquals("2027-01-01T00:00:00+08:00", s.getString("groups[1].to"));
        assertEquals(Map.of("REQUEST_GRIEVANCE", 1, "SUGGESTION", 1), s.getMap("groups[1].stats.byType"));
        assertFalse(s.getMap("groups[0].stats").containsKey("groups"), "a group's own figures are not grouped again");
    }

    @Test
    void everyIsoWeekIsListedZeroFilled() {
        JsonPath s = stats("&from=2026-11-16&to=2026-12-06&groupBy=week");
        assertEquals(List.of("2026-W47", "2026-W48", "2026-W49"), s.getList("groups.key"));
        assertEquals(List.of(0, 1, 3), s.getList("groups.stats.total"));
        assertEquals("2026-11-30T00:00:00+08:00", s.getString("groups[2].from"), "Monday first");
    }

    @Test
    void typesAndUnitsMostFirst() {
        JsonPath types = stats("&from=2026-11-01&groupBy=category");
        assertEquals(List.of("REQUEST_GRIEVANCE", "SUGGESTION"), types.getList("groups.key"));
        assertEquals(List.of(3, 1), types.getList("groups.stats.total"));
        JsonPath units = stats("&from=2026-11-01&groupBy=unit");
        assertEquals(List.of("UNASSIGNED", who.unit()), units.getList("groups.key"));
        assertEquals(List.of(3, 1), units.getList("groups.stats.total"));
        assertEquals("Unit " + who.unit(), units.getString("groups[1].name"), "the unit directory's name");
    }

    @Test
    void childAreasAreTheScopedAreasChildren() {
        JsonPath county = stats("&groupBy=childArea");
        assertEquals(List.of(a.township()), county.getList("groups.key"));
        assertEquals("Area " + a.township(), county.getString("groups[0].name"));
        assertEquals(4, county.getInt("groups[0].stats.total"));
        assertEquals(a.township(), county.getString("groups[0].stats.areaCode"));
        JsonPath township = as(analyst).get("/api/v1/cases/stats?areaCode=" + a.township() + "&groupBy=childArea")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(a.village()), township.getList("groups.key"));
        // without areaCode: the children of the caller's own area
        JsonPath own = as(analyst).get("/api/v1/cases/stats?groupBy=childArea").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(List.of(a.township()), own.getList("groups.key"));
    }

    @Test
    void withoutGroupByTheAnswerIsAsBeforeAndABadOneIsA400() {
        as(analyst).get("/api/v1/cases/stats?areaCode=" + a.county()).then().statusCode(200)
                .body("$", not(hasKey("groupBy"))).body("$", not(hasKey("groups"))).body("total", equalTo(4));
        problem(as(analyst).get("/api/v1/cases/stats?groupBy=year").then(), 400)
                .body("errors[0].field", equalTo("groupBy"));
        problem(as(analyst).get("/api/v1/cases/stats?groupBy=week&from=2000-01-01").then(), 400)
                .body("errors[0].field", equalTo("from"));
    }
}
