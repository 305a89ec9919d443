package org.civicsafety.gateway.workload;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway's training run: {@code ./mvnw verify} starts the jar with the production JVM flags and records
 * its AOT cache (target/quarkus-app/app.aot) while this test drives it as its clients do — citizens, handlers, grid
 * workers, supervisors, analysts and admins with tokens of the identity provider, a partner system with its API key,
 * anonymous public reads, browsers' preflights, the refusals (401, 403, 404, 405, 400, 429 as problem+json, Open311's
 * own error list), the merged OpenAPI document, Swagger UI, health and metrics — for tens of rounds, so the classes
 * loaded and the methods profiled are those of a gateway in service. The services behind it are
 * {@link WorkloadUpstreams}; every answer is asserted.
 */
@QuarkusIntegrationTest
@WithTestResource(WorkloadUpstreams.class)
class WorkloadIT {

    private static final int ROUNDS = 20;
    private static final String PROBLEM = "https://civicsafety.org/problems/";
    private static final String JSON = "application/json";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final Filter COUNTED = (request, response, ctx) -> {
        REQUESTS.incrementAndGet();
        return ctx.next(request, response);
    };

    private final String citizen = DevTokens.token("citizen-" + RUN, List.of("citizen"), null, null);
    private final String handler = DevTokens.token("handler-" + RUN, List.of("handler"), "C01", "C01-U1");
    private final String gridWorker = DevTokens.token("grid-" + RUN, List.of("grid_worker"), "C01", null);
    private final String supervisor = DevTokens.token("supervisor-" + RUN, List.of("supervisor", "handler"), "C01",
            null);
    private final String analyst = DevTokens.token("analyst-" + RUN, List.of("analyst"), null, null);
    private final String admin = DevTokens.token("admin-" + RUN, List.of("admin"), null, null);
    private final String expired = DevTokens.expired("late-" + RUN, List.of("citizen"));

    private final byte[] photo = bytes(96 * 1024, 7);
    private final byte[] areas = bytes(1024 * 1024, 11);

    private String partnerKey;
    private String partnerKeyId;

