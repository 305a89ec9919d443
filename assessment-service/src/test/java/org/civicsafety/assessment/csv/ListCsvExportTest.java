package org.civicsafety.assessment.csv;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Tokens;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.Test;

/** The ranked scores and the warnings as CSV downloads (console-api design §1): the JSON list's items. */
@QuarkusTest
class ListCsvExportTest {
    @Inject EventConsumer consumer;

    private static Response csv(String token, String path) {
        return given().auth().oauth2(token).accept("text/csv").get(path);
    }

    /** The rows of a 200 CSV export of {@code list} (lines split at CRLF; the cells these tests read hold none). */
    private static List<List<String>> rows(Response r, String list) {
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("text/csv;charset=UTF-8", r.contentType().replace(" ", ""));
        assertTrue(r.header("Content-Disposition").matches("attachment; filename=\"" + list + "-\\d{8}\\.csv\""),
                r.header("Content-Disposition"));
        byte[] body = r.asByteArray();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "a UTF-8 BOM");
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"));
        return Arrays.stream(text.split("\r\n")).map(line -> List.of(line.split(",", -1))).toList();
    }

    @Test
    void theRankedScoresAreTheJsonList() {
        ConsumerReady.await(consumer);
        String s = TestEvents.suffix();
        String county = "C" + s;
        TestEvents.publishArea(county, "County " + s, "COUNTY", null, List.of(county), 500_000, 1);
        TestEvents.publishArea(county + "-T01", "东关镇", "TOWNSHIP", county, List.of(county, county + "-T01"), 40_000,
                1);
        TestEvents.publishArea(county + "-T02", "西关镇", "TOWNSHIP", county, List.of(county, county + "-T02"), 30_000,
                1);
        String path = "/api/v1/scores?parentCode=" + county;
        Wait.untilAsserted(Duration.ofSeconds(20), () -> assertEquals(2, given().auth().oauth2(Tokens.admin())
                .get(path).then().statusCode(200).extract().jsonPath().getList("items").size()));
        List<String> codes = given().auth().oauth2(Tokens.admin()).get(path).then().extract().jsonPath()
                .getList("items.areaCode");
        // limit and cursor are the JSON pages' business: the export has every item
        List<List<String>> rows = rows(csv(Tokens.admin(), path + "&limit=1"), "scores");
        int code = rows.get(0).indexOf("areaCode");
        int name = rows.get(0).indexOf("name");
        assertEquals(codes, rows.subList(1, rows.size()).stream().map(r -> r.get(code)).toList());
        assertEquals(List.of("东关镇", "西关镇"), rows.subList(1, rows.size()).stream().map(r -> r.get(name)).sorted()
                .toList());
        assertEquals(404, csv(Tokens.admin(), "/api/v1/scores?parentCode=NOPE" + s).statusCode());
        assertEquals(400, csv(Tokens.admin(), "/api/v1/scores?level=PLANET").statusCode());
        given().auth().oauth2(Tokens.admin()).accept("*/*").get(path).then().statusCode(200)
                .contentType("application/json");
    }

    @Test
    void warningsOfAnAreaWithoutAnyAreTheHeader() {
        List<List<String>> rows = rows(csv(Tokens.admin(), "/api/v1/warnings?areaCode=C" + TestEvents.suffix()),
                "warnings");
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).contains("areaCode"), rows.get(0).toString());
        given().auth().oauth2(Tokens.admin()).accept("text/csv").get("/api/v1/warnings?period=soon").then()
                .statusCode(400).contentType("application/problem+json");
    }
}
