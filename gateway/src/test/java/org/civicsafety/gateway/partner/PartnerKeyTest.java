package org.civicsafety.gateway.partner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.civicsafety.gateway.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partner API keys: issued and revoked by admins, kept hashed in Kafka, turned into internal tokens. */
@QuarkusTest
class PartnerKeyTest {

    @Inject JWTParser parser;

    @Inject ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap;

    @ConfigProperty(name = "civic.gateway.keys.topic") String topic;

    private static String admin() {
        return Tokens.bearer("admin-" + UUID.randomUUID(), "admin");
    }

    private Response issue(String partnerId, List<String> categories) {
        return given().header("Authorization", admin()).contentType("application/json")
                .body(Map.of("partnerId", partnerId, "name", "Test partner", "categories", categories))
                .when().post("/api/v1/partner-keys");
    }

    @Test
    void keyLifecycleFromIssueToRevocation() throws Exception {
        String partnerId = "fms-" + UUID.randomUUID().toString().substring(0, 8);
        Response issued = issue(partnerId, List.of("fights", "street-lights"));
        issued.then().statusCode(201)
                .header("Location", containsString("/api/v1/partner-keys/"))
                .body("apiKey", startsWith("csp_"))
                .body("partnerId", equalTo(partnerId));
        String id = issued.path("id");
        String apiKey = issued.path("apiKey");

        // listed without the key or its hash
        given().header("Authorization", admin()).queryParam("partnerId", partnerId)
                .when().get("/api/v1/partner-keys")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].active", equalTo(true))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("apiKey")))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("keyHash")))
                .body("nextCursor", nullValue());

        // the key becomes an internal partner token for the service; the key itself is not passed on
        Response echoed = given().header("X-API-Key", apiKey).contentType("application/json")
                .body("{\"categoryCode\":\"fights\",\"description\":\"fight at the market\"}")
                .when().post("/api/v1/incidents");
        echoed.then().statusCode(200)
                .body("instance", equalTo("grid"))
                .body("headers.x-api-key", nullValue())
                .body("body", containsString("fight at the market"));
        String internal = echoed.<String>path("headers.authorization").substring("Bearer ".length());
        JsonWebToken token = parser.parse(internal);
        assertEquals(partnerId, token.getSubject());
        assertEquals(partnerId, token.getClaim("partner").toString().replace("\"", ""));
        assertTrue(token.getGroups().contains("partner"));
        assertTrue(token.getClaim("categories").toString().contains("street-lights"));
        String header = new String(Base64.getUrlDecoder().decode(internal.split("\\.")[0]));
        assertTrue(header.contains("\"kid\":\"gateway-internal\""), header);
        assertTrue(token.getExpirationTime() - token.getIssuedAtTime() <= 300, "short-lived");

        // the key's categories are grid-service's to enforce (it tells an unknown category, 400, from a refused
        // one, 403): the gateway passes any category on, with the claim
        given().header("X-API-Key", apiKey).contentType("application/json")
                .body("{\"categoryCode\":\"pollution\"}")
                .when().post("/api/v1/incidents")
                .then().statusCode(200).body("instance", equalTo("grid")).body("body", containsString("pollution"));

        // a second gateway instance reading the topic agrees
        try (PartnerKeyLog other = new PartnerKeyLog(bootstrap, topic, (short) 1, json, null)) {
            awaitTrue(() -> other.byId(id).isPresent(), "second instance sees the new key");
            assertTrue(other.byHash(ApiKeys.hash(apiKey)).isPresent());

            given().header("Authorization", admin()).when().delete("/api/v1/partner-keys/" + id).then().statusCode(204);
            awaitTrue(() -> other.byId(id).map(k -> !k.active()).orElse(false), "second instance sees the revocation");
            assertTrue(other.byHash(ApiKeys.hash(apiKey)).isEmpty());
        }

