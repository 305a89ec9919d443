package org.civicsafety.gateway.partner;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The partner keys as a CSV download (console-api design §1): the JSON list's items, never a key itself. */
@QuarkusTest
class PartnerKeyCsvTest {

    private static String admin() {
        return Tokens.bearer("admin-" + UUID.randomUUID(), "admin");
    }

    @Test
    void theExportIsTheJsonList() {
        String partnerId = "fms-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> apiKeys = new java.util.ArrayList<>();
        for (String name : List.of("第一个", "=cmd")) {
            apiKeys.add(given().header("Authorization", admin()).contentType("application/json")
                    .body(Map.of("partnerId", partnerId, "name", name, "categories",
                            List.of("fights", "street-lights")))
                    .when().post("/api/v1/partner-keys").then().statusCode(201).extract().path("apiKey"));
        }
        List<String> ids = given().header("Authorization", admin()).queryParam("partnerId", partnerId)
                .get("/api/v1/partner-keys").then().statusCode(200).contentType("application/json").extract()
                .jsonPath().getList("items.id");

        Response r = given().header("Authorization", admin()).accept("text/csv").queryParam("partnerId", partnerId)
                .queryParam("limit", 1).get("/api/v1/partner-keys");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("text/csv;charset=UTF-8", r.contentType().replace(" ", ""));
        assertTrue(r.header("Content-Disposition").matches("attachment; filename=\"partner-keys-\\d{8}\\.csv\""));
        byte[] body = r.asByteArray();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3));
        List<String> lines = List.of(new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertEquals("id,partnerId,name,categories,keyPrefix,createdAt,createdBy,revokedAt,active,lastUsedAt",
                lines.get(0));
        assertEquals(ids, lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList(),
                "every key, limit ignored, in the list's order");
        assertTrue(lines.stream().anyMatch(l -> l.contains(",'=cmd,fights; street-lights,")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains(",第一个,")), lines.toString());
        for (String apiKey : apiKeys) {
            assertFalse(String.join("\n", lines).contains(apiKey), "never the key itself");
        }

        given().header("Authorization", admin()).accept("*/*").get("/api/v1/partner-keys").then().statusCode(200)
                .contentType("application/json");
        given().header("Authorization", admin()).accept("text/csv").queryParam("cursor", "x")
                .get("/api/v1/partner-keys").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("officer", "petition_officer")).accept("text/csv")
                .get("/api/v1/partner-keys").then().statusCode(403).contentType("application/problem+json");
    }
}
