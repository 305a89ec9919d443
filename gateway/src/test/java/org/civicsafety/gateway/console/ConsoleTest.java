package org.civicsafety.gateway.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway serves the staff console built by its Maven build, at /console/, without a token. */
@QuarkusTest
class ConsoleTest {

    @Test
    void theConsoleIsServedAtConsoleAndEveryScreenLinkGetsItsPage() {
        given().redirects().follow(false).when().get("/console?lang=en").then().statusCode(301)
                .header("Location", equalTo("/console/?lang=en"));
        String page = given().when().get("/console/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", "DENY")
                .extract().asString();
        // a deep link to a screen is the same page: the console routes in the browser
        given().when().get("/console/cases/3f1c0a52-5d0e-4d77-9a55-0c6f7e2d9b13").then().statusCode(200)
                .body(equalTo(page));
        given().when().get("/console/index.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'")).body(equalTo(page));
        Matcher script = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"").matcher(page);
        assertTrue(script.find(), page);
        given().when().get(script.group(1)).then().statusCode(200).contentType(containsString("javascript"));
        given().when().get("/console/assets/missing.js").then().statusCode(404);
    }

    @Test
    void itsConfigurationNamesTheSignInWays() {
        given().when().get("/console/config.json").then().statusCode(200)
                .body("devSignIn", equalTo(true))
                .body("languages", hasItems("zh-CN", "en"))
                // no identity provider and no map tiles are configured in the test profile
                .body("oidc", nullValue())
                .body("map", nullValue());
    }

    @Test
    void theDevelopmentSignInMintsATokenTheGatewayAccepts() {
        String token = given().contentType("application/json")
                .body("{\"sub\":\"officer-1\",\"roles\":[\"petition_officer\"],\"area\":\"C01\",\"unit\":\"\"}")
                .when().post("/console/dev-sign-in").then().statusCode(200)
                .body("expiresAt", not(nullValue()))
                .extract().path("token");
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/incidents").then().statusCode(200)
                .body("headers.authorization", endsWith(token));
    }

    @Test
    void aDemoUserMustBeStaffWithWellFormedCodes() {
        for (String bad : new String[]{"", "[]", "{\"sub\":\"x\",\"roles\":[\"citizen\"]}",
                "{\"sub\":\"x\",\"roles\":[]}", "{\"sub\":\"a b\",\"roles\":[\"admin\"]}",
                "{\"sub\":\"x\",\"roles\":[\"admin\"],\"area\":\"C01/../x\"}", "{\"sub\":1,\"roles\":[\"admin\"]}"}) {
            given().contentType("application/json").body(bad).when().post("/console/dev-sign-in").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().when().get("/console/dev-sign-in").then().statusCode(405);
    }
}
