package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The case list as a CSV download (console-api design §1): the JSON list's items, as a spreadsheet reads them. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseCsvExportTest {

    @Inject DataSource ds;
    Areas a;
    Callers who;
    List<String> titles = new ArrayList<>();

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        who = callers(a, suffix());
    }

    /** The cases, registered once: HTTP calls wait for the first test (the test port is not known before). */
    @BeforeEach
    void register() {
        if (!titles.isEmpty()) {
            return;
        }
        titles.add("小区门口路灯损坏 " + words(3));
        titles.add("=HYPERLINK(\"http://x\") " + words(3));
        titles.add("噪音扰民, \"夜间施工\" " + words(3));
        for (String title : titles) {
            as(who.officer()).body(caseBody(a.village(), "VISIT", "REQUEST_GRIEVANCE", title, words(14), randomPhone(),
                    randomId())).post("/api/v1/cases").then().statusCode(201);
        }
    }

    private io.restassured.response.Response csv(String token, String query) {
        return given().auth().oauth2(token).accept("text/csv").get("/api/v1/cases" + query);
    }

    @Test
    void theExportIsTheJsonListRowForItem() {
        String query = "?areaCode=" + a.village();
        List<Map<String, Object>> items = as(who.officer()).get("/api/v1/cases" + query).then().statusCode(200)
                .extract().path("items");
        // limit and cursor are the JSON pages' business: the export starts at the first item and takes them all
        Csv.Table table = Csv.export(csv(who.officer(), query + "&limit=1"), "cases");
        assertEquals(3, items.size());
        assertEquals(items.stream().map(i -> i.get("id")).toList(), table.column("id"));
        assertEquals(items.stream().map(i -> i.get("number")).toList(), table.column("number"));
        assertEquals(List.of("id", "number", "channel", "type", "title", "areaCode", "state", "stage", "dueAt",
                "unitId", "flags.overdue", "flags.backlog", "flags.repeat", "flags.confidentialReporter",
                "flags.hearing", "repeatOf", "mergedInto", "backlog.reason", "backlog.leader", "backlog.plan",
                "backlog.targetDate", "lastLeaderContact.kind", "lastLeaderContact.leader",
                "lastLeaderContact.date", "version", "createdAt", "updatedAt"), table.header(),
                "the list item's properties, never the petitioner");
        List<String> newestFirst = List.of(titles.get(2), "'" + titles.get(1), titles.get(0));
        assertEquals(newestFirst, table.column("title"), "Chinese, quoted and formula-guarded text");
        assertEquals(List.of("false", "false", "false"), table.column("flags.overdue"));
        assertEquals(items.get(0).get("dueAt"), table.rows().get(0).get("dueAt"));
        assertEquals(List.of("", "", ""), table.column("backlog.leader"));
    }

    @Test
    void anExportWithNothingInItIsItsHeader() {
        Csv.Table table = Csv.export(csv(who.officer(), "?areaCode=" + a.otherCounty()), "cases");
        assertEquals("id", table.header().get(0));
        assertEquals(List.of(), table.rows());
    }

    @Test
    void theExportKeepsTheCallersScope() {
        Csv.Table table = Csv.export(csv(token("sv-" + suffix(), "supervisor", a.otherCounty(), null), ""), "cases");
        assertFalse(table.column("areaCode").contains(a.village()), "another county's supervisor");
    }

    @Test
    void aBadFilterIsTheUsualProblemBeforeAnyCsv() {
        problem(csv(who.officer(), "?state=NOPE").then(), 400).body("errors[0].field", equalTo("state"));
        problem(csv(who.officer(), "?from=yesterday").then(), 400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void jsonStaysTheAnswerUnlessCsvIsAskedFor() {
        String query = "/api/v1/cases?areaCode=" + a.village();
        given().auth().oauth2(who.officer()).accept("*/*").get(query).then().statusCode(200)
                .contentType("application/json").body("items", hasSize(3));
        given().auth().oauth2(who.officer()).get(query).then().statusCode(200).contentType("application/json");
        given().auth().oauth2(who.officer()).accept("application/json, text/csv").get(query).then().statusCode(200)
                .contentType("application/json");
        given().auth().oauth2(who.officer()).accept("text/csv, */*;q=0.1").get(query).then().statusCode(200)
                .contentType(startsWith("text/csv"));
        problem(given().auth().oauth2(who.officer()).accept("application/xml").get(query).then(), 406);
    }
}
