package org.civicsafety.grid.incident;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs found by fault injection that used to end in a 500 or in silently ignored filters. */
@QuarkusTest
class BadInputTest {
    @TestHTTPResource("/") URI root;

    @Test
    void nulInAreaOrCategoryPathIsNotFound() {
        given().auth().oauth2(Tokens.admin()).urlEncodingEnabled(false).get("/api/v1/areas/%00").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://civicsafety.org/problems/not-found"));
        given().urlEncodingEnabled(false).get("/api/v1/categories/%00").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void nulInReportCodesOrTextIsBadRequest() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Map<String, Object> body = IncidentFlowTest.report(h, "STREET_LIGHT", Map.of());
        body.put("areaCode", "\u0000nul");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("areaCode"));
        body.put("areaCode", h.grid());
        body.put("categoryCode", "THEFT\u0000");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(400).body("errors.field", hasItem("categoryCode"));
        // NUL in free text reaches PostgreSQL, which refuses it as a data exception (SQLState 22021)
        body.put("categoryCode", "STREET_LIGHT");
        body.put("address", "1 Test\u0000 Road");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("cannot be stored"));
    }

    @Test
    void truncatedMultipartIsBadRequest() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(root.resolve("/api/v1/incidents/" + UUID.randomUUID() + "/media"))
                .header("Authorization", "Bearer " + Tokens.admin())
                .header("Content-Type", "multipart/form-data; boundary=fqb")
                .POST(HttpRequest.BodyPublishers.ofString("--fqb\r\nContent-Disp", StandardCharsets.US_ASCII))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void statsRefusesListFiltersNamingEachOne() {
        String admin = Tokens.admin();
        for (String p : new String[]{"bbox=a,b,c,d", "cursor=!!!", "lat=abc", "lon=abc", "radius=abc", "limit=abc",
                "updatedAfter=2026-13-45"}) {
            String field = p.substring(0, p.indexOf('='));
            given().auth().oauth2(admin).get("/api/v1/incidents/stats?" + p).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(field));
        }
        given().auth().oauth2(admin).get("/api/v1/incidents/stats?from=2026-01-01T00:00:00Z").then().statusCode(200);
    }
}
