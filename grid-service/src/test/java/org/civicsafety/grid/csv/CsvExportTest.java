package org.civicsafety.grid.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Page;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accept: text/csv on grid-service's lists: the JSON list's items, filters, scope and masking, as a download. */
@QuarkusTest
class CsvExportTest {
    @Inject CsvExport csv;
    @Inject ObjectMapper mapper;

    static Response csv(String token, String path) {
        return given().auth().oauth2(token).accept(CsvExport.TEXT_CSV).get(path);
    }

    static JsonPath json(String token, String path) {
        return given().auth().oauth2(token).accept(ContentType.JSON).get(path).then().statusCode(200).extract()
                .jsonPath();
    }

    static String report(String token, Fixtures.Hierarchy h, String description, int n) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("categoryCode", "STREET_LIGHT", "description", description, "lat", h.lat() + 0.001,
                        "lon", h.lon() + 0.001 + 0.002 * n, "reporter",
                        Map.of("name", "张三丰", "phone", "13812345678")))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    @Test
    void incidentsExportIsTheJsonListWithItsFiltersScopeAndMasking() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String worker = Tokens.token("w-csv", "grid_worker", h.grid(), null, null);
        String plain = report(worker, h, "路灯不亮，已经三天", 0);
        String formula = report(worker, h, "=HYPERLINK(\"http://x\") 路灯", 1);
        String lines = report(worker, h, "路灯, 杆子歪了\n第二行 \"引号\"", 2);
        // a petition officer sees the reporter masked, as in the JSON list
        String officer = Tokens.token("o-csv", "petition_officer", h.county(), null, null);
        String list = "/api/v1/incidents?areaCode=" + h.grid();
        JsonPath json = json(officer, list);
        Csv.Table table = Csv.export(csv(officer, list + "&limit=1"), "incidents");
        assertEquals(List.of(lines, formula, plain), json.getList("items.id"));
        assertEquals(json.getList("items.id"), table.column("id"), "limit ignored, the list's order");
        assertEquals(List.of("id", "number", "categoryCode", "categoryName"), table.header().subList(0, 4));
        assertTrue(table.header().containsAll(List.of("reporter.name", "reporter.phone", "reporter.email", "path",
                "attributes", "allowedActions", "reportedAt")), table.header().toString());
        assertEquals(json.getList("items.number"), table.column("number"));
        assertEquals(List.of("路灯, 杆子歪了\n第二行 \"引号\"", "'=HYPERLINK(\"http://x\") 路灯", "路灯不亮，已经三天"),
                table.column("description"));
        assertEquals(json.getList("items.reporter.phone"), table.column("reporter.phone"));
        assertTrue(table.column("reporter.phone").stream().allMatch(p -> p.contains("*") && !p.equals("13812345678")),
                table.column("reporter.phone").toString());
        assertEquals(json.getList("items.reporter.name"), table.column("reporter.name"));
        assertEquals("路灯损坏", table.rows().get(0).get("categoryName"));
        assertEquals(String.join("; ", h.county(), h.township(), h.village(), h.grid()),
                table.rows().get(0).get("path"));
        // numbers as JSON writes them, digit for digit
        assertEquals(given().auth().oauth2(officer).get(list).then().extract().jsonPath(
                io.restassured.path.json.config.JsonPathConfig.jsonPathConfig().numberReturnType(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getString("items[0].lat"), table.rows().get(0).get("lat"));
        assertEquals("false", table.rows().get(0).get("overdue"));
        // a supervisor sees the phone in full, in both
        String supervisor = Tokens.token("s-csv", "supervisor", h.county(), null, null);
        assertEquals(List.of("13812345678", "13812345678", "13812345678"),
                Csv.export(csv(supervisor, list), "incidents").column("reporter.phone"));
        // the list's filters: a box around the second report only; another scope sees nothing
        String box = "&bbox=" + (h.lon() + 0.0025) + "," + h.lat() + "," + (h.lon() + 0.0035) + "," + (h.lat() + 0.002);
        assertEquals(List.of(formula), Csv.export(csv(officer, list + box), "incidents").column("id"));
        assertEquals(List.of(formula), json(officer, list + box).getList("items.id"));
        assertEquals(List.of(), Csv.export(csv(Tokens.token("o2", "petition_officer", "ELSEWHERE", null, null),
                list), "incidents").rows());
        // the nearby list too: the same items as its JSON
        String nearby = "/api/v1/incidents/nearby?lat=" + (h.lat() + 0.001) + "&lon=" + (h.lon() + 0.003)
                + "&radius=50";
        assertEquals(json(officer, nearby).getList("items.id"),
                Csv.export(csv(officer, nearby), "nearby-incidents").column("id"));
        assertEquals(List.of(formula), Csv.export(csv(officer, nearby), "nearby-incidents").column("id"));
    }

    @Test
    void anEmptyExportIsTheBomAndTheHeaderAndABadFilterTheUsualProblem() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Response empty = csv(Tokens.admin(), "/api/v1/incidents?state=CLOSED&areaCode=" + h.grid());
        Csv.Table table = Csv.export(empty, "incidents");
        assertEquals(List.of(), table.rows());
        String body = new String(empty.asByteArray(), StandardCharsets.UTF_8);
        assertEquals("\uFEFF" + String.join(",", table.header()) + "\r\n", body);
        csv(Tokens.admin(), "/api/v1/incidents?state=LOST&bbox=1,2").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("state"))
                .body("errors.field", hasItem("bbox"));
        csv(Tokens.admin(), "/api/v1/areas?level=PROVINCE").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("level"));
    }

    @Test
    void jsonStaysTheAnswerUnlessCsvIsAskedForAndOtherTypesAre406() {
        String list = "/api/v1/areas?limit=1";
        given().auth().oauth2(Tokens.admin()).get(list).then().statusCode(200).contentType(ContentType.JSON);
        given().auth().oauth2(Tokens.admin()).accept("*/*").get(list).then().statusCode(200)
                .contentType(ContentType.JSON);
        given().auth().oauth2(Tokens.admin()).accept("text/csv, application/json").get(list).then().statusCode(200)
                .contentType(ContentType.JSON);
        given().auth().oauth2(Tokens.admin()).accept("text/*").get(list).then().statusCode(200)
                .contentType(startsWith(CsvExport.TEXT_CSV));
        given().auth().oauth2(Tokens.admin()).accept("application/xml").get(list).then().statusCode(406)
                .contentType("application/problem+json");
    }

    record Item(int n, String text) {}

    /** A list of {@code size} items read {@code pageSize} at a time, counting the pages asked for. */
    static java.util.function.Function<String, Page<Item>> pages(int size, int pageSize, List<String> asked) {
        return cursor -> {
            asked.add(String.valueOf(cursor));
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int to = Math.min(size, from + pageSize);
            return new Page<>(IntStream.range(from, to).mapToObj(i -> new Item(i, "第" + i + "行")).toList(),
                    to < size ? Integer.toString(to) : null);
        };
    }

    @Test
    void theRowCapStopsTheExportAndPagesAreReadOnlyAsTheyAreWritten() throws Exception {
        List<String> asked = new ArrayList<>();
        jakarta.ws.rs.core.Response r = csv.export("items", mapper.constructType(Item.class), pages(10, 2, asked),
                5);
        assertEquals(List.of("null"), asked, "the first page before answering, the rest while streaming");
        assertEquals("attachment; filename=\"items-" + LocalDate.now(ZoneId.of("Asia/Shanghai"))
                .format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv\"",
                r.getHeaderString("Content-Disposition"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((jakarta.ws.rs.core.StreamingOutput) r.getEntity()).write(out);
        List<List<String>> lines = Csv.parse(out.toString(StandardCharsets.UTF_8).substring(1));
        assertEquals(List.of("n", "text"), lines.get(0));
        assertEquals(List.of("0", "1", "2", "3", "4"), lines.subList(1, lines.size()).stream().map(l -> l.get(0))
                .toList());
        assertEquals(List.of("null", "2", "4"), asked, "no page read past the cap");
        // the whole list when it is under the cap
        asked.clear();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ((jakarta.ws.rs.core.StreamingOutput) csv.export("items", mapper.constructType(Item.class),
                pages(5, 2, asked), 100).getEntity()).write(all);
        assertEquals(6, Csv.parse(all.toString(StandardCharsets.UTF_8).substring(1)).size());
        assertEquals(List.of("null", "2", "4"), asked);
        // a failing first page fails the request itself, before any byte
        assertThrows(ApiException.class, () -> csv.export("items", Item.class, cursor -> {
            throw ApiException.badRequest(FieldError.of("state", "unknown-value", "LOST"));
        }));
    }

    @Test
    void everyOtherListExportsItsJsonItems() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String admin = Tokens.admin();
        // areas, units: a hierarchy's own
        String areas = "/api/v1/areas?parentCode=" + h.township();
        assertEquals(json(admin, areas).getList("items.code"), Csv.export(csv(admin, areas), "areas").column("code"));
        assertEquals(List.of("Area " + h.village()), Csv.export(csv(admin, areas), "areas").column("name"));
        String units = "/api/v1/units?areaCode=" + h.county();
        List<String> unitIds = json(admin, units).getList("items.id");
        assertEquals(4, unitIds.size());
        assertEquals(unitIds, Csv.export(csv(admin, units), "units").column("id"));
        // the catalogue in English
        Response categories = given().header("Accept-Language", "en").accept(CsvExport.TEXT_CSV)
                .get("/api/v1/categories");
        Csv.Table catalogue = Csv.export(categories, "categories");
        JsonPath catalogueJson = given().header("Accept-Language", "en").get("/api/v1/categories").then().extract()
                .jsonPath();
        assertEquals(catalogueJson.getList("items.code"), catalogue.column("code"));
        assertEquals(catalogueJson.getList("items.name"), catalogue.column("name"));
        assertTrue(catalogue.column("name").contains("Street light out"), catalogue.column("name").toString());
        // routing rules and the notice log: the first page of each is the export's first rows
        for (String path : List.of("/api/v1/routing-rules", "/api/v1/notices")) {
            List<Object> ids = json(admin, path + "?limit=20").getList("items.id");
            List<String> rows = Csv.export(csv(admin, path), path.substring(8)).column("id");
            assertEquals(ids.stream().map(String::valueOf).toList(), rows.subList(0, Math.min(20, rows.size())),
                    path);
        }
        csv(admin, "/api/v1/notices?channel=PIGEON").then().statusCode(400).body("errors.field", hasItem("channel"));
        // a partner's webhooks and a subscription's deliveries
        String partner = Tokens.token("gateway", "partner", null, null, "p-csv-" + Fixtures.suffix());
        String id = given().auth().oauth2(partner).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hook", "eventTypes", List.of("org.civicsafety.incident."),
                        "description", "我们的 CRM"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        Csv.Table webhooks = Csv.export(csv(partner, "/api/v1/webhooks"), "webhooks");
        assertEquals(List.of(id), webhooks.column("id"));
        assertEquals(List.of("我们的 CRM"), webhooks.column("description"));
        assertEquals(List.of("org.civicsafety.incident."), webhooks.column("eventTypes"));
        given().auth().oauth2(partner).post("/api/v1/webhooks/" + id + "/test").then().statusCode(202);
        String deliveries = "/api/v1/webhooks/" + id + "/deliveries";
        assertEquals(json(partner, deliveries).getList("items.id"),
                Csv.export(csv(partner, deliveries), "webhook-deliveries").column("id"));
        assertEquals(1, Csv.export(csv(partner, deliveries), "webhook-deliveries").rows().size());
    }

    /**
     * An export longer than a page reads its later pages while the answer streams, in the caller's scope: 600 grids
     * of one village (and the 600 units the directory adds for them) in two pages each.
     */
    @Test
    void anExportOfSeveralPagesIsTheWholeListInTheCallersScope() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        List<Map<String, Object>> grids = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String code = h.village() + "-G" + String.format("%03d", i);
            codes.add(code);
            Map<String, Object> props = new java.util.HashMap<>(Fixtures.area(code, "GRID", h.village(), null));
            props.remove("boundary");
            grids.add(Map.of("type", "Feature", "properties", props, "geometry",
                    Fixtures.square(h.lon() + (i % 30) * 0.001, h.lat() + (i / 30) * 0.001, 0.001)));
        }
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("type", "FeatureCollection", "features", grids)).post("/api/v1/areas/import").then()
                .statusCode(200);
        codes.add(h.grid());
        List<String> expected = codes.stream().sorted().toList();
        List<String> areas = Csv.export(csv(Tokens.admin(), "/api/v1/areas?parentCode=" + h.village()), "areas")
                .column("code");
        assertEquals(601, areas.size());
        assertTrue(expected.equals(areas), "every child by code, once");
        String supervisor = Tokens.token("s-pages", "supervisor", h.township(), null, null);
        List<String> units = Csv.export(csv(supervisor, "/api/v1/units?areaCode=" + h.village()), "units")
                .column("id");
        List<String> expectedUnits = new ArrayList<>(expected.stream().map(c -> "unit-" + c).toList());
        expectedUnits.add("unit-" + h.village());
        assertEquals(602, units.size());
        assertTrue(expectedUnits.stream().sorted().toList().equals(units), "the village's units by id, once");
        // outside the caller's scope the same export is empty
        assertEquals(List.of(), Csv.export(csv(Tokens.token("s-else", "supervisor", "ELSEWHERE", null, null),
                "/api/v1/units?areaCode=" + h.village()), "units").rows());
    }

    /** The operations with a CSV export, in the API document: their 200 has text/csv beside JSON. */
    static final List<String> EXPORTED = List.of("listAreas", "listCategories", "listIncidents",
            "listNearbyIncidents", "listUnits", "listRoutingRules", "listWebhooks", "listWebhookDeliveries",
            "listNoticeDeliveries");

    @Test
    void theApiDocumentShowsTheCsvOfEveryExportedListAsTheSameOperation() throws Exception {
        JsonNode doc = mapper.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        List<String> withCsv = new ArrayList<>();
        doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            JsonNode csvContent = op.getValue().path("responses").path("200").path("content").path("text/csv");
            if (!csvContent.isMissingNode()) {
                withCsv.add(op.getValue().path("operationId").asText());
                assertEquals("string", csvContent.path("schema").path("type").asText(), op.getKey() + " " + p);
                assertTrue(csvContent.path("example").asText().startsWith("\uFEFF"), p.getKey());
                assertTrue(op.getValue().path("responses").path("200").path("content").has("application/json"),
                        p.getKey());
                assertTrue(
                        op.getValue().path("description").asText().contains("Accept: text/csv answers the same list"),
                        p.getKey());
            }
        }));
        assertEquals(EXPORTED.stream().sorted().toList(), withCsv.stream().sorted().toList());
        String incidents = doc.path("paths").path("/api/v1/incidents").path("get").path("responses").path("200")
                .path("content").path("text/csv").path("example").asText();
        assertTrue(incidents.startsWith("\uFEFFid,number,categoryCode,categoryName,"), incidents);
        assertEquals(2, incidents.split("\r\n").length, "the header and the example's first item: " + incidents);
    }
}
