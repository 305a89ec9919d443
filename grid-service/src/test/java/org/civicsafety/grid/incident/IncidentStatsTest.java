package org.civicsafety.grid.incident;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /incidents/stats?groupBy=: periods in Asia/Shanghai, categories, units and child areas, each summing up. */
@QuarkusTest
class IncidentStatsTest {
    /** October and November 2026 in Shanghai. */
    static final String RANGE = "&from=2026-09-30T16:00:00Z&to=2026-11-30T16:00:00Z";

    @Inject AgroalDataSource ds;

    record Setup(Fixtures.Hierarchy h, String emptyVillage, String unit, String stats) {}

    /**
     * Four incidents of a township on both sides of a month's and a week's end in Shanghai (16:00 UTC is midnight
     * there): STREET_LIGHT on Saturday 31 October 23:30 and RUBBISH on Sunday 1 November 00:30, Sunday 29 November
     * 23:30 and Monday 30 November 00:30; two handled by a unit of the directory, one by a unit it does not know,
     * one by none. The township has a second village without incidents.
     */
    Setup setup() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String emptyVillage = h.township() + "-V2";
        Fixtures.create(Fixtures.area(emptyVillage, "VILLAGE", h.township(), null));
        String unit = "unit-stats-" + h.county();
        Fixtures.unit(unit, h.county());
        String worker = Tokens.token("w-stats", "grid_worker", h.grid(), null, null);
        String a = report(worker, h, "STREET_LIGHT", 0);
        String b = report(worker, h, "RUBBISH", 1);
        String c = report(worker, h, "RUBBISH", 2);
        String d = report(worker, h, "RUBBISH", 3);
        place(a, "2026-10-31T15:30:00Z", unit);
        place(b, "2026-10-31T16:30:00Z", unit);
        place(c, "2026-11-29T15:30:00Z", "unit-unknown-" + h.county());
        place(d, "2026-11-29T16:30:00Z", null);
        return new Setup(h, emptyVillage, unit, "/api/v1/incidents/stats?areaCode=" + h.township());
    }

    /** The {@code n}th report, 200 m east of the one before (no duplicate of it). */
    static String report(String token, Fixtures.Hierarchy h, String category, int n) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("categoryCode", category, "description", "统计 " + category + " " + n, "lat",
                        h.lat() + 0.001, "lon", h.lon() + 0.001 + 0.002 * n))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    void place(String id, String reportedAt, String unit) throws Exception {
        try (Connection conn = ds.getConnection();
                PreparedStatement ps = conn.prepareStatement(
                        "UPDATE incident SET reported_at = ?::timestamptz, assigned_unit = ? WHERE id = ?")) {
            ps.setString(1, reportedAt);
            ps.setString(2, unit);
            ps.setObject(3, UUID.fromString(id));
            assertEquals(1, ps.executeUpdate());
        }
    }

    @Test
    void monthsAndWeeksInShanghaiEveryPeriodListedSummingToTheTotal() throws Exception {
        Setup s = setup();
        String admin = Tokens.admin();
        JsonPath months = given().auth().oauth2(admin).get(s.stats() + "&groupBy=month" + RANGE).then()
                .statusCode(200).body("groupBy", equalTo("month")).body("incidents", equalTo(4))
                .body("groups.key", contains("2026-10", "2026-11"))
                .body("groups.stats.incidents", contains(1, 3))
                .body("groups.name", contains(null, null))
                .body("groups[0].stats.byCategory.STREET_LIGHT", equalTo(1))
                .body("groups[1].stats.byCategory.RUBBISH", equalTo(3))
                .body("groups[1].stats.areas[0].areaCode", equalTo(s.h().village()))
                .body("groups[1].stats.areas[0].incidents", equalTo(3))
                .body("groups[0].stats", not(hasKey("groups")))
                .extract().jsonPath();
        // a period's bounds in Shanghai time, as the design's wire format shows them
        assertEquals("2026-10-01T00:00:00+08:00", months.getString("groups[0].from"));
        assertEquals("2026-11-01T00:00:00+08:00", months.getString("groups[0].to"));
        assertEquals("2026-12-01T00:00:00+08:00", months.getString("groups[1].to"));
        given().auth().oauth2(admin).get(s.stats() + "&groupBy=week" + RANGE).then().statusCode(200)
                .body("groups.key", contains("2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44",
                        "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"))
                .body("groups.stats.incidents", contains(0, 0, 0, 0, 2, 0, 0, 0, 1, 1))
                .body("groups[0].stats.total.incidents", equalTo(0))
                .body("incidents", equalTo(4));
        // without from and to: the twelve months up to now, the last the current one
        String thisMonth = OffsetDateTime.now(ZoneId.of("Asia/Shanghai"))
                .format(DateTimeFormatter.ofPattern("uuuu-MM"));
        given().auth().oauth2(admin).get(s.stats() + "&groupBy=month").then().statusCode(200)
                .body("groups", hasSize(12)).body("groups[11].key", equalTo(thisMonth));
    }

    @Test
    void categoriesAndUnitsMostFirstNamedUnassignedKept() throws Exception {
        Setup s = setup();
        String supervisor = Tokens.token("s-stats", "supervisor", s.h().county(), null, null);
        given().auth().oauth2(supervisor).header("Accept-Language", "en")
                .get(s.stats() + "&groupBy=category" + RANGE).then().statusCode(200)
                .body("groups.key", contains("RUBBISH", "STREET_LIGHT"))
                .body("groups.name", contains("Rubbish dumping", "Street light out"))
                .body("groups.stats.incidents", contains(3, 1))
                .body("groups[0].from", equalTo(null));
        given().auth().oauth2(supervisor).get(s.stats() + "&groupBy=category" + RANGE).then()
                .body("groups.name", contains("垃圾堆放", "路灯损坏"));
        given().auth().oauth2(supervisor).get(s.stats() + "&groupBy=unit" + RANGE).then().statusCode(200)
                .body("groups.key", contains(s.unit(), "UNASSIGNED", "unit-unknown-" + s.h().county()))
                .body("groups.name", contains("Unit " + s.unit(), null, null))
                .body("groups.stats.incidents", contains(2, 1, 1));
    }

    @Test
    void childAreasAreEveryChildWithTheirOwnChildren() throws Exception {
        Setup s = setup();
        given().auth().oauth2(Tokens.admin()).get(s.stats() + "&groupBy=childArea").then().statusCode(200)
                .body("groups.key", contains(s.h().village(), s.emptyVillage()))
                .body("groups.name", contains("Area " + s.h().village(), "Area " + s.emptyVillage()))
                .body("groups.stats.incidents", contains(4, 0))
                .body("groups[0].stats.areaCode", equalTo(s.h().village()))
                .body("groups[0].stats.areas.areaCode", contains(s.h().grid()))
                .body("groups[0].stats.areas[0].name", equalTo("Area " + s.h().grid()))
                .body("groups[1].stats.areas", hasSize(0))
                .body("areas.areaCode", contains(s.h().village()));
    }

    @Test
    void withoutGroupByTheAnswerIsAsBeforeAndABadOneIsA400() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String stats = "/api/v1/incidents/stats?areaCode=" + h.county();
        given().auth().oauth2(Tokens.admin()).get(stats).then().statusCode(200)
                .body("$", not(hasKey("groupBy"))).body("$", not(hasKey("groups")));
        given().auth().oauth2(Tokens.admin()).get(stats + "&groupBy=day").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("groupBy"));
        given().auth().oauth2(Tokens.admin()).get(stats + "&groupBy=week&from=1990-01-01T00:00:00Z").then()
                .statusCode(400).body("errors.field", hasItem("from"));
        given().auth().oauth2(Tokens.admin()).get(stats + "&groupBy=month&limit=5").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }
}
