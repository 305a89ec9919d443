package org.civicsafety.gateway.e2e;

import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform tells people (notices.md), through the gateway against the packaged services and the local
 * platform's SMTP server and SMS capture: a petitioner told of each step in the inbox, by e-mail and by SMS, with
 * the written notices to download; a reporter confirming, reopening and rating; a partner's webhook receiver on
 * loopback getting signed CloudEvents of its own incidents only, verified with the Standard Webhooks library.
 */
class NoticeFlowIT {
    private static final String MAIL_API = System.getProperty("civic.mail.api.url", "http://127.0.0.1:18025");
    private static final String SMS_CAPTURE = System.getProperty("civic.sms.url", "http://127.0.0.1:18090");
    private static final Duration NOTICE_WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String s = Platform.suffix();
    private HttpServer receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void petitionerIsToldOfEveryStepInTheInboxByMailAndSmsAndGetsTheWrittenNotices() throws Exception {
        String citizen = Platform.token("e2e-notice-citizen-" + s, "citizen", null);
        String officer = Platform.token("e2e-notice-officer-" + s, "petition_officer", DemoCounty.COUNTY);
        String supervisor = Platform.token("e2e-notice-supervisor-" + s, "supervisor", DemoCounty.COUNTY);
        String handler = Platform.token("e2e-notice-handler-" + s, "handler", DemoCounty.VILLAGE,
                DemoCounty.VILLAGE_UNIT);
        String phone = "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String email = "petitioner-" + s + "@example.org";
        Response created = Platform.as(citizen).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("channel", "ONLINE", "type", "REQUEST_GRIEVANCE", "title", "通知 " + s,
                        "content", "路灯坏了很久 " + s + " 请尽快修理", "areaCode", DemoCounty.VILLAGE,
                        "petitioner", Map.of("name", "王五", "phone", phone, "email", email,
                                "idNumber",
                                "11010119900307" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000))),
                        "noticeChannels", List.of("SMS", "EMAIL")))
                .post("/api/v1/cases");
        created.then().statusCode(201);
        String id = created.path("id");
        String number = created.path("number");
        act(officer, id,
                Map.of("action", "ASSIGN", "unitId", DemoCounty.VILLAGE_UNIT, "unitAreaCode", DemoCounty.VILLAGE));
        act(handler, id, Map.of("action", "ACCEPT"));
        act(supervisor, id, Map.of("action", "EXTEND", "days", 20, "reason", "需现场勘验 " + s));
        act(handler, id, Map.of("action", "ANSWER", "decision", "SUPPORT", "text", "路灯本周内更换。"));

        List<String> told = List.of("CASE_REGISTERED", "CASE_ACCEPTED", "CASE_EXTENDED", "CASE_ANSWERED");
        Platform.await("the petitioner's inbox has a notice of every step", NOTICE_WAIT, () -> {
            JsonPath inbox = Platform.as(citizen).get("/api/v1/me/notices?limit=50").then().statusCode(200).extract()
                    .jsonPath();
            return inbox.getList("items.findAll { it.subjectId == '" + id + "' }.type").containsAll(told);
        });
        Platform.as(citizen).get("/api/v1/me/notices?limit=50").then().statusCode(200)
                .body("partial", empty()).body("unread", org.hamcrest.Matchers.greaterThanOrEqualTo(told.size()));

        Platform.await("an e-mail of every step reached the SMTP server", NOTICE_WAIT,
                () -> mailSubjects(email).stream().filter(subject -> subject.contains(number)).count() >= told.size());
        Platform.await("an SMS of every step reached the provider", NOTICE_WAIT,
                () -> smsSentTo(phone) >= told.size());

        JsonPath written = Platform.as(citizen).get("/api/v1/cases/" + id + "/written-notices").then().statusCode(200)
                .extract().jsonPath();
        List<String> urls = written.getList("items.url");
        assertTrue(written.getList("items.type").containsAll(told),
                "a written notice of each statutory step: " + written.prettify());
        for (String url : urls) {
            byte[] pdf = Platform.as(citizen).get(url).then().statusCode(200).contentType("application/pdf").extract()
                    .asByteArray();
            assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII), url);
            assertArrayEquals(pdf, Platform.as(citizen).get(url).then().statusCode(200).extract().asByteArray(),
                    "the same written notice, byte for byte: " + url);
        }
        // another citizen cannot read them; the verification page is public and says nothing of the petitioner
        Platform.as(Platform.token("e2e-notice-other-" + s, "citizen", null)).get(urls.get(0)).then().statusCode(404);
        Platform.anonymous().get("/api/v1/cases/written-notices/verify/NOSUCHCODE" + s.toUpperCase()).then()
                .statusCode(404);
    }

    @Test
    void reporterConfirmsOrReopensAndRates() {
        String worker = Platform.token("e2e-notice-worker-" + s, "grid_worker", DemoCounty.GRID);
        String first = report(worker, 0);
        String second = report(worker, 1);
        for (String incident : List.of(first, second)) {
            String unit = Platform.as(worker).get("/api/v1/incidents/" + incident).then().statusCode(200).extract()
                    .path("assignedUnit");
            String handler = Platform.token("e2e-notice-h-" + s, "handler", DemoCounty.VILLAGE, unit);
            transition(handler, incident, Map.of("action", "START"), "IN_PROGRESS");
            transition(handler, incident, Map.of("action", "RESOLVE", "note", "修好了"), "RESOLVED");
        }
        Platform.await("the reporter is told the incident was resolved and asked for feedback", NOTICE_WAIT,
                () -> Platform.as(worker).get("/api/v1/me/notices?limit=50").then().statusCode(200).extract().jsonPath()
                        .getList("items.findAll { it.subjectId == '" + first + "' }.type")
                        .contains("INCIDENT_RESOLVED"));
        transition(worker, first, Map.of("action", "RATE", "satisfaction", "SATISFIED"), "RESOLVED");
        transition(worker, first, Map.of("action", "CONFIRM"), "CLOSED");
        Platform.as(worker).contentType(ContentType.JSON).body(Map.of("action", "RATE", "satisfaction", "DISSATISFIED"))
                .post("/api/v1/incidents/" + first + "/transitions").then().statusCode(409);
        transition(worker, second, Map.of("action", "REOPEN", "reason", "灯还是不亮"), "IN_PROGRESS");
    }

    @Test
    void partnerWebhookGetsSignedCloudEventsOfItsOwnIncidentsOnly() throws Exception {
        ConcurrentLinkedQueue<Delivery> received = new ConcurrentLinkedQueue<>();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Delivery(exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String partner = Platform.partnerToken("e2e-partner-" + s, "e2e-partner-" + s);
        String otherPartner = Platform.partnerToken("e2e-partner2-" + s, "e2e-partner2-" + s);
        Response subscribed = Platform.as(partner).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "eventTypes", List.of("org.civicsafety.incident."), "description", "e2e receiver"))
                .post("/api/v1/webhooks");
        subscribed.then().statusCode(201);
        Webhook verifier = new Webhook(subscribed.<String>path("secret"));
        // a loopback receiver outside the allow-list and a metadata address are refused (SSRF)
        Platform.as(partner).contentType(ContentType.JSON)
                .body(Map.of("url", "http://169.254.169.254/latest/meta-data", "eventTypes",
                        List.of("org.civicsafety.incident.")))
                .post("/api/v1/webhooks").then().statusCode(400);

        String mine = report(partner, 2);
        String theirs = report(otherPartner, 3);
        Platform.await("the partner's receiver got its incident's events", NOTICE_WAIT,
                () -> received.stream().anyMatch(d -> d.body().contains(mine)));
        for (Delivery d : received) {
            verifier.verify(d.body(), d.headers()); // throws on a bad or missing signature
            JsonPath event = JsonPath.from(d.body());
            assertEquals("1.0", event.getString("specversion"));
            assertTrue(event.getString("type").startsWith("org.civicsafety.incident."), d.body());
        }
        assertFalse(received.stream().anyMatch(d -> d.body().contains(theirs)),
                "another partner's incident was delivered");
        Platform.as(otherPartner).get("/api/v1/webhooks/" + subscribed.path("id")).then().statusCode(404);
    }

    private record Delivery(Map<String, List<String>> headers, String body) {
        Delivery(com.sun.net.httpserver.Headers headers, String body) {
            // the reference library reads the headers in lower case
            this(lowerCase(headers), body);
        }

        private static Map<String, List<String>> lowerCase(com.sun.net.httpserver.Headers headers) {
            java.util.HashMap<String, List<String>> map = new java.util.HashMap<>();
            headers.forEach((name, values) -> map.put(name.toLowerCase(java.util.Locale.ROOT), values));
            return map;
        }

    }

    private static void act(String token, String id, Map<String, Object> body) {
        Platform.as(token).contentType(ContentType.JSON).body(body).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(200);
    }

    private static void transition(String token, String id, Map<String, Object> body, String state) {
        Platform.as(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents/" + id + "/transitions")
                .then().statusCode(200).body("state", equalTo(state));
    }

    /**
     * A street-light report somewhere inside the demo grid that is an incident of its own: a spot within the
     * category's dedupe radius of an open report (other tests', the demo data's) makes a DUPLICATE, which is
     * dispatched to no one, so such a report is made again elsewhere.
     */
    private String report(String token, int slot) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Response created = Platform.as(token).contentType(ContentType.JSON)
                    .body(Map.of("categoryCode", "STREET_LIGHT", "description", "路灯不亮 " + s + " " + slot,
                            "lat", DemoCounty.LAT + random.nextDouble(-0.0035, 0.0035),
                            "lon", DemoCounty.LON + random.nextDouble(-0.0035, 0.0035), "areaCode", DemoCounty.GRID))
                    .post("/api/v1/incidents");
            created.then().statusCode(201);
            if (!"DUPLICATE".equals(created.path("state"))) {
                return created.path("id");
            }
        }
        throw new AssertionError("ten reports in the demo grid were all duplicates of open incidents");
    }

    private static List<String> mailSubjects(String address) {
        String json = get(MAIL_API + "/api/user/" + address + "/messages/INBOX/");
        return json == null ? List.of() : JsonPath.from(json).getList("subject");
    }

    private static long smsSentTo(String phone) {
        String json = get(SMS_CAPTURE + "/__admin/requests?limit=1000");
        if (json == null) {
            return 0;
        }
        return JsonPath.from(json).getList("requests.request.body", String.class).stream()
                .filter(body -> body != null && body.contains(phone)).count();
    }

    private static String get(String url) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