        given().header("X-API-Key", apiKey).when().get("/api/v1/incidents")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", admin()).when().get("/api/v1/partner-keys/" + id)
                .then().statusCode(200).body("active", equalTo(false)).body("revokedAt", not(nullValue()));
        // revoking again is harmless
        given().header("Authorization", admin()).when().delete("/api/v1/partner-keys/" + id).then().statusCode(204);
    }

    @Test
    void aKeysLastUseIsListedToTheMinuteAndOutlivesItsRevocation() {
        String partnerId = "use-" + UUID.randomUUID().toString().substring(0, 8);
        Response issued = issue(partnerId, List.of("fights"));
        String id = issued.path("id");
        String apiKey = issued.path("apiKey");
        given().header("Authorization", admin()).queryParam("partnerId", partnerId)
                .when().get("/api/v1/partner-keys")
                .then().statusCode(200).body("items[0].lastUsedAt", nullValue());

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        given().header("X-API-Key", apiKey).when().get("/api/v1/incidents").then().statusCode(200);
        given().header("X-API-Key", apiKey).when().get("/api/v1/incidents").then().statusCode(200);
        // written without waiting for Redis' answer: it is there a moment later, as the first use of the minute
        awaitTrue(() -> given().header("Authorization", admin()).queryParam("partnerId", partnerId)
                .when().get("/api/v1/partner-keys").path("items[0].lastUsedAt") != null, "the use is listed");
        String lastUsedAt = given().header("Authorization", admin()).when().get("/api/v1/partner-keys/" + id)
                .then().statusCode(200).extract().path("lastUsedAt");
        Instant used = OffsetDateTime.parse(lastUsedAt).toInstant();
        assertTrue(!used.isBefore(before) && !used.isAfter(Instant.now()), used + " is the time of the request");

        given().header("Authorization", admin()).when().delete("/api/v1/partner-keys/" + id).then().statusCode(204);
        given().header("X-API-Key", apiKey).when().get("/api/v1/incidents").then().statusCode(401);
        given().header("Authorization", admin()).when().get("/api/v1/partner-keys/" + id)
                .then().statusCode(200).body("active", equalTo(false)).body("lastUsedAt", equalTo(lastUsedAt));
    }

    @Test
    void open311FormKeysWorkAndTheFormReachesTheServiceIntact() {
        String partnerId = "o311-" + UUID.randomUUID().toString().substring(0, 8);
        String apiKey = issue(partnerId, List.of("fights")).then().statusCode(201).extract().path("apiKey");
        String form = "api_key=" + apiKey
                + "&service_code=fights&lat=30.1&long=120.2&description=two+men+fighting&attribute%5Bweapon%5D=no";
        Response echoed = given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(form)
                .when().post("/open311/v2/requests.json");
        echoed.then().statusCode(200).body("body", equalTo(form)).body("uri", equalTo("/open311/v2/requests.json"));
        assertTrue(echoed.<String>path("headers.authorization").startsWith("Bearer "));

        // the category is grid-service's to check: a form naming another one is passed on, key in the form or header
        given().contentType("application/x-www-form-urlencoded")
                .body("api_key=" + apiKey + "&service_code=pollution&lat=1&long=2")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(200).body("body", containsString("service_code=pollution"));
        given().header("X-API-Key", apiKey).contentType("application/x-www-form-urlencoded")
                .body("service_code=pollution")
                .when().post("/open311/v2/requests.xml")
                .then().statusCode(200).body("instance", equalTo("grid"));
        given().contentType("application/x-www-form-urlencoded").body("api_key=csp_wrong&service_code=fights")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(403).body("[0].description", containsString("invalid"));
        // a form that cannot be decoded is no reason for a 5xx
        given().contentType("application/x-www-form-urlencoded").body("api_key=%zz&service_code=%")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(403).body("[0].code", equalTo(403));
        given().header("X-API-Key", apiKey).contentType("application/x-www-form-urlencoded").body("service_code=%zz")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(200);
        given().header("X-API-Key", apiKey).contentType("application/json").body("[".repeat(3000))
                .when().post("/api/v1/incidents")
                .then().statusCode(200);
        // FixMyStreet's two-way updates take the form key too
        given().contentType("application/x-www-form-urlencoded")
                .body("api_key=" + apiKey + "&service_request_id=1&description=done")
                .when().post("/open311/v2/servicerequestupdates.json")
                .then().statusCode(200).body("instance", equalTo("grid"));
    }

    @Test
    void onlyAdminsManageKeys() {
        given().when().get("/api/v1/partner-keys").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("bob", "supervisor", "handler"))
                .when().get("/api/v1/partner-keys")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://civicsafety.org/problems/forbidden"));
        given().header("Authorization", Tokens.bearer("bob", "citizen")).contentType("application/json")
                .body(Map.of("partnerId", "x", "categories", List.of("fights")))
                .when().post("/api/v1/partner-keys").then().statusCode(403);
    }

    @Test
    void invalidRequestsList400WithEveryField() {
        given().header("Authorization", admin()).contentType("application/json")
                .body("{\"partnerId\":\"bad id!\",\"categories\":[]}")
                .when().post("/api/v1/partner-keys")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("partnerId"))
                .body("errors.field", hasItem("categories"))
                .body("errors.find { it.field == 'categories' }.message", equalTo("至少列出一个事件类别编码"));
        given().header("Authorization", admin()).header("Accept-Language", "en").contentType("application/json")
                .body("{\"partnerId\":\"bad id!\",\"categories\":[]}")
                .when().post("/api/v1/partner-keys")
                .then().statusCode(400)
                .body("errors.find { it.field == 'categories' }.message",
                        equalTo("must list at least one category code"));
        given().header("Authorization", admin()).contentType("application/json")
                .body("{\"partnerId\": ")
                .when().post("/api/v1/partner-keys")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", admin()).contentType("application/json")
                .body("{\"partnerId\":\"p\",\"categories\":\"fights\"}")
                .when().post("/api/v1/partner-keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("categories"));
        given().header("Authorization", admin()).queryParam("limit", "lots").queryParam("cursor", "%%%")
                .when().get("/api/v1/partner-keys")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().header("Authorization", admin()).queryParam("cursor", "bm90LWEtY3Vyc29y")
                .when().get("/api/v1/partner-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", admin()).when().get("/api/v1/partner-keys/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", admin()).when().delete("/api/v1/partner-keys/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}
