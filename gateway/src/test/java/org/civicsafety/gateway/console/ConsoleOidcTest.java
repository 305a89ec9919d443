package org.civicsafety.gateway.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * With an identity provider and a map tile server configured, the console is told to sign in there and to draw the
 * map on those tiles, and its page may talk to the one and load images from the other.
 */
@QuarkusTest
@TestProfile(ConsoleOidcTest.WithProvider.class)
class ConsoleOidcTest {

    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("civic.gateway.console.oidc-issuer", "https://login.county.example/realms/staff",
                    "civic.gateway.console.oidc-client-id", "civic-console",
                    "civic.gateway.console.dev-sign-in.enabled", "false",
                    "civic.gateway.console.map-tile-url", "https://{s}.tiles.county.example/{z}/{x}/{y}.png",
                    "civic.gateway.console.map-tile-attribution", "© County survey office");
        }
    }

    @Test
    void theConsoleSignsInWithTheConfiguredProviderAndOffersNoDevelopmentSignIn() {
        given().when().get("/console/config.json").then().statusCode(200)
                .body("oidc.issuer", equalTo("https://login.county.example/realms/staff"))
                .body("oidc.clientId", equalTo("civic-console"))
                .body("oidc.scope", equalTo("openid profile"))
                .body("devSignIn", equalTo(false));
        given().when().get("/console/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("connect-src 'self' https://login.county.example;"));
        given().contentType("application/json").body("{\"sub\":\"x\",\"roles\":[\"admin\"]}")
                .when().post("/console/dev-sign-in").then().statusCode(404);
    }

    @Test
    void theMapIsDrawnOnTheConfiguredTilesWhichThePageMayLoad() {
        given().when().get("/console/config.json").then().statusCode(200)
                .body("map.tileUrl", equalTo("https://{s}.tiles.county.example/{z}/{x}/{y}.png"))
                .body("map.attribution", equalTo("© County survey office"));
        given().when().get("/console/").then().statusCode(200)
                .header("Content-Security-Policy",
                        containsString("img-src 'self' data: blob: https://*.tiles.county.example;"));
    }
}
