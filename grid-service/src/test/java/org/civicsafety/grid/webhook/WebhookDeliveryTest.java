package org.civicsafety.grid.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.civicsafety.grid.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partner webhooks end to end (notices.md, R8): a receiver on loopback gets signed CloudEvents of its partner's
 * incidents only, each verified with the Standard Webhooks reference library; retries, rotation, pings,
 * redelivery, the 24 h give-up and the SSRF refusals.
 */
@QuarkusTest
class WebhookDeliveryTest {
    private static final Duration DELIVERED = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject AgroalDataSource ds;

    /** A delivery as the receiver got it. */
    record Received(String path, Map<String, List<String>> headers, String body) {
        JsonNode event() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(204);

    @BeforeEach
    void receive() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = answer.get();
            if (status / 100 == 2) {
                received.add(new Received(exchange.getRequestURI().getPath(),
                        new TreeMap<>(exchange.getRequestHeaders()), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    static String partner(String id) {
        return Tokens.token("gateway", "partner", null, null, id);
    }

    static Response subscribe(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks");
    }

    static String report(String token, Fixtures.Hierarchy h) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("categoryCode", "STREET_LIGHT",
                "description", "Light out", "lat", h.centerLat(), "lon", h.centerLon(), "reporter",
                Map.of("name", "Zhao Liu", "phone", "13700001111"))).post("/api/v1/incidents").then().statusCode(201)
                .extract().path("id");
    }

    private List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static void verify(String secret, Received r) {
        assertDoesNotThrow(() -> new Webhook(secret).verify(r.body(), r.headers()), r.toString());
    }

    @Test
    void aPartnerGetsSignedCloudEventsOfItsOwnIncidentsOnly() throws Exception {
        String a = "pa-" + Fixtures.suffix();
        String b = "pb-" + Fixtures.suffix();
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Response created = subscribe(partner(a), Map.of("url", url("/a"), "eventTypes",
                List.of("org.civicsafety.incident."), "description", "our CRM"));
        created.then().statusCode(201).body("partnerId", equalTo(a)).body("active", equalTo(true))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}=")).header("Location",
                        matchesPattern(".*/api/v1/webhooks/[0-9a-f-]{36}"));
        String secretA = created.path("secret");
        String subscriptionA = created.path("id");
        // the secret is shown once: never in reads
        given().auth().oauth2(partner(a)).get("/api/v1/webhooks/" + subscriptionA).then().statusCode(200)
                .body("secret", nullValue()).body("url", equalTo(url("/a")));
        String secretB = subscribe(partner(b), Map.of("url", url("/b"), "eventTypes",
                List.of("org.civicsafety.incident.dispatched.v1"))).then().statusCode(201).extract().path("secret");
        // another partner's subscription is not there for it
        given().auth().oauth2(partner(b)).get("/api/v1/webhooks/" + subscriptionA).then().statusCode(404);
        given().auth().oauth2(partner(b)).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.partnerId", equalTo(List.of(b)));

        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            String incidentA = report(partner(a), h);
            String incidentB = report(partner(b), Fixtures.hierarchy());
            await().atMost(DELIVERED).until(() -> at("/a").size() >= 2 && !at("/b").isEmpty());
            ConsumerRecord<String, String> dispatched = probe.await(TopicProbe.keyAndType(incidentA,
                    "org.civicsafety.incident.dispatched.v1"), DELIVERED);

            for (Received r : at("/a")) {
                verify(secretA, r);
                assertThrows(WebhookVerificationException.class, () -> new Webhook(secretB).verify(r.body(),
                        r.headers()));
                assertEquals("application/cloudevents+json", r.header("Content-Type"));
                JsonNode event = r.event();
                assertEquals("1.0", event.path("specversion").asText());
                assertEquals("/grid-service", event.path("source").asText());
                assertEquals(incidentA, event.path("subject").asText());
                assertEquals(incidentA, event.path("data").path("incidentId").asText());
                assertEquals(r.header("webhook-id"), event.path("id").asText());
                assertFalse(r.body().contains("Zhao Liu") || r.body().contains("13700001111"), r.body());
            }
            // the same event as on Kafka: its id, type and data
            Received viaWebhook = at("/a").stream().filter(r -> r.event().path("type").asText()
                    .equals("org.civicsafety.incident.dispatched.v1")).findFirst().orElseThrow();
            assertEquals(TopicProbe.header(dispatched, "ce_id"), viaWebhook.event().path("id").asText());
            assertEquals(JSON.readTree(dispatched.value()), viaWebhook.event().path("data"));
            assertEquals(Set.of("org.civicsafety.incident.reported.v1", "org.civicsafety.incident.dispatched.v1"),
                    Set.copyOf(at("/a").stream().map(r -> r.event().path("type").asText()).toList()));

