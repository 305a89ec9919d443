package org.civicsafety.gateway.notices;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.civicsafety.gateway.support.FakeNotices;
import org.civicsafety.gateway.support.FakeUpstreams;
import org.civicsafety.gateway.support.SseClient;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/v1/me/notices/stream}: both services' event streams merged into one, resumable as one. */
@QuarkusTest
class NoticeStreamTest {

    private static final String STREAM = "/api/v1/me/notices/stream";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/") URL gateway;

    private final String token = "Bearer " + Tokens.user("listener-" + UUID.randomUUID(), "citizen");

    @BeforeEach
    void freshServices() {
        FakeNotices.resetAll();
    }

    @AfterEach
    void servicesBack() {
        FakeNotices.resetAll();
        FakeUpstreams.restoreNoticeServices();
    }

    private SseClient listen(Map<String, String> extra, String path) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.put("Authorization", token);
        return new SseClient(gateway, path, headers);
    }

    private static void awaitStreams(int cases, int grid) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(
                () -> FakeNotices.cases.openStreams() == cases && FakeNotices.grid.openStreams() == grid);
    }

    private static String noticeId(SseClient.Event event) {
        return new JsonObject(event.data()).getString("id");
    }

    @Test
    void mergesBothStreamsEachEventCarryingBothPositions() throws Exception {
        try (SseClient client = listen(Map.of(), STREAM)) {
            assertEquals(200, client.status());
            assertTrue(client.header("Content-Type").startsWith("text/event-stream"));
            awaitStreams(1, 1);
            assertEquals(List.of(""), FakeNotices.cases.streamLastEventIds, "a first connection starts from now");
            String first = FakeNotices.cases.publish(Instant.now()).getString("id");
            await().atMost(WAIT).until(() -> client.events().size() == 1);
            String second = FakeNotices.grid.publish(Instant.now()).getString("id");
            await().atMost(WAIT).until(() -> client.events().size() == 2);
            String third = FakeNotices.cases.publish(Instant.now()).getString("id");
            await().atMost(WAIT).until(() -> client.events().size() == 3);
            List<SseClient.Event> events = client.events();
            assertEquals(List.of(first, second, third), events.stream().map(NoticeStreamTest::noticeId).toList());
            assertEquals(List.of("c1", "c1.g1", "c2.g1"), events.stream().map(SseClient.Event::id).toList());
            assertTrue(events.stream().allMatch(e -> "notice".equals(e.type())));
            await().alias("keep-alive comments (every 500 ms in tests)").atMost(WAIT)
                    .until(() -> client.text().contains(": keep-alive\n\n"));
        }
        awaitStreams(0, 0); // the client went away: so did the gateway's streams to the services
    }

    @Test
    void aCompositeLastEventIdResumesEachServiceFromItsOwnPosition() throws Exception {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        List<String> cases = List.of(FakeNotices.cases.add(t, false).getString("id"),
                FakeNotices.cases.add(t.plusSeconds(1), false).getString("id"),
                FakeNotices.cases.add(t.plusSeconds(2), false).getString("id"));
        FakeNotices.grid.add(t, false);
        FakeNotices.grid.add(t.plusSeconds(1), false);
        try (SseClient client = listen(Map.of("Last-Event-ID", "c1.g2"), STREAM)) {
            await().atMost(WAIT).until(() -> client.events().size() == 2);
            assertEquals(List.of("1"), FakeNotices.cases.streamLastEventIds);
            assertEquals(List.of("2"), FakeNotices.grid.streamLastEventIds);
            List<SseClient.Event> events = client.events();
            assertEquals(cases.subList(1, 3), events.stream().map(NoticeStreamTest::noticeId).toList());
            assertEquals(List.of("c2.g2", "c3.g2"), events.stream().map(SseClient.Event::id).toList());
        }
        // a first connection of a browser's EventSource can only say it in the query
        FakeNotices.resetAll();
        FakeNotices.cases.add(t, false);
        try (SseClient client = listen(Map.of(), STREAM + "?lastEventId=c0")) {
            await().atMost(WAIT).until(() -> client.events().size() == 1);
            assertEquals(List.of("0"), FakeNotices.cases.streamLastEventIds);
            assertEquals(List.of(""), FakeNotices.grid.streamLastEventIds, "no position of grid's: from now");
            assertEquals("c1", client.events().get(0).id());
        }
    }

    @Test
    void aDroppedServiceIsReconnectedFromItsPositionWhileTheOtherKeepsStreaming() throws Exception {
        try (SseClient client = listen(Map.of(), STREAM)) {
            awaitStreams(1, 1);
            FakeNotices.grid.publish(Instant.now());
            FakeNotices.cases.publish(Instant.now());
            await().atMost(WAIT).until(() -> client.events().size() == 2);
            FakeNotices.grid.dropStreams();
            // written while grid's stream is down: its reconnection resumes after g1 and brings it
            String missed = FakeNotices.grid.add(Instant.now(), false).getString("id");
            String meanwhile = FakeNotices.cases.publish(Instant.now()).getString("id");
            await().atMost(WAIT).until(() -> client.events().size() == 4);
            assertEquals(List.of("", "1"), FakeNotices.grid.streamLastEventIds);
            assertEquals(List.of(""), FakeNotices.cases.streamLastEventIds, "cases' stream was not interrupted");
            List<SseClient.Event> events = client.events();
            assertEquals(java.util.Set.of(missed, meanwhile),
                    java.util.Set.of(noticeId(events.get(2)), noticeId(events.get(3))));
            SseClient.Event resumed = events.stream().filter(e -> noticeId(e).equals(missed)).findFirst().orElseThrow();
            assertTrue(resumed.id().matches("c[12]\\.g2"), resumed.id());
            assertEquals("c2.g2", events.get(3).id());
        }
    }

    @Test
    void aServiceDownAtTheStartJoinsWhenItIsBack() throws Exception {
        FakeUpstreams.grid.stop();
        try (SseClient client = listen(Map.of(), STREAM)) {
            assertEquals(200, client.status(), "one service streaming is a stream");
            awaitStreams(1, 0);
            FakeNotices.cases.publish(Instant.now());
            await().atMost(WAIT).until(() -> client.events().size() == 1);
            FakeUpstreams.grid.start();
            awaitStreams(1, 1);
            FakeNotices.grid.publish(Instant.now());
            await().atMost(WAIT).until(() -> client.events().size() == 2);
            assertEquals("c1.g1", client.events().get(1).id());
        }
    }

    @Test
    void refusalsAndFailuresAnswerBeforeAnyStream() throws Exception {
        given().header("Authorization", token).header("Last-Event-ID", "c1.x2").when().get(STREAM)
                .then().statusCode(400)
                .body("type", equalTo("https://civicsafety.org/problems/malformed-request"))
                .body("errors[0].field", equalTo("Last-Event-ID"));
        given().when().get(STREAM).then().statusCode(401);

        FakeNotices.grid.failStatus = 403;
        try (SseClient client = listen(Map.of(), STREAM)) {
            assertEquals(403, client.status(), "a service's refusal is the answer");
            await().atMost(WAIT).until(() -> client.text().contains("grid-service refuses"));
        }
        FakeNotices.grid.failStatus = 0;

        FakeUpstreams.grid.stop();
        FakeUpstreams.casesA.stop();
        FakeUpstreams.casesB.stop();
        given().header("Authorization", token).when().get(STREAM)
                .then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9]\\d*"))
                .body("type", equalTo("https://civicsafety.org/problems/unavailable"));
    }
}
