package org.civicsafety.gateway.notices;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.civicsafety.gateway.support.FakeNotices;
import org.civicsafety.gateway.support.FakeUpstreams;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The composed notice paths (gateway.md "Composed paths") against the fake cases and grid services:
 * merged lists under one cursor, partial answers, read marks by the id's owner, preferences to both.
 */
@QuarkusTest
class ComposedNoticesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final String token = Tokens.user("citizen-" + UUID.randomUUID(), "citizen");

    @BeforeEach
    void freshServices() {
        FakeNotices.resetAll();
    }

    @AfterEach
    void servicesBack() {
        FakeNotices.resetAll();
        FakeUpstreams.restoreNoticeServices();
    }

    private RequestSpecification caller() {
        return given().header("Authorization", "Bearer " + token);
    }

    /** 7 cases notices every 5 min (every other one read), 23 grid notices every 70 s: interleaved, one tie at T0. */
    private static void interleavedInboxes() {
        for (int i = 0; i < 7; i++) {
            FakeNotices.cases.add(T0.plusSeconds(i * 300L), i % 2 == 0);
        }
        for (int i = 0; i < 23; i++) {
            FakeNotices.grid.add(T0.plusSeconds(i * 70L), false);
        }
    }

    @ParameterizedTest
    @CsvSource({"5, 500, 4", "3, 2, 500", "1, 500, 500", "4, 3, 7", "50, 500, 500"})
    void walksBothInboxesNewestFirstUnderOneCursorMeetingEveryNoticeOnce(int limit, int casesPage, int gridPage) {
        interleavedInboxes();
        FakeNotices.cases.pageCap = casesPage;
        FakeNotices.grid.pageCap = gridPage;
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = caller().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/me/notices").then().statusCode(200)
                    .contentType(startsWith("application/json"))
                    .body("partial", empty())
                    .extract().jsonPath();
            List<String> ids = page.getList("items.id");
            assertTrue(ids.size() <= limit, "a page holds at most the limit: " + ids.size());
            seen.addAll(ids);
            assertEquals(3 + 23, page.getLong("unread"), "the unread notices of both, on every page");
            cursor = page.getString("nextCursor");
            assertTrue(++pages <= 30 / limit + 30, "the walk ends");
        } while (cursor != null);
        assertEquals(FakeNotices.mergedOrder(), seen, "every notice once, newest first (createdAt desc, then id)");
    }

    @Test
    void passesFiltersOnAndAnOwnersRefusalBackAsItIs() {
        interleavedInboxes();
        caller().queryParam("recipientType", "USER").queryParam("channel", "SMS").queryParam("status", "FAILED")
                .queryParam("from", "2026-12-01T00:00:00+08:00").queryParam("limit", 10)
                .when().get("/api/v1/notices")
                .then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(10))
                .body("items.recipientType", everyItem(equalTo("USER")))
                .body("partial", empty());
        for (FakeNotices.Service service : List.of(FakeNotices.cases, FakeNotices.grid)) {
            String uri = service.listUris.get(0);
            assertTrue(uri.startsWith("/api/v1/notices?"), uri);
            for (String part : List.of("recipientType=USER", "channel=SMS", "status=FAILED",
                    "from=2026-12-01T00%3A00%3A00%2B08%3A00", "limit=10")) {
                assertTrue(uri.contains(part), service.label() + " was asked " + uri + ", without " + part);
            }
        }
        caller().queryParam("recipientType", "NOBODY").when().get("/api/v1/notices")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("recipientType must be one of"));
    }

    @Test
    void aBadCursorOrLimitIsRefusedBeforeAnyServiceIsAsked() {
        String notOurs = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"cases\":{\"skip\":-1},\"grid\":{\"done\":true}}".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("garbage!", "bm90IGpzb24", notOurs, "e30")) {
            caller().queryParam("cursor", cursor).when().get("/api/v1/me/notices")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://civicsafety.org/problems/malformed-request"))
                    .body("errors[0].field", equalTo("cursor"));
        }
        for (String limit : List.of("0", "501", "ten")) {
            caller().queryParam("limit", limit).header("Accept-Language", "en").when().get("/api/v1/notices")
                    .then().statusCode(400)
                    .body("type", equalTo("https://civicsafety.org/problems/validation"))
                    .body("errors[0].field", equalTo("limit"))
                    .body("errors[0].message", notNullValue());
        }
        assertTrue(FakeNotices.cases.listUris.isEmpty() && FakeNotices.grid.listUris.isEmpty());
    }

    @Test
    void aServiceThatIsDownLeavesAPartialPageAndIsAskedAgainFromWhereItStood() {
        interleavedInboxes();
        FakeUpstreams.grid.stop();
        JsonPath page = caller().queryParam("limit", 50).when().get("/api/v1/me/notices")
                .then().statusCode(200)
                .body("partial", contains("grid-service"))
                .body("items.service", everyItem(equalTo("cases-service")))
                .body("items", org.hamcrest.Matchers.hasSize(7))
                .body("unread", equalTo(3))
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        FakeUpstreams.grid.start();
        String cursor = page.getString("nextCursor");
        List<String> rest = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> caller().queryParam("limit", 50).queryParam("cursor", cursor)
                        .when().get("/api/v1/me/notices").then().statusCode(200).extract().jsonPath(),
                        p -> p.getList("partial").isEmpty())
                .getList("items.id");
        assertEquals(23, rest.size(), "grid's notices, none lost while it was down");
        assertTrue(rest.stream().allMatch(id -> id.startsWith("grid-")));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_composed_requests_total")
                && l.contains("operation=\"me-notices\"") && l.contains("outcome=\"partial\"")),
                "partial answers counted");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_composed_parts_total")
                && l.contains("part=\"grid-service\"") && l.contains("outcome=\"failed\"")), "the failed part counted");
    }

    @Test
    void aSlowServiceLeavesAPartialPageWithinItsTimeout() {
        interleavedInboxes();
        caller().when().get("/api/v1/me/notices").then().statusCode(200); // warm: the timing is the gateway's
        FakeNotices.cases.delayMs = 5000; // cases' timeout is 1500 ms
        long start = System.nanoTime();
        caller().when().get("/api/v1/me/notices")
                .then().statusCode(200)
                .body("partial", contains("cases-service"))
                .body("items", org.hamcrest.Matchers.hasSize(23))
                .body("unread", equalTo(23));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < 4000, "answered after " + millis + " ms");
    }

    @Test
    void bothServicesDownIs503WithRetryAfter() {
        FakeUpstreams.grid.stop();
        FakeUpstreams.casesA.stop();
        FakeUpstreams.casesB.stop();
        caller().when().get("/api/v1/notices")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("type", equalTo("https://civicsafety.org/problems/unavailable"))
                .body("detail", containsString("cases-service, grid-service"));
        FakeUpstreams.casesA.start();
        FakeUpstreams.casesB.start();
        FakeUpstreams.grid.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> caller().when().get("/api/v1/notices").then().extract().jsonPath(),
                        p -> p.getList("partial") != null && p.getList("partial").isEmpty());
    }

    @Test
    void theCallersCredentialAndRequestIdReachBothServices() {
        caller().header("X-Request-Id", "composed-1").when().get("/api/v1/me/notices")
                .then().statusCode(200).header("X-Request-Id", "composed-1");
        for (FakeNotices.Service service : List.of(FakeNotices.cases, FakeNotices.grid)) {
            assertEquals("Bearer " + token, service.lastHeaders.get("Authorization"), service.label());
            assertEquals("composed-1", service.lastHeaders.get("X-Request-Id"), service.label());
        }
        given().when().get("/api/v1/me/notices").then().statusCode(401);
    }

    @Test
    void aReadMarkGoesToTheOwnerTheIdNames() {
        String casesId = FakeNotices.cases.add(T0, false).getString("id");
        String gridId = FakeNotices.grid.add(T0, false).getString("id");
        caller().when().post("/api/v1/me/notices/" + casesId + "/read").then().statusCode(204);
        caller().when().post("/api/v1/me/notices/" + gridId + "/read").then().statusCode(204);
        assertEquals(List.of(casesId), FakeNotices.cases.readMarks);
        assertEquals(List.of(gridId), FakeNotices.grid.readMarks);
        // grid's own answer for an id it does not have
        caller().when().post("/api/v1/me/notices/grid-" + UUID.randomUUID() + "/read")
                .then().statusCode(404).body("detail", startsWith("no notice grid-"));
        // an id of no owner is no notice: answered by the gateway
        for (String id : List.of("assessment-" + UUID.randomUUID(), "cases-", "7")) {
            caller().when().post("/api/v1/me/notices/" + id + "/read")
                    .then().statusCode(404)
                    .body("type", equalTo("https://civicsafety.org/problems/not-found"));
        }
        assertEquals(List.of(casesId), FakeNotices.cases.readMarks, "nothing else reached cases-service");
        assertEquals(List.of(gridId), FakeNotices.grid.readMarks, "nothing else reached grid-service");
        caller().when().get("/api/v1/me/notices/" + casesId + "/read")
                .then().statusCode(405).header("Allow", "POST")
                .body("type", equalTo("https://civicsafety.org/problems/method-not-allowed"));
        caller().when().get("/api/v1/me/notices/" + casesId).then().statusCode(404);
    }

    @Test
    void preferencesAreWrittenToBothAndAPartialFailureIsA503ToRetry() {
        String choices = "{\"sms\":false,\"email\":true,\"language\":\"en\",\"mobile\":\"13912341234\"}";
        caller().contentType("application/json").body(choices).when().put("/api/v1/me/notice-preferences")
                .then().statusCode(200).body("answeredBy", equalTo("cases-service")).body("sms", equalTo(false));
        assertEquals(false, FakeNotices.cases.preferences.getBoolean("sms"));
        assertEquals(false, FakeNotices.grid.preferences.getBoolean("sms"));

        FakeNotices.grid.failStatus = 500;
        String changed = choices.replace("\"email\":true", "\"email\":false");
        caller().contentType("application/json").body(changed).when().put("/api/v1/me/notice-preferences")
                .then().statusCode(503)
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("type", equalTo("https://civicsafety.org/problems/unavailable"))
                .body("detail", containsString("grid-service"))
                .body("detail", org.hamcrest.Matchers.not(containsString("cases-service")));
        FakeNotices.grid.failStatus = 0;
        caller().contentType("application/json").body(changed).when().put("/api/v1/me/notice-preferences")
                .then().statusCode(200).body("email", equalTo(false));
        assertEquals(false, FakeNotices.grid.preferences.getBoolean("email"), "the retry reached grid-service");

        FakeNotices.cases.failStatus = 400;
        caller().contentType("application/json").body(changed).when().put("/api/v1/me/notice-preferences")
                .then().statusCode(400).body("detail", equalTo("cases-service refuses"));
        FakeNotices.cases.failStatus = 0;

        caller().when().get("/api/v1/me/notice-preferences")
                .then().statusCode(200).body("answeredBy", equalTo("cases-service"));
        caller().when().delete("/api/v1/me/notice-preferences").then().statusCode(405);
    }

    @Test
    void theDeliveryLogHasNoUnreadCount() {
        interleavedInboxes();
        caller().queryParam("limit", 2).when().get("/api/v1/notices")
                .then().statusCode(200)
                .body("unread", nullValue())
                .body("nextCursor", notNullValue());
    }

    @Test
    void aMergedListAskedForOnlyAnotherFormIs406AndAsksNoService() {
        for (String path : List.of("/api/v1/notices", "/api/v1/me/notices")) {
            caller().accept("text/csv").when().get(path)
                    .then().statusCode(406)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://civicsafety.org/problems/not-acceptable"));
            caller().accept("text/csv, application/json;q=0").when().get(path).then().statusCode(406);
        }
        assertTrue(FakeNotices.cases.listUris.isEmpty() && FakeNotices.grid.listUris.isEmpty());
        for (String accept : List.of("*/*", "application/json", "text/csv;q=0.9, application/*;q=0.5")) {
            caller().accept(accept).when().get("/api/v1/notices").then().statusCode(200)
                    .contentType("application/json");
        }
    }
}
