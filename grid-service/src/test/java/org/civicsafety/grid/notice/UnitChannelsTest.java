package org.civicsafety.grid.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handling unit's own channels (notices.md "Channels"): besides its inbox, a unit that configured a mailbox and a
 * webhook URL gets its notices by e-mail (the SMTP server) and as signed CloudEvents (a loopback receiver, verified
 * with the Standard Webhooks reference library); a unit without channels only in the inbox; a URL the SSRF rules
 * refuse is never called.
 */
@QuarkusTest
class UnitChannelsTest {
    private static final Duration DELIVERED = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The test profile's grid.notices.unit-webhook-secret. */
    private static final String SECRET = "whsec_ZGV2LW9ubHktZ3JpZC11bml0LXdlYmhvb2sta2V5ISE=";

    /** A request as the receiver got it. */
    record Received(Map<String, List<String>> headers, String body) {
        JsonNode event() throws IOException {
            return JSON.readTree(body);
        }
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receive() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/robot", exchange -> {
            received.add(new Received(new TreeMap<>(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static void channels(String unit, String email, String webhookUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("webhookUrl", webhookUrl);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .put("/api/v1/units/" + unit + "/notice-channels").then().statusCode(200);
    }

    private static String report(Fixtures.Hierarchy h, String citizen) {
        return given().auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(IncidentNoticesTest.report(h, Map.of("name", "Li Na", "phone", IncidentNoticesTest.mobile())))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    private static Response act(String token, String id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents/" + id + "/transitions");
    }

    /** The unit notices of the county's subtree in the delivery log, newest first, with their deliveries. */
    private static List<Map<String, Object>> logged(Fixtures.Hierarchy h) {
        return given().auth().oauth2(Tokens.token("s-" + Fixtures.suffix(), "supervisor", h.county(), null, null))
                .get("/api/v1/notices?recipientType=UNIT").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deliveries(Map<String, Object> notice) {
        return (List<Map<String, Object>>) notice.get("deliveries");
    }

    @Test
    void aUnitWithAMailboxAndARobotHearsOfDispatchAndReopeningThroughBoth() throws IOException {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String unit = "unit-" + h.village();
        String mailbox = "duty." + Fixtures.suffix() + "@unit.example.org";
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/robot";
        channels(unit, mailbox, url);
        String citizen = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        String handler = Tokens.token("h-" + Fixtures.suffix(), "handler", null, unit, null);

        String id = report(h, citizen);
        List<Map<String, Object>> inbox = IncidentNoticesTest.inbox(handler);
        assertEquals(List.of("UNIT_DISPATCHED"), inbox.stream().map(n -> n.get("type")).toList());
        Map<String, Object> dispatched = inbox.get(0);

        // by e-mail to the unit's mailbox, with the notice's id
        await().atMost(DELIVERED).until(() -> !Outside.mails(mailbox).isEmpty());
        Outside.Mail mail = Outside.mails(mailbox).get(0);
        assertEquals(dispatched.get("title"), mail.subject());
        assertTrue(mail.mime().contains(dispatched.get("id").toString()));

        // by the robot: a signed CloudEvent whose id is the notice's and whose data is the notice as the inbox has it
        await().atMost(DELIVERED).until(() -> !received.isEmpty());
        Received hook = received.get(0);
        assertDoesNotThrow(() -> new Webhook(SECRET).verify(hook.body(), hook.headers()));
        JsonNode event = hook.event();
        String noticeUuid = dispatched.get("id").toString().substring("grid-".length());
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals(noticeUuid, event.path("id").asText());
        assertEquals(noticeUuid, hook.headers().get("Webhook-id").get(0));
        assertEquals("org.civicsafety.notice.created.v1", event.path("type").asText());
        assertEquals("/grid-service", event.path("source").asText());
        assertEquals(id, event.path("subject").asText());
        assertEquals("application/cloudevents+json", hook.headers().get("Content-type").get(0));
        assertEquals(JSON.valueToTree(dispatched), event.path("data"));
        assertFalse(hook.body().contains("Li Na"), hook.body());

        // both deliveries SENT in the log, the addresses masked there and sealed in the table
        Map<String, Object> logged = logged(h).stream().filter(n -> n.get("id").equals(dispatched.get("id")))
                .findFirst().orElseThrow();
        await().atMost(DELIVERED).until(() -> deliveries(logged(h).stream()
                .filter(n -> n.get("id").equals(dispatched.get("id"))).findFirst().orElseThrow()).stream()
                .allMatch(d -> "SENT".equals(d.get("status"))));
        assertEquals(List.of("EMAIL", "WEBHOOK"), deliveries(logged).stream().map(d -> d.get("channel")).sorted()
                .toList());
        assertTrue(deliveries(logged).stream().map(d -> d.get("address")).toList().containsAll(List.of("d***"
                + mailbox.substring(mailbox.indexOf('@')), "127.0.0.1")), logged.toString());

        // resolved, then reopened by the reporter: the unit is told again through the inbox and both channels
        act(handler, id, Map.of("action", "START")).then().statusCode(200);
        act(handler, id, Map.of("action", "RESOLVE", "note", "Lamp replaced")).then().statusCode(200);
        act(citizen, id, Map.of("action", "REOPEN", "reason", "Still dark")).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS"));
        assertEquals(List.of("UNIT_REOPENED", "UNIT_DISPATCHED"),
                IncidentNoticesTest.inbox(handler).stream().map(n -> n.get("type")).toList());
        await().atMost(DELIVERED).until(() -> Outside.mails(mailbox).size() == 2 && received.size() == 2);
        assertTrue(Outside.mails(mailbox).stream().anyMatch(m -> m.subject().contains("重新办理")));
        Received reopened = received.get(1);
        assertDoesNotThrow(() -> new Webhook(SECRET).verify(reopened.body(), reopened.headers()));
        assertEquals("UNIT_REOPENED", reopened.event().path("data").path("type").asText());
        assertFalse(reopened.body().contains("Still dark"), "the reopening's free text stays in the history");

        // confirmed after the next resolution: the reporter is told it is closed (the unit is not)
        act(handler, id, Map.of("action", "RESOLVE", "note", "Cable replaced")).then().statusCode(200);
        act(citizen, id, Map.of("action", "CONFIRM")).then().statusCode(200).body("state", equalTo("CLOSED"));
        assertEquals("INCIDENT_CLOSED", IncidentNoticesTest.inbox(citizen).get(0).get("type"));
        assertEquals(2, IncidentNoticesTest.inbox(handler).size());
    }

    @Test
    void aUnitWithoutChannelsHasItsInboxOnly() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String unit = "unit-" + h.village();
        channels(unit, null, null);
        report(h, Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null));
        assertEquals(List.of("UNIT_DISPATCHED"), IncidentNoticesTest.inbox(Tokens.token("h-" + Fixtures.suffix(),
                "handler", null, unit, null)).stream().map(n -> n.get("type")).toList());
        Map<String, Object> logged = logged(h).get(0);
        assertEquals(unit, logged.get("recipient"));
        assertEquals(List.of(), deliveries(logged));
    }

    @Test
    void aUnitUrlTheSsrfRulesRefuseIsSuppressedNotCalled() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String unit = "unit-" + h.village();
        // an https URL the directory takes, but the cloud metadata address no delivery may reach
        channels(unit, null, "https://169.254.169.254/latest/meta-data");
        report(h, Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null));
        await().atMost(DELIVERED).until(() -> "SUPPRESSED".equals(deliveries(logged(h).get(0)).get(0).get("status")));
        Map<String, Object> delivery = deliveries(logged(h).get(0)).get(0);
        assertEquals("WEBHOOK", delivery.get("channel"));
        assertEquals("169.254.169.254", delivery.get("address"));
        assertEquals("unit webhook refused: it resolves to a cloud metadata address", delivery.get("lastError"));
        assertEquals(null, delivery.get("sentAt"));
    }
}
