package org.civicsafety.grid.notice;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.civicsafety.grid.incident.EscalationJob;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who is told what about an incident (notices.md), through every channel: the inbox, the SMTP server and the SMS
 * capture of the local platform; read marks, the stream, preferences and the delivery log.
 */
@QuarkusTest
class IncidentNoticesTest {
    private static final Duration DELIVERED = Duration.ofSeconds(20);

    @Inject AgroalDataSource ds;
    @Inject EscalationJob escalation;
    @Inject Notices notices;

    static String mobile() {
        String digits = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 100_000_000L);
        return "139" + "0".repeat(8 - digits.length()) + digits;
    }

    static Map<String, Object> report(Fixtures.Hierarchy h, Map<String, Object> reporter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("categoryCode", "STREET_LIGHT");
        m.put("description", "Street light out");
        m.put("lat", h.centerLat());
        m.put("lon", h.centerLon());
        m.put("reporter", reporter);
        return m;
    }

    static List<Map<String, Object>> inbox(String token) {
        return given().auth().oauth2(token).get("/api/v1/me/notices").then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    @Test
    void theReporterHearsOfDispatchRejectionInTheInboxByEmailAndByText() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String sub = "cit-" + Fixtures.suffix();
        String citizen = Tokens.token(sub, "citizen", null, null, null);
        String email = "reporter." + Fixtures.suffix() + "@example.org";
        String phone = mobile();
        // English notices, chosen in the preferences; the addresses come with the report
        given().auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(Map.of("sms", true, "email", true, "language", "en")).put("/api/v1/me/notice-preferences")
                .then().statusCode(200).body("language", equalTo("en"));
        JsonPath created = given().auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(report(h, Map.of("name", "Wang Wu", "phone", phone, "email", email))).post("/api/v1/incidents")
                .then().statusCode(201).body("state", equalTo("DISPATCHED")).body("reporter.email", equalTo(email))
                .extract().jsonPath();
        String id = created.getString("id");
        String number = created.getString("number");

        List<Map<String, Object>> items = inbox(citizen);
        assertEquals(1, items.size(), items.toString());
        Map<String, Object> dispatched = items.get(0);
        assertEquals("INCIDENT_DISPATCHED", dispatched.get("type"));
        assertEquals("grid-service", dispatched.get("service"));
        assertTrue(dispatched.get("id").toString().startsWith("grid-"), dispatched.toString());
        assertEquals(id, dispatched.get("subjectId"));
        assertEquals(number, dispatched.get("subjectNumber"));
        assertEquals("Incident " + number + " accepted and dispatched", dispatched.get("title"));
        assertFalse(dispatched.toString().contains("Wang Wu") || dispatched.toString().contains(phone));

        // the same notice by e-mail and by text, with its id
        await().atMost(DELIVERED).until(() -> !Outside.mails(email).isEmpty());
        assertEquals("Incident " + number + " accepted and dispatched", Outside.mails(email).get(0).subject());
        assertTrue(Outside.mails(email).get(0).mime().contains(dispatched.get("id").toString()));
        await().atMost(DELIVERED).until(() -> !Outside.texts(phone).isEmpty());
        JsonNode text = Outside.texts(phone).get(0);
        assertEquals(dispatched.get("id"), text.path("id").asText());
        assertTrue(text.path("text").asText().contains(number), text.toString());

        // the unit it was dispatched to has its own notice; another unit does not
        String handler = Tokens.token("h-" + Fixtures.suffix(), "handler", null, "unit-" + h.village(), null);
        assertEquals(List.of("UNIT_DISPATCHED"), inbox(handler).stream().map(n -> n.get("type")).toList());
        assertEquals(List.of(), inbox(Tokens.token("h-" + Fixtures.suffix(), "handler", null, "unit-x", null)));

        // rejected with a reason: told with the reason, through every channel
        given().auth().oauth2(handler).contentType(ContentType.JSON)
                .body(Map.of("action", "REJECT", "reason", "not a public light"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200);
        Map<String, Object> rejected = inbox(citizen).get(0);
        assertEquals("INCIDENT_REJECTED", rejected.get("type"));
        assertThat(rejected.get("body").toString(), "not a public light");
        await().atMost(DELIVERED).until(() -> Outside.mails(email).size() == 2 && Outside.texts(phone).size() == 2);

        // counted per channel
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : List.of("notices_created_total{channel=\"inbox\"}", "notices_sent_total{channel=\"email\"}",
                "notices_sent_total{channel=\"sms\"}", "notices_pending{channel=\"webhook\"}")) {
            assertTrue(metrics.contains(line), line + " in /q/metrics");
        }
    }

    @Test
    void readMarksAndTheUnreadCount() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String citizen = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        String id = given().auth().oauth2(citizen).contentType(ContentType.JSON).body(report(h, Map.of("name", "X")))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        String handler = Tokens.token("h-" + Fixtures.suffix(), "handler", null, "unit-" + h.village(), null);
        given().auth().oauth2(handler).contentType(ContentType.JSON).body(Map.of("action", "START"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200);
        given().auth().oauth2(handler).contentType(ContentType.JSON).body(Map.of("action", "RESOLVE", "note", "fixed"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200);
        // newest first: resolved (asking for feedback), then dispatched
        given().auth().oauth2(citizen).get("/api/v1/me/notices").then().statusCode(200)
                .body("items.type", equalTo(List.of("INCIDENT_RESOLVED", "INCIDENT_DISPATCHED")))
                .body("unread", equalTo(2)).body("items[0].read", equalTo(false))
                .body("items[0].title", containsString("请评价"));
        String newest = inbox(citizen).get(0).get("id").toString();

        given().auth().oauth2(citizen).post("/api/v1/me/notices/" + newest + "/read").then().statusCode(204);
        given().auth().oauth2(citizen).post("/api/v1/me/notices/" + newest + "/read").then().statusCode(204);
        given().auth().oauth2(citizen).get("/api/v1/me/notices?unread=true").then().statusCode(200)
                .body("items.type", equalTo(List.of("INCIDENT_DISPATCHED"))).body("unread", equalTo(1));
        given().auth().oauth2(citizen).get("/api/v1/me/notices?unread=false").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].read", equalTo(true))
                .body("items[0].readAt", org.hamcrest.Matchers.notNullValue());
        // paging: one a page, the cursor goes on
        String cursor = given().auth().oauth2(citizen).get("/api/v1/me/notices?limit=1").then().statusCode(200)
                .body("items", hasSize(1)).extract().path("nextCursor");
        given().auth().oauth2(citizen).queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/me/notices")
                .then().statusCode(200).body("items.type", equalTo(List.of("INCIDENT_DISPATCHED")))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());

        // another user's notice, another service's id and nonsense are 404s; bad parameters 400s
        String other = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        given().auth().oauth2(other).post("/api/v1/me/notices/" + newest + "/read").then().statusCode(404);
        given().auth().oauth2(citizen).post("/api/v1/me/notices/cases-" + UUID.randomUUID() + "/read").then()
                .statusCode(404);
        given().auth().oauth2(citizen).post("/api/v1/me/notices/grid-nonsense/read").then().statusCode(404);
        given().auth().oauth2(citizen).get("/api/v1/me/notices?unread=maybe").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("unread"));
        given().auth().oauth2(citizen).get("/api/v1/me/notices?cursor=garbage").then().statusCode(400);
        given().get("/api/v1/me/notices").then().statusCode(401);
    }

    @Test
    void preferencesAreMaskedValidatedAndDecideTheChannels() {
        String sub = "cit-" + Fixtures.suffix();
        String citizen = Tokens.token(sub, "citizen", null, null, null);
        given().auth().oauth2(citizen).get("/api/v1/me/notice-preferences").then().statusCode(200)
                .body("sms", equalTo(true)).body("email", equalTo(true)).body("language", equalTo("zh-CN"))
                .body("emailAddress", org.hamcrest.Matchers.nullValue());
        String email = "pref." + Fixtures.suffix() + "@example.org";
        String phone = mobile();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("sms", false, "email", true, "language", "zh-CN",
                "emailAddress", email, "mobile", phone));
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(citizen).contentType(ContentType.JSON).body(body)
                    .put("/api/v1/me/notice-preferences").then().statusCode(200)
                    .body("emailAddress", equalTo("p***@example.org"))
                    .body("mobile", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)));
        }
        given().auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(Map.of("sms", true, "email", true, "language", "fr", "emailAddress", "no-at-sign"))
                .put("/api/v1/me/notice-preferences").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(Map.of("sms", true, "email", true, "language", "en", "emailAddress", "no-at-sign", "mobile",
                        "12"))
                .put("/api/v1/me/notice-preferences").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("emailAddress", "mobile"));

        // a report without contact data: e-mail to the preferences' address; no text (switched off)
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String number = given().auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(report(h, Map.of("name", "Y"))).post("/api/v1/incidents").then().statusCode(201).extract()
                .path("number");
        await().atMost(DELIVERED).until(() -> !Outside.mails(email).isEmpty());
        assertTrue(Outside.mails(email).get(0).mime().contains(number));
        JsonPath log = given().auth().oauth2(Tokens.admin()).queryParam("channel", "EMAIL")
                .get("/api/v1/notices?limit=50").then().statusCode(200).extract().jsonPath();
        Map<String, Object> logged = log.<Map<String, Object>>getList("items").stream()
                .filter(n -> sub.equals(n.get("recipient"))).findFirst().orElseThrow();
        assertEquals("USER", logged.get("recipientType"));
        List<Map<String, Object>> deliveries = castList(logged.get("deliveries"));
        assertEquals(List.of("EMAIL"), deliveries.stream().map(d -> d.get("channel")).toList());
        assertEquals("p***@example.org", deliveries.get(0).get("address"));
        await().atMost(DELIVERED).until(() -> "SENT".equals(deliveryStatus(sub)));
        assertTrue(Outside.texts(phone).isEmpty(), "texts were switched off");
    }

    @Test
    void theDeliveryLogIsForAdminsAndForSupervisorsInTheirArea() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String sub = "cit-" + Fixtures.suffix();
        String phone = mobile();
        given().auth().oauth2(Tokens.token(sub, "citizen", null, null, null)).contentType(ContentType.JSON)
                .body(report(h, Map.of("phone", phone))).post("/api/v1/incidents").then().statusCode(201);
        await().atMost(DELIVERED).until(() -> "SENT".equals(deliveryStatus(sub)));

        String supervisor = Tokens.token("s-" + Fixtures.suffix(), "supervisor", h.township(), null, null);
        List<Map<String, Object>> mine = given().auth().oauth2(supervisor).get("/api/v1/notices?limit=500").then()
                .statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> logged = mine.stream().filter(n -> sub.equals(n.get("recipient"))).findFirst()
                .orElseThrow();
        Map<String, Object> sms = castList(logged.get("deliveries")).get(0);
        assertEquals("SMS", sms.get("channel"));
        assertEquals(phone.substring(0, 3) + "****" + phone.substring(7), sms.get("address"));
        assertEquals(1, sms.get("attemptCount"));
        List<Map<String, Object>> attempts = castList(sms.get("attempts"));
        assertEquals(200, attempts.get(0).get("statusCode"));
        assertFalse(logged.toString().contains(phone), "the log masks the number");
        // every notice a supervisor sees lies in their area
        String elsewhere = Tokens.token("s-" + Fixtures.suffix(), "supervisor", "ELSEWHERE", null, null);
        given().auth().oauth2(elsewhere).get("/api/v1/notices").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.token("c", "citizen", null, null, null)).get("/api/v1/notices").then()
                .statusCode(403);
        for (String bad : List.of("channel=FAX", "status=LOST", "recipientType=ME", "from=yesterday", "limit=0")) {
            given().auth().oauth2(Tokens.admin()).get("/api/v1/notices?" + bad).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.admin()).queryParam("recipientType", "USER").queryParam("status", "SENT")
                .queryParam("from", "2020-01-01T00:00:00Z").get("/api/v1/notices").then().statusCode(200)
                .body("items.recipientType", not(hasItem("UNIT")));
    }

    @Test
    void dueSoonOncePerStageAndOverdueToTheUnitAndTheAreasSupervisors() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String citizen = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        String id = given().auth().oauth2(citizen).contentType(ContentType.JSON).body(report(h, Map.of("name", "Z")))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        String village = Tokens.token("h-" + Fixtures.suffix(), "handler", null, "unit-" + h.village(), null);

        // STREET_LIGHT GENERAL has 72 h: with 10 h left, more than 75 % has passed
        sql("UPDATE incident SET due_at = now() + interval '10 hours' WHERE id = ?", id);
        escalation.warnDueSoon();
        escalation.warnDueSoon();
        assertEquals(List.of("UNIT_DUE_SOON", "UNIT_DISPATCHED"), types(village));

        // past the county deadline: overdue to the unit and to supervisors of the area, once
        sql("UPDATE incident SET level = 'COUNTY', assigned_unit = 'unit-" + h.county()
                + "', due_at = now() - interval '1 minute' WHERE id = ?", id);
        escalation.runOnce();
        escalation.runOnce();
        String county = Tokens.token("h-" + Fixtures.suffix(), "handler", null, "unit-" + h.county(), null);
        assertEquals(List.of("UNIT_OVERDUE"), types(county));
        String supervisor = Tokens.token("s-" + Fixtures.suffix(), "supervisor", h.township(), null, null);
        assertEquals(List.of("AREA_OVERDUE"), types(supervisor));
        assertEquals(List.of(), types(Tokens.token("s-" + Fixtures.suffix(), "supervisor", "ELSEWHERE", null, null)));
        // the reporter hears none of that
        assertEquals(List.of("INCIDENT_DISPATCHED"), types(citizen));
    }

    @Test
    void theStreamSendsTheCallersNewNoticesAndResumesAfterLastEventId() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String citizen = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        given().auth().oauth2(citizen).contentType(ContentType.JSON).body(report(h, Map.of("name", "S")))
                .post("/api/v1/incidents").then().statusCode(201);
        String first = inbox(citizen).get(0).get("id").toString();

        // resuming from 0 replays what the caller has, as "id:<seq>", "event:notice", "data:<Notice>" (SSE allows a
        // space after the colon or none; read() drops it)
        List<String> lines = assertTimeoutPreemptively(DELIVERED, () -> readStream(citizen, "0", 3));
        assertTrue(lines.get(0).matches("id:\\d+"), lines.toString());
        assertEquals("event:notice", lines.get(1));
        assertTrue(lines.get(2).startsWith("data:{") && lines.get(2).contains(first), lines.toString());
        long seq = Long.parseLong(lines.get(0).substring(3));

        // after the last event id, only what is newer: the next notice, written while the stream is open
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = http.send(streamRequest(citizen, Long.toString(seq)),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        given().auth().oauth2(citizen).contentType(ContentType.JSON).body(report(Fixtures.hierarchy(),
                Map.of("name", "S"))).post("/api/v1/incidents").then().statusCode(201);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            List<String> next = assertTimeoutPreemptively(DELIVERED, () -> read(in, 3));
            assertTrue(Long.parseLong(next.get(0).substring(3)) > seq, next.toString());
            assertFalse(next.get(2).contains(first), next.toString());
        }
        assertEquals(400, http.send(streamRequest(citizen, "yesterday"), HttpResponse.BodyHandlers.discarding())
                .statusCode());
    }

    @Test
    void aRolledBackChangeLeavesNoNotice() throws Exception {
        UUID subject = UUID.randomUUID();
        NoticeRequest request = NoticeRequest.of(RecipientType.USER, "u-" + subject, NoticeType.INCIDENT_CLOSED,
                "incident", subject, "SJ-0", List.of(), List.of());
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            notices.notify(request);
            throw new IllegalStateException("the change fails after its notice was written");
        }));
        assertEquals(0, count("SELECT count(*) FROM notice WHERE subject_id = ?", subject));
        // and outside a transaction there is no notice at all
        assertThrows(jakarta.transaction.TransactionalException.class, () -> notices.notify(request));
    }

    private static List<Object> types(String token) {
        return inbox(token).stream().map(n -> n.get("type")).toList();
    }

    private String deliveryStatus(String sub) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT d.status FROM"
                        + " notice_delivery d JOIN notice n ON n.id = d.notice_id WHERE n.recipient = ?")) {
            ps.setString(1, sub);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void sql(String sql, String id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(id));
            assertEquals(1, ps.executeUpdate());
        }
    }

    private long count(String sql, Object arg) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static HttpRequest streamRequest(String token, String lastEventId) {
        return HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + "/api/v1/me/notices/stream"))
                .header("Authorization", "Bearer " + token).header("Last-Event-ID", lastEventId).build();
    }

    /** The first {@code n} non-empty, non-comment lines of a stream, as field:value. */
    private static List<String> readStream(String token, String lastEventId, int n) throws Exception {
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(streamRequest(token, lastEventId),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            return read(in, n);
        }
    }

    private static List<String> read(BufferedReader in, int n) throws Exception {
        List<String> lines = new ArrayList<>();
        String line;
        while (lines.size() < n && (line = in.readLine()) != null) {
            if (!line.isEmpty() && !line.startsWith(":")) {
                lines.add(line.replaceFirst("^([a-z]+): ", "$1:"));
            }
        }
        return lines;
    }

    private static void assertThat(String text, String part) {
        assertTrue(text.contains(part), text + " does not contain " + part);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