    @Test
    void clientsOfEveryKindThroughEveryRoute() {
        long started = System.nanoTime();
        // the jar is started, but ready only once it has read the partner keys (and sees Kafka)
        await("gateway ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> client().get("/q/health/ready").then().statusCode(200));
        await("merged OpenAPI document of the three services").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(this::mergedDocument);
        issuePartnerKey();

        for (int round = 0; round < ROUNDS; round++) {
            citizens(round);
            staff(round);
            admins(round);
            partner(round);
            publicReads(round);
            tracking(round);
            refusals();
            platformSurfaces(round);
        }

        revokePartnerKey();
        System.out.printf("gateway workload: %d rounds, %d requests in %.1f s%n", ROUNDS, REQUESTS.get(),
                (System.nanoTime() - started) / 1e9);
    }

    // ------------------------------------------------------------------ callers

    private void citizens(int round) {
        String caseId = "C-" + RUN + "-" + round;
        echo(as(citizen).header("Idempotency-Key", UUID.randomUUID().toString()).contentType(JSON)
                .header("Accept-Language", "zh-CN")
                .body(Map.of("categoryCode", "neighbour-dispute", "description", "楼上噪音，第 " + round + " 次",
                        "location", Map.of("lat", 30.27, "lon", 120.15)))
                .post("/api/v1/cases"), "cases", "POST")
                .body("body", containsString("neighbour-dispute"))
                .body("headers.idempotency-key", notNullValue());
        echo(as(citizen).queryParam("mine", true).queryParam("limit", 20).get("/api/v1/cases"), "cases", "GET")
                .body("uri", equalTo("/api/v1/cases?mine=true&limit=20"));
        echo(as(citizen).get("/api/v1/cases/" + caseId), "cases", "GET");
        upload(as(citizen).contentType("image/jpeg").body(photo)
                .post("/api/v1/cases/" + caseId + "/attachments/upload"), photo);
        echo(as(citizen).contentType(JSON).body(Map.of("categoryCode", "street-lights", "description", "light out",
                "location", Map.of("lat", 30.28, "lon", 120.16))).post("/api/v1/incidents"), "grid", "POST");
        echo(as(citizen).queryParam("status", "OPEN").get("/api/v1/surveys"), "assessment", "GET");
        echo(as(citizen).contentType(JSON).body(Map.of("answers", List.of(Map.of("question", "q1", "value", 4))))
                .post("/api/v1/surveys/S-" + round + "/responses"), "assessment", "POST");
    }

    private void staff(int round) {
        String caseId = "C-" + RUN + "-" + round;
        String requestId = "workload-" + RUN + "-" + round;
        echo(as(handler).header("X-Request-Id", requestId).queryParam("status", "OPEN").queryParam("areaCode", "C01")
                .get("/api/v1/cases"), "cases", "GET")
                .header("X-Request-Id", requestId)
                .body("headers.x-request-id", equalTo(requestId))
                .body("headers.authorization", startsWith("Bearer "))
                .body("headers.x-forwarded-for", notNullValue());
        echo(as(handler).header("If-Match", "\"" + round + "\"").contentType("application/merge-patch+json")
                .body("{\"status\":\"IN_PROGRESS\",\"note\":\"visited\"}").patch("/api/v1/cases/" + caseId), "cases",
                "PATCH").body("headers.if-match", equalTo("\"" + round + "\""));
        echo(as(handler).queryParam("year", 2026).get("/api/v1/calendar/holidays"), "cases", "GET");

        echo(as(gridWorker).queryParam("areaCode", "C01").queryParam("status", "OPEN").get("/api/v1/incidents"),
                "grid", "GET");
        echo(as(gridWorker).queryParam("bbox", "120.1,30.2,120.2,30.3").get("/api/v1/incidents.geojson"), "grid",
                "GET");
        echo(as(gridWorker).contentType("application/merge-patch+json").body("{\"status\":\"RESOLVED\"}")
                .patch("/api/v1/incidents/I-" + RUN + "-" + round), "grid", "PATCH");
        echo(as(gridWorker).get("/api/v1/areas/C01"), "grid", "GET");

        echo(as(supervisor).get("/api/v1/routing-rules"), "grid", "GET");
        echo(as(supervisor).contentType("application/merge-patch+json").body("{\"acknowledged\":true}")
                .patch("/api/v1/warnings/W-" + round), "assessment", "PATCH");
        echo(as(analyst).queryParam("areaCode", "C01").queryParam("period", "2026-01").get("/api/v1/scores"),
                "assessment", "GET");
        echo(as(analyst).queryParam("level", "RED").get("/api/v1/warnings"), "assessment", "GET");
        echo(as(analyst).get("/api/v1/scoring-models"), "assessment", "GET");
        echo(as(analyst).contentType(JSON).body(Map.of("areaCode", "C01", "model", "default"))
                .post("/api/v1/risk-assessments"), "assessment", "POST");
        int size = 256 * 1024 + round;
        byte[] export = as(analyst).queryParam("bytes", size).get("/api/v1/cases/export/download")
                .then().statusCode(200).contentType("application/octet-stream").extract().asByteArray();
        assertEquals(size, export.length, "the export streams through whole");
    }

    private void admins(int round) {
        as(admin).queryParam("limit", 10).get("/api/v1/partner-keys")
                .then().statusCode(200).body("items", notNullValue());
        as(admin).get("/api/v1/partner-keys/" + partnerKeyId)
                .then().statusCode(200).body("active", equalTo(true)).body("$", not(hasKey("apiKey")));
        if (round % 5 == 0) {
            upload(as(admin).contentType("application/geo+json").body(areas).post("/api/v1/areas/import"), areas);
        }
    }

    private void partner(int round) {
        echo(client().header("X-API-Key", partnerKey).contentType(JSON)
                .body(Map.of("categoryCode", "fights", "description", "fight at the market " + round))
                .post("/api/v1/incidents"), "grid", "POST")
                .body("headers.x-api-key", nullValue())
                .body("headers.authorization", startsWith("Bearer "));
        echo(client().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body("api_key=" + partnerKey + "&service_code=street-lights&lat=30.1&long=120.2&description=dark+"
                        + round)
                .post("/open311/v2/requests.json"), "grid", "POST")
                .body("headers.authorization", startsWith("Bearer "));
        echo(client().header("X-API-Key", partnerKey).queryParam("status", "open")
                .get("/open311/v2/requests.json"), "grid", "GET");
    }

    private void publicReads(int round) {
        echo(client().header("Accept-Language", "en").get("/api/v1/categories"), "grid", "GET")
                .header("X-Content-Type-Options", "nosniff")
                .body("headers.authorization", nullValue());
        echo(client().get("/open311/v2/discovery.json"), "grid", "GET");
        echo(client().get("/open311/v2/services.json"), "grid", "GET");
        echo(client().get("/open311/v2/services.xml"), "grid", "GET");
        echo(client().queryParam("status", "open").queryParam("service_code", "street-lights")
                .get("/open311/v2/requests.json"), "grid", "GET");
        echo(client().get("/open311/v2/requests/" + round + ".json"), "grid", "GET");
        // a stale token on a public read is no reason to refuse: the caller is served anonymously
        echo(client().auth().oauth2(expired).get("/api/v1/categories"), "grid", "GET")
                .body("headers.authorization", nullValue());
        // a browser's preflight for the staff console
        client().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .options("/api/v1/cases/C-" + round)
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:3000");
    }

    /**
     * The tracking lookup is public and limited tightly (10 a minute per client): each round a citizen of its own (an
     * app with a fresh token) looks up codes, and every fifth round keeps going until the eleventh is refused. Anonymous
     * callers share their address's allowance, so they look up codes in the first round only, up to the limit.
     */
    private void tracking(int round) {
        if (round == 0) {
            lookUp(WorkloadIT::client, 10);
            rateLimited(WorkloadIT::client);
        }
        String tracker = DevTokens.token("tracker-" + RUN + "-" + round, List.of("citizen"), null, null);
        if (round % 5 == 0) {
            lookUp(() -> as(tracker), 10);
            rateLimited(() -> as(tracker));
        } else {
            lookUp(() -> as(tracker), 2);
        }
    }

    private void lookUp(Supplier<RequestSpecification> caller, int codes) {
        for (int i = 0; i < codes; i++) {
            echo(caller.get().get("/api/v1/cases/track/T" + RUN + i), "cases", "GET");
        }
    }

    private void rateLimited(Supplier<RequestSpecification> caller) {
        problem(caller.get().header("Accept-Language", "en").get("/api/v1/cases/track/T" + RUN + "X"), 429,
                "rate-limited")
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("title", equalTo("Too many requests"));
    }

    private void refusals() {
        problem(client().get("/api/v1/cases"), 401, "unauthorized").header("WWW-Authenticate", "Bearer");
        problem(client().auth().oauth2("not.a-token").get("/api/v1/incidents"), 401, "unauthorized");
        problem(client().auth().oauth2(expired).contentType(JSON).body("{}").post("/api/v1/cases"), 401,
                "unauthorized");
        problem(client().auth().preemptive().basic("someone", "secret").get("/api/v1/warnings"), 401,
                "unauthorized");
        problem(client().header("X-API-Key", "csp_not-a-key").get("/api/v1/incidents"), 401, "unauthorized");
        problem(as(citizen).get("/api/v1/partner-keys"), 403, "forbidden")
                .body("title", equalTo("无权操作"));
        // Open311 answers a missing key with 403 in its own error list
        client().contentType("application/x-www-form-urlencoded").body("service_code=fights&lat=1&long=2")
                .post("/open311/v2/requests.json")
                .then().statusCode(403).contentType(JSON).body("[0].code", equalTo(403));
        problem(as(handler).get("/api/v2/cases"), 404, "not-found");
        problem(client().get("/no-such-resource"), 404, "not-found");
        problem(as(admin).get("/api/v1/partner-keys/" + UUID.randomUUID()), 404, "not-found");
        problem(as(admin).contentType(JSON).body("{\"partnerId\":\"x\",\"categories\":[\"fights\"]}")
                .put("/api/v1/partner-keys"), 405, "method-not-allowed");
        problem(as(admin).header("Accept-Language", "en").contentType(JSON)
                .body("{\"partnerId\":\"bad id!\",\"categories\":[]}").post("/api/v1/partner-keys"), 400,
                "validation").body("errors.field", org.hamcrest.Matchers.hasItem("categories"));
        problem(as(admin).contentType(JSON).body("{\"partnerId\": ").post("/api/v1/partner-keys"), 400,
                "malformed-request");
    }

    private void platformSurfaces(int round) {
        client().get("/q/openapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(containsString("/api/v1/partner-keys:"));
        mergedDocument();
        client().get("/q/swagger-ui/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("/q/openapi?format=json"));
        client().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        client().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        if (round % 3 == 0) {
            client().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
            client().get("/q/metrics").then().statusCode(200)
                    .body(containsString("http_server_requests_seconds"))
                    .body(containsString("civic_gateway_rate_limit_store_shared"));
        }
    }

    // ------------------------------------------------------------------ partner key

    private void issuePartnerKey() {
        Response issued = as(admin).contentType(JSON)
                .body(Map.of("partnerId", "workload-" + RUN, "name", "Workload partner",
                        "categories", List.of("fights", "street-lights")))
                .post("/api/v1/partner-keys");
        issued.then().statusCode(201).header("Location", containsString("/api/v1/partner-keys/"))
                .body("apiKey", startsWith("csp_"));
        partnerKey = issued.path("apiKey");
        partnerKeyId = issued.path("id");
        await("the new key is honoured").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> client().header("X-API-Key", partnerKey).get("/api/v1/incidents")
                        .then().statusCode(200));
    }

    private void revokePartnerKey() {
        as(admin).delete("/api/v1/partner-keys/" + partnerKeyId).then().statusCode(204);
        await("the revoked key is refused").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> problem(client().header("X-API-Key", partnerKey).get("/api/v1/incidents"), 401,
                        "unauthorized"));
    }

    // ------------------------------------------------------------------ helpers

    private void mergedDocument() {
        Map<String, Object> paths = client().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).contentType(startsWith(JSON)).body("openapi", startsWith("3."))
                .extract().jsonPath().getMap("paths");
        for (String path : List.of("/api/v1/cases", "/api/v1/incidents", "/api/v1/warnings", "/api/v1/partner-keys")) {
            assertTrue(paths.containsKey(path), "the merged document has " + path);
        }
    }

    private static RequestSpecification client() {
        return given().filter(COUNTED);
    }

    private static RequestSpecification as(String token) {
        return client().auth().oauth2(token);
    }

    /** A request that reached {@code upstream} with {@code method}: the fake service echoes what it received. */
    private static io.restassured.response.ValidatableResponse echo(Response response, String upstream,
            String method) {
        return response.then().statusCode(200).contentType(JSON).header("X-Upstream", upstream)
                .body("instance", equalTo(upstream)).body("method", equalTo(method));
    }

    private static io.restassured.response.ValidatableResponse problem(Response response, int status, String slug) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + slug)).body("status", equalTo(status));
    }

    /** An upload the service received whole: its byte count and digest. */
    private static void upload(Response response, byte[] sent) {
        response.then().statusCode(200).body("bytes", equalTo(sent.length)).body("sha256", equalTo(sha256(sent)));
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * seed);
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
