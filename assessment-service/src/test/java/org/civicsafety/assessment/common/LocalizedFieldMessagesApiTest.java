package org.civicsafety.assessment.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.civicsafety.assessment.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/** errors[].message comes in the caller's language: zh-CN by default, en on request; the wire shape stays. */
@QuarkusTest
class LocalizedFieldMessagesApiTest {
    private final String analyst = Tokens.token("analyst", null);

    @Test
    void beanValidationMessage() {
        assertLocalized(r -> r.auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("title", "", "decisionOwner", "o",
                        "areaCodes", java.util.List.of("C01")))
                .post("/api/v1/risk-assessments"), "title");
    }

    @Test
    void messageOfTheFieldsBundle() {
        assertLocalized(r -> r.auth().oauth2(analyst).get("/api/v1/scores?limit=9999"), "limit");
        Response en = given().header("Accept-Language", "en").auth().oauth2(analyst).get("/api/v1/scores?limit=9999");
        assertEquals("must be between 1 and 500", en.jsonPath().getString("errors[0].message"));
    }

    @Test
    void jacksonMessage() {
        assertLocalized(r -> r.auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("title", "t", "decisionOwner", "o", "areaCodes", "notalist"))
                .post("/api/v1/risk-assessments"), "areaCodes");
    }

    private static void assertLocalized(Function<RequestSpecification, Response> call, String field) {
        Response en = call.apply(given().header("Accept-Language", "en"));
        Response zh = call.apply(given());
        for (Response r : new Response[]{en, zh}) {
            r.then().statusCode(400).contentType("application/problem+json");
            assertEquals(field, r.jsonPath().getString("errors[0].field"));
            assertFalse(r.jsonPath().getString("errors[0].message").isBlank());
            assertEquals(2, r.jsonPath().getMap("errors[0]").size(), "errors[] stays {field, message}");
        }
        assertNotEquals(en.jsonPath().getString("errors[0].message"), zh.jsonPath().getString("errors[0].message"));
    }
}