            // B asked for dispatched events only, and got only its own
            await().atMost(DELIVERED).until(() -> !at("/b").isEmpty());
            for (Received r : at("/b")) {
                verify(secretB, r);
                assertEquals(incidentB, r.event().path("subject").asText());
                assertEquals("org.civicsafety.incident.dispatched.v1", r.event().path("type").asText());
            }
            assertTrue(received.stream().noneMatch(r -> r.path().equals("/b") && r.body().contains(incidentA)));
            assertTrue(received.stream().noneMatch(r -> r.path().equals("/a") && r.body().contains(incidentB)));
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedAndThenServed() throws Exception {
        String p = "pr-" + Fixtures.suffix();
        Response created = subscribe(partner(p), Map.of("url", url("/retry"), "eventTypes",
                List.of("org.civicsafety.incident.reported.v1")));
        String secret = created.path("secret");
        String id = created.path("id");
        answer.set(503);
        String incident = report(partner(p), Fixtures.hierarchy());
        await().atMost(DELIVERED).until(() -> attempts(id) == 1);
        JsonNode first = deliveries(partner(p), id).path("items").path(0);
        assertEquals("PENDING", first.path("status").asText());
        assertEquals(503, first.path("attempts").path(0).path("statusCode").asInt());
        assertEquals("receiver answered 503", first.path("lastError").asText());
        assertEquals("127.0.0.1", first.path("address").asText());

        // a minute later (brought forward here) the receiver is back: delivered, with the same event id
        answer.set(200);
        dueNow(first.path("id").asText());
        await().atMost(DELIVERED).until(() -> !at("/retry").isEmpty());
        Received r = at("/retry").get(0);
        verify(secret, r);
        assertEquals(incident, r.event().path("subject").asText());
        assertEquals(first.path("eventId").asText(), r.header("webhook-id"));
        await().atMost(DELIVERED).until(() -> "SENT".equals(deliveries(partner(p), id).path("items").path(0)
                .path("status").asText()));
        JsonNode sent = deliveries(partner(p), id).path("items").path(0);
        assertEquals(2, sent.path("attemptCount").asInt());
        assertEquals(200, sent.path("attempts").path(1).path("statusCode").asInt());
        assertTrue(sent.path("attempts").path(1).path("latencyMs").isInt());

        // redelivery: the same event (id and body) again, as a new delivery
        String again = given().auth().oauth2(partner(p)).post("/api/v1/webhooks/" + id + "/deliveries/"
                + sent.path("id").asText() + "/redeliver").then().statusCode(202)
                .body("eventId", equalTo(first.path("eventId").asText())).extract().path("id");
        assertFalse(again.equals(sent.path("id").asText()));
        await().atMost(DELIVERED).until(() -> at("/retry").size() == 2);
        assertEquals(r.body(), at("/retry").get(1).body());
        assertEquals(r.header("webhook-id"), at("/retry").get(1).header("webhook-id"));
        given().auth().oauth2(partner("other-" + p)).post("/api/v1/webhooks/" + id + "/deliveries/"
                + sent.path("id").asText() + "/redeliver").then().statusCode(404);
        given().auth().oauth2(partner(p)).post("/api/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID()
                + "/redeliver").then().statusCode(404);
    }

