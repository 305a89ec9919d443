package org.civicsafety.cases.api;

import static org.awaitility.Awaitility.await;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handling unit's own channels from the directory copy (notices.md "Channels"): a unit with a mailbox and a webhook
 * URL gets its notices by e-mail (the SMTP server) and as signed CloudEvents (a loopback receiver, verified with the
 * Standard Webhooks reference library); a unit without channels only in the inbox; a URL the SSRF rules refuse is
 * never called. Written notices name the issuing unit as the directory does.
 */
@QuarkusTest
class UnitChannelsTest {

    private static final Duration DELIVERED = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The test profile's cases.notices.unit-webhook-secret. */
    private static final String SECRET = "whsec_ZGV2LW9ubHktY2FzZXMtdW5pdC13ZWJob29rLWtleSE=";

    record Received(Map<String, List<String>> headers, String body) {}

    @Inject DataSource ds;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receive() throws Exception {
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

    /** Publishes a new version of a unit with names and channels, as grid-service does, and waits for it. */
    void unit(String id, String areaCode, String name, String nameEn, String email, String webhookUrl)
            throws Exception {
        Map<String, Object> channels = new java.util.HashMap<>();
        channels.put("email", email);
        channels.put("webhookUrl", webhookUrl);
        Map<String, Object> data = new java.util.HashMap<>(Map.of("id", id, "name", name, "areaCode", areaCode,
                "kind", "VILLAGE_COMMITTEE", "active", true, "noticeChannels", channels, "version", 2,
                "occurredAt", "2026-01-01T00:00:00Z"));
        data.put("nameEn", nameEn);
        try (KafkaProducer<String, String> p = producer()) {
            send(p, "civicsafety.units.v1", id, UUID.randomUUID().toString(), "org.civicsafety.unit.upserted.v1",
                    JSON.writeValueAsString(data));
        }
        awaitUnit(ds, id, 2);
    }

    /** A registered case assigned to {@code unit}; its id. */
    static String assigned(Callers who, Areas a, String unit, String unitArea) {
        String id = as(who.citizen()).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", unit, "unitAreaCode", unitArea))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200);
        return id;
    }

    long deliveries(String caseId, String where) throws Exception {
        return queryLong(ds, "SELECT count(*) FROM notice_delivery d JOIN notice n ON n.id = d.notice_id"
                + " WHERE n.subject_id = CAST(? AS uuid) AND n.recipient_type = 'UNIT' AND " + where, caseId);
    }

    @Test
    void aUnitWithAMailboxAndARobotIsToldOfItsCaseThroughBothAndNamedOnItsDocuments() throws Exception {
        Areas a = areas(ds);
        String s = suffix();
        Callers who = callers(a, s);
        String mailbox = "duty-" + s.toLowerCase() + "@unit.example.org";
        unit(who.unit(), a.village(), "城关镇东村村民委员会", "Dongcun Village Committee", mailbox,
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/robot");

        String id = assigned(who, a, who.unit(), a.village());
        JsonPath inbox = as(who.handler()).get("/api/v1/me/notices").then().statusCode(200).extract().jsonPath();
        Map<String, Object> notice = inbox.getMap("items.find { it.subjectId == '" + id + "' }");
        assertEquals("UNIT_CASE_ASSIGNED", notice.get("type"));

        // by e-mail to the unit's mailbox
        await().atMost(DELIVERED).until(() -> !Captures.mailTo(mailbox).isEmpty());
        assertEquals(notice.get("title"), Captures.mailTo(mailbox).get(0).path("subject").asText());

        // by the robot: a signed CloudEvent whose id is the notice's and whose data is the notice as the inbox has it
        await().atMost(DELIVERED).until(() -> !received.isEmpty());
        Received hook = received.get(0);
        assertDoesNotThrow(() -> new Webhook(SECRET).verify(hook.body(), hook.headers()));
        JsonNode event = JSON.readTree(hook.body());
        String uuid = notice.get("id").toString().substring("cases-".length());
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals(uuid, event.path("id").asText());
        assertEquals(uuid, hook.headers().get("Webhook-id").get(0));
        assertEquals("org.civicsafety.notice.created.v1", event.path("type").asText());
        assertEquals("/cases-service", event.path("source").asText());
        assertEquals(id, event.path("subject").asText());
        assertEquals("application/cloudevents+json", hook.headers().get("Content-type").get(0));
        assertEquals(JSON.valueToTree(notice), event.path("data"));
        assertFalse(hook.body().contains("张三丰"), hook.body());

        // both SENT, the addresses sealed and masked
        await().atMost(DELIVERED).until(() -> deliveries(id, "d.status = 'SENT'") == 2);
        String stored = queryString(ds,
                "SELECT string_agg(d.channel || ' ' || d.address_enc || ' ' || d.address_masked,"
                        + " '|' ORDER BY d.channel) FROM notice_delivery d JOIN notice n ON n.id = d.notice_id"
                        + " WHERE n.subject_id = CAST(? AS uuid)",
                id);
        assertFalse(stored.contains(mailbox) || stored.contains("/robot"), stored);
        assertTrue(stored.contains("d***@unit.example.org") && stored.endsWith(" 127.0.0.1"), stored);

        // the unit's decision is a written notice issued in its directory name (English in the English PDF)
        as(who.handler()).body(Map.of("action", "ACCEPT")).post("/api/v1/cases/" + id + "/transitions").then()
                .statusCode(200);
        String url = as(who.handler()).get("/api/v1/cases/" + id + "/written-notices").then().statusCode(200)
                .extract().jsonPath().getString("items.find { it.type == 'CASE_ACCEPTED' }.url");
        assertTrue(NoticeWalkthroughTest.text(NoticeWalkthroughTest.download(who.handler(), url, ""))
                .contains("城关镇东村村民委员会"));
        String en = NoticeWalkthroughTest.text(NoticeWalkthroughTest.download(who.handler(), url, "?lang=en"));
        assertTrue(en.startsWith("Dongcun Village Committee\n"), en);
    }

    @Test
    void aUnitWithoutChannelsHasItsInboxOnlyAndARefusedUrlIsSuppressed() throws Exception {
        Areas a = areas(ds);
        Callers who = callers(a, suffix());
        String plain = "unit-" + a.county();
        String inbox = assigned(who, a, plain, a.county());
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM notice WHERE subject_id = CAST(? AS uuid)"
                + " AND recipient_type = 'UNIT' AND recipient = ?", inbox, plain));
        assertEquals(0, deliveries(inbox, "TRUE"));

        // an https URL on a private address: never called, SUPPRESSED with the reason
        String refused = "unit-" + a.township();
        unit(refused, a.township(), "某镇信访办", null, null, "https://10.20.30.40/robot");
        String ssrf = assigned(who, a, refused, a.township());
        await().atMost(DELIVERED).until(() -> deliveries(ssrf, "d.status = 'SUPPRESSED'") == 1);
        assertEquals("WEBHOOK 10.20.30.40 unit webhook refused: it resolves to a private address", queryString(ds,
                "SELECT d.channel || ' ' || d.address_masked || ' ' || d.last_error FROM notice_delivery d"
                        + " JOIN notice n ON n.id = d.notice_id WHERE n.subject_id = CAST(? AS uuid)"
                        + " AND n.recipient_type = 'UNIT'",
                ssrf));
        assertEquals(0, deliveries(ssrf, "d.sent_at IS NOT NULL"));
    }

    @Test
    void aPetitionerIsNotToldThroughAUnitsChannel() throws Exception {
        Areas a = areas(ds);
        Map<String, Object> body = caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone());
        body.put("noticeChannels", List.of("SMS", "WEBHOOK"));
        problem(as(callers(a, suffix()).citizen()).body(body).post("/api/v1/cases").then(), 400)
                .body("errors.field", org.hamcrest.Matchers.contains("noticeChannels"));
    }
}
