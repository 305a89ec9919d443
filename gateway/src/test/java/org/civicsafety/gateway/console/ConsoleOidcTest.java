package org.civicsafety.gateway.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With an identity provider configured, the console is told to sign in there, and its page may talk to it. */
@QuarkusTest
@TestProfile(ConsoleOidcTest.WithProvider.class)
class ConsoleOidcTest {

    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("civic.gateway.console.oidc-issuer", "https://login.county.example/realms/staff",
                    "civic.gateway.console.oidc-client-id", "civic-console",
                    "civic.gateway.console.dev-sign-in.enabled", "false");
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
}