    @Test
    void afterARotationBothSecretsSignAndAPingArrives() {
        String p = "pk-" + Fixtures.suffix();
        Response created = subscribe(partner(p), Map.of("url", url("/rotate"), "eventTypes",
                List.of("org.civicsafety.")));
        String old = created.path("secret");
        String id = created.path("id");
        Response rotated = given().auth().oauth2(partner(p)).post("/api/v1/webhooks/" + id + "/rotate-secret");
        rotated.then().statusCode(200).body("previousSecretValidUntil", matchesPattern("\\d{4}-.*"));
        String fresh = rotated.path("secret");
        assertFalse(fresh.equals(old));

        given().auth().oauth2(partner(p)).post("/api/v1/webhooks/" + id + "/test").then().statusCode(202)
                .body("eventType", equalTo("org.civicsafety.webhook.ping.v1"));
        await().atMost(DELIVERED).until(() -> !at("/rotate").isEmpty());
        Received ping = at("/rotate").get(0);
        assertEquals(2, ping.header("webhook-signature").split(" ").length, ping.header("webhook-signature"));
        verify(old, ping);
        verify(fresh, ping);
        assertEquals(id, ping.event().path("data").path("subscriptionId").asText());

        // deleted: gone for its partner, and nothing more is sent
        given().auth().oauth2(partner(p)).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        given().auth().oauth2(partner(p)).get("/api/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(partner(p)).post("/api/v1/webhooks/" + id + "/test").then().statusCode(404);
    }

    @Test
    void aReceiverFailingFor24HoursIsDisabledAndItsPartnerTold() throws Exception {
        String p = "pf-" + Fixtures.suffix();
        String id = subscribe(partner(p), Map.of("url", url("/dead"), "eventTypes",
                List.of("org.civicsafety.incident.reported.v1"))).then().statusCode(201).extract().path("id");
        answer.set(500);
        report(partner(p), Fixtures.hierarchy());
        await().atMost(DELIVERED).until(() -> attempts(id) == 1);
        String delivery = deliveries(partner(p), id).path("items").path(0).path("id").asText();
        // the first attempt was a day ago: the next failure gives up
        sql("UPDATE notice_attempt SET at = at - interval '25 hours' WHERE delivery_id = ?", delivery);
        dueNow(delivery);
        await().atMost(DELIVERED).until(() -> "FAILED".equals(deliveries(partner(p), id).path("items").path(0)
                .path("status").asText()));
        given().auth().oauth2(partner(p)).get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("active", equalTo(false)).body("disabledAt", matchesPattern("\\d{4}-.*"));
        given().auth().oauth2(partner(p)).get("/api/v1/me/notices").then().statusCode(200)
                .body("items[0].type", equalTo("WEBHOOK_DISABLED")).body("items[0].subjectId", equalTo(id))
                .body("items[0].subjectNumber", equalTo("127.0.0.1"));
        given().auth().oauth2(partner(p)).post("/api/v1/webhooks/" + id + "/test").then().statusCode(409);
    }

    @Test
    void internalAddressesAndPlainHttpElsewhereAreRefused() {
        String p = partner("ps-" + Fixtures.suffix());
        for (String bad : List.of("https://10.0.0.1/hook", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/hook", "http://example.org/hook", "https://metadata.google.internal/x",
                "https://192.168.1.1/hook", "ftp://127.0.0.1/x")) {
            subscribe(p, Map.of("url", bad, "eventTypes", List.of("org.civicsafety.incident."))).then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        }
        subscribe(p, Map.of("url", url("/x"), "eventTypes", List.of("not an event type"))).then().statusCode(400)
                .body("errors[0].field", matchesPattern("eventTypes.*"));
        subscribe(p, Map.of("url", url("/x"), "eventTypes", List.of())).then().statusCode(400);
        // an admin subscribes for a partner, which it must name; a citizen cannot subscribe
        subscribe(Tokens.admin(), Map.of("url", url("/x"), "eventTypes", List.of("org.civicsafety.incident.")))
                .then().statusCode(400).body("errors[0].field", equalTo("partnerId"));
        String forPartner = "pad-" + Fixtures.suffix();
        String id = subscribe(Tokens.admin(), Map.of("url", url("/x"), "eventTypes",
                List.of("org.civicsafety.incident."), "partnerId", forPartner)).then().statusCode(201)
                .body("partnerId", equalTo(forPartner)).extract().path("id");
        given().auth().oauth2(partner(forPartner)).get("/api/v1/webhooks/" + id).then().statusCode(200);
        subscribe(partner("pz-" + Fixtures.suffix()), Map.of("url", url("/x"), "eventTypes",
                List.of("org.civicsafety.incident."), "partnerId", forPartner)).then().statusCode(403);
        subscribe(Tokens.token("c", "citizen", null, null, null), Map.of("url", url("/x"), "eventTypes",
                List.of("org.civicsafety.incident."))).then().statusCode(403);
        given().auth().oauth2(p).get("/api/v1/webhooks/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(p).get("/api/v1/webhooks?limit=0").then().statusCode(400);
        given().auth().oauth2(p).get("/api/v1/webhooks?cursor=nonsense").then().statusCode(400);
    }

    private static JsonNode deliveries(String token, String subscription) {
        try {
            return JSON.readTree(given().auth().oauth2(token).get("/api/v1/webhooks/" + subscription + "/deliveries")
                    .then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long attempts(String subscription) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM"
                        + " notice_attempt a JOIN notice_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = ?")) {
            ps.setObject(1, UUID.fromString(subscription));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void dueNow(String delivery) throws Exception {
        sql("UPDATE notice_delivery SET next_attempt_at = now() WHERE id = ?", delivery);
    }

    private void sql(String sql, String id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(id));
            assertTrue(ps.executeUpdate() >= 1, sql);
        }
    }
}
