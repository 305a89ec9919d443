package org.civicsafety.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * What an administrator changes reaches the next report at once, through the public surface: a
 * category added by API is an Open311 service, a routing rule sends its reports to the rule's unit,
 * the audit trail names the roles, and a category in use is deactivated, never deleted. Also the
 * round trip of a petition's attachment and of an incident photo retried from a flaky network.
 */
class CatalogueAndRoutingIT {
    private final String s = Platform.suffix();
    private final String admin = Platform.token("e2e-cat-admin-" + s, "admin", null);
    private final String worker = Platform.token("e2e-cat-worker-" + s, "grid_worker", DemoCounty.GRID);
    private final String code = "E2E_" + s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");

    @Test
    void aNewCategoryIsRoutedByItsRuleAndDeactivatedWhenInUse() {
        Platform.as(admin).contentType(ContentType.JSON).body(Map.of(
                "code", code, "name", "井盖异响", "nameEn", "Rattling manhole cover",
                "group", Map.of("code", "FACILITY", "name", "公共设施", "nameEn", "Public facilities"),
                "keywords", List.of("井盖"), "defaultSeverity", "GENERAL",
                "slaHours", Map.of("GENERAL", 48, "SERIOUS", 12, "MAJOR", 4, "CRITICAL", 1),
                "dedupeRadiusMeters", 30, "private", false, "attributes", List.of()))
                .post("/api/v1/categories").then().statusCode(201).header("Location", containsString(code));
        // Open311 clients see the new service at once
        Platform.anonymous().get("/open311/v2/services.json").then().statusCode(200)
                .body("service_code", hasItem(code));

        // the rule's unit must be in the unit directory first
        String unit = "unit-e2e-" + s;
        Platform.as(admin).contentType(ContentType.JSON).body(Map.of("name", "井盖维护队 " + s, "areaCode",
                DemoCounty.VILLAGE, "kind", "OTHER")).put("/api/v1/units/" + unit).then().statusCode(201)
                .header("Location", containsString(unit));
        Response rule = Platform.as(admin).contentType(ContentType.JSON)
                .body(Map.of("categoryCode", code, "areaCode", DemoCounty.VILLAGE, "unitId", unit, "priority", 1))
                .post("/api/v1/routing-rules");
        rule.then().statusCode(201).body("unitId", equalTo(unit));

        Response report = Platform.as(worker).contentType(ContentType.JSON).body(Map.of(
                "categoryCode", code, "description", "The cover rattles under every bus (e2e " + s + ")",
                "lat", DemoCounty.LAT + jitter(), "lon", DemoCounty.LON + jitter()))
                .post("/api/v1/incidents");
        report.then().statusCode(201).body("assignedUnit", equalTo(unit)).body("state", equalTo("DISPATCHED"));
        String id = report.path("id");
        Platform.as(admin).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items.role", hasItem("grid_worker")).body("items.role", hasItem("system"));

        // in use: deactivated, still readable, gone from the catalogue and from Open311, no new reports
        Platform.as(admin).delete("/api/v1/categories/" + code).then().statusCode(200).body("active", equalTo(false));
        Platform.anonymous().get("/api/v1/categories/" + code).then().statusCode(200).body("active", equalTo(false));
        Platform.anonymous().get("/api/v1/categories").then().statusCode(200)
                .body("items.code", hasItem("STREET_LIGHT")).body("items.code", not(hasItem(code)));
        Platform.anonymous().get("/open311/v2/services.json").then().statusCode(200)
                .body("service_code", hasItem("STREET_LIGHT")).body("service_code", everyItem(not(equalTo(code))));
        Platform.as(worker).contentType(ContentType.JSON).body(Map.of(
                "categoryCode", code, "description", "again", "lat", DemoCounty.LAT, "lon", DemoCounty.LON))
                .post("/api/v1/incidents").then().statusCode(400).body("errors.field", hasItem("categoryCode"));

        Platform.as(admin).delete("/api/v1/routing-rules/" + rule.path("id")).then().statusCode(204);
    }

    @Test
    void photosAndAttachmentsRoundTripOnceEach() {
        byte[] pdf = ("%PDF-1.4\n% e2e " + s + "\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").getBytes();
        String citizen = Platform.token("e2e-att-citizen-" + s, "citizen", null);
        Response created = Platform.as(citizen).contentType(ContentType.JSON).body(Map.of(
                "channel", "ONLINE", "type", "SUGGESTION", "title", "Benches for the bus stop " + s,
                "content", "Elderly people wait standing at the clinic bus stop " + UUID.randomUUID(),
                "areaCode", DemoCounty.VILLAGE, "petitioner", Map.of("name", "王五", "phone", "13700001111")))
                .post("/api/v1/cases");
        created.then().statusCode(201);
        String caseId = created.path("id");
        String key = UUID.randomUUID().toString();
        String attachmentId = null;
        for (int attempt = 0; attempt < 2; attempt++) { // the app retries: one attachment
            Response up = Platform.as(citizen).header("Idempotency-Key", key)
                    .multiPart("file", "长凳照片.pdf", pdf, "application/pdf")
                    .post("/api/v1/cases/" + caseId + "/attachments");
            up.then().statusCode(201).header("Location", notNullValue());
            attachmentId = attachmentId == null ? up.path("id") : attachmentId;
            up.then().body("id", equalTo(attachmentId));
        }
        Platform.as(citizen).get("/api/v1/cases/" + caseId + "/attachments").then().statusCode(200)
                .body("items.id", equalTo(List.of(attachmentId)));
        byte[] back = Platform.as(citizen).get("/api/v1/cases/" + caseId + "/attachments/" + attachmentId).then()
                .statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        assertArrayEquals(pdf, back);
        String stranger = Platform.token("e2e-att-stranger-" + s, "citizen", null);
        Platform.as(stranger).get("/api/v1/cases/" + caseId + "/attachments/" + attachmentId).then().statusCode(404);
    }

    private static double jitter() {
        return ThreadLocalRandom.current().nextDouble(-0.003, 0.003);
    }
}
