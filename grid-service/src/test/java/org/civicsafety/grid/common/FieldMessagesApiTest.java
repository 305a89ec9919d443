package org.civicsafety.grid.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** errors[].message is in the caller's language: zh-CN by default, English on request; the same for Bean Validation. */
@QuarkusTest
class FieldMessagesApiTest {

    @Test
    void messageOfTheServiceFollowsAcceptLanguage() {
        String en = message(given().auth().oauth2(Tokens.admin()).header("Accept-Language", "en")
                .get("/api/v1/incidents?overdue=maybe").then(), "overdue");
        String zh = message(given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents?overdue=maybe").then(),
                "overdue");
        assertFalse(en.isBlank());
        assertFalse(zh.isBlank());
        assertNotEquals(en, zh);
        assertEquals("must be true or false", en);
    }

    @Test
    void beanValidationMessageFollowsAcceptLanguage() {
        String en = message(given().auth().oauth2(Tokens.admin()).header("Accept-Language", "en")
                .contentType("application/json").body(Map.of("code", "", "name", "x", "level", "COUNTY"))
                .post("/api/v1/areas").then(), "code");
        String zh = message(given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(Map.of("code", "", "name", "x", "level", "COUNTY")).post("/api/v1/areas").then(), "code");
        assertFalse(en.isBlank());
        assertFalse(zh.isBlank());
        assertNotEquals(en, zh);
    }

    /** The message of {@code field}; the error object has exactly field and message. */
    private static String message(ValidatableResponse r, String field) {
        return r.statusCode(400).contentType("application/problem+json")
                .body("errors.find { it.field == '" + field + "' }", aMapWithSize(2))
                .body("errors.find { it.field == '" + field + "' }.message", not(equalTo("")))
                .extract().path("errors.find { it.field == '" + field + "' }.message");
    }
}
