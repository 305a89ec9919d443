package org.civicsafety.grid.privacy;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.civicsafety.grid.config.GridConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Personal data at rest: stored replies, media and reporters are ciphertext in the database (read here with plain
 * SQL) while the API returns them unchanged, and a key rotation moves every row to the new key.
 */
@QuarkusTest
class PersonalDataAtRestTest {
    @Inject AgroalDataSource ds;
    @Inject ReencryptionJob job;
    @Inject PersonalDataCipher appCipher;
    @Inject GridConfig config;
    @Inject MeterRegistry registry;

    /** A reporter whose every field is unique to one test, so finding it anywhere in the database is a leak. */
    record Marker(String name, String phone, String email, String account) {
        static Marker fresh() {
            String s = Fixtures.suffix();
            String digits = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 100_000_000L);
            return new Marker("Markername" + s, "139" + "0".repeat(8 - digits.length()) + digits,
                    "marker." + s + "@example.org", "acct-" + s);
        }

        List<String> all() {
            return List.of(name, phone, email, account);
        }
    }

    static Map<String, Object> report(Fixtures.Hierarchy h, Marker m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("categoryCode", "STREET_LIGHT");
        r.put("description", "Street light out");
        r.put("lat", h.centerLat());
        r.put("lon", h.centerLon());
        r.put("reporter", Map.of("name", m.name(), "phone", m.phone()));
        return r;
    }

    @Test
    void storedRepliesHoldNoPersonalDataInPlainTextAndReplaysAreIdentical() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Marker m = Marker.fresh();
        String citizen = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        String key = "pd-" + Fixtures.suffix();
        Response first = given().auth().oauth2(citizen).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(report(h, m)).post("/api/v1/incidents");
        first.then().statusCode(201).body("reporter.name", equalTo(m.name())).body("reporter.phone",
                equalTo(m.phone()));
        Response replay = given().auth().oauth2(citizen).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(report(h, m)).post("/api/v1/incidents");
        replay.then().statusCode(201).header("Location", equalTo(first.header("Location")))
                .header("ETag", equalTo(first.header("ETag")));
        assertEquals(first.asString(), replay.asString());

        // Open311: first/last name, phone, e-mail and the partner's account id
        String partner = Tokens.token("gateway", "partner", null, null, "pd-" + Fixtures.suffix());
        String requestId = "cr-" + Fixtures.suffix();
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replies.add(given().auth().oauth2(partner).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParam("service_code", "STREET_LIGHT").formParam("lat", h.centerLat())
                    .formParam("long", h.centerLon()).formParam("first_name", m.name()).formParam("last_name", "Li")
                    .formParam("phone", m.phone()).formParam("email", m.email()).formParam("account_id", m.account())
                    .formParam("device_id", "device-" + m.account()).formParam("client_request_id", requestId)
                    .post("/open311/v2/requests.json").then().statusCode(201)
                    .body("[0].account_id", equalTo(m.account())).extract().asString());
        }
        assertEquals(replies.get(0), replies.get(1));

        for (String k : List.of(key, requestId)) {
            List<String> stored = strings("SELECT request_hash, body FROM idempotency_key WHERE key = ?", k);
            assertEquals(2, stored.size());
            for (String column : stored) {
                m.all().forEach(v -> assertFalse(column.contains(v), "plain " + v + " in idempotency_key"));
                assertEquals("dev-1", PersonalDataCipher.keyId(Base64.getDecoder().decode(column)));
            }
        }
        assertNowhereInTheDatabase(m);
    }

    @Test
    void mediaBytesAreEncryptedAtRestAndServedAsUploaded() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Marker m = Marker.fresh();
        String citizen = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        String id = given().auth().oauth2(citizen).contentType(ContentType.JSON).body(report(h, m))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        byte[] pdf = pdf("ID card of " + m.name() + ", phone " + m.phone());
        String url = given().auth().oauth2(citizen).multiPart("file", "card.pdf", pdf, "application/pdf")
                .post("/api/v1/incidents/" + id + "/media").then().statusCode(201).extract().path("url");

        byte[] atRest = bytes("SELECT data FROM incident_media WHERE incident_id = ?", UUID.fromString(id));
        String raw = new String(atRest, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(m.name()) || raw.contains("%PDF"), "the file is stored in plain text");
        assertEquals("dev-1", PersonalDataCipher.keyId(atRest));
        assertArrayEquals(pdf, given().auth().oauth2(citizen).get(url).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray());
        assertNowhereInTheDatabase(m);
    }

    @Test
    void aRotationMovesEveryRowToTheNewKeyAndEveryRowStaysReadable() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        Marker m = Marker.fresh();
        String citizen = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        String key = "rot-" + Fixtures.suffix();
        Response created = given().auth().oauth2(citizen).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(report(h, m)).post("/api/v1/incidents");
        String id = created.then().statusCode(201).extract().path("id");
        byte[] pdf = pdf("rotation " + m.name());
        String url = given().auth().oauth2(citizen).multiPart("file", "r.pdf", pdf, "application/pdf")
                .post("/api/v1/incidents/" + id + "/media").then().statusCode(201).extract().path("url");
        assertEquals(List.of("dev-1", "dev-1", "dev-1", "dev-1", "dev-1"), keyIds(id, key));

        // the current key becomes dev-2 (both stay configured): the job moves every row, the gauge reaches 0
        PersonalDataCipher onB = new PersonalDataCipher(KeySettings.parse(config.encryption().keys(),
                java.util.Optional.of("dev-2"), false));
        Map<String, Long> left = job.run(onB);
        assertEquals(ALL_TABLES_DONE, left);
        assertEquals(List.of("dev-2", "dev-2", "dev-2", "dev-2", "dev-2"), keyIds(id, key));
        for (String table : left.keySet()) {
            assertEquals(0.0, registry.get(ReencryptionJob.GAUGE).tag("table", table).gauge().value(), table);
        }

        // the service (current key dev-1, dev-2 configured) reads all of it
        given().auth().oauth2(citizen).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("reporter.name", equalTo(m.name())).body("reporter.phone", equalTo(m.phone()));
        assertArrayEquals(pdf, given().auth().oauth2(citizen).get(url).then().statusCode(200).extract().asByteArray());
        Response replay = given().auth().oauth2(citizen).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(report(h, m)).post("/api/v1/incidents");
        replay.then().statusCode(201).header("Location", equalTo(created.header("Location")))
                .header("ETag", equalTo(created.header("ETag")));
        assertEquals(created.asString(), replay.asString());

        // and its own job moves everything back to its current key
        assertEquals(ALL_TABLES_DONE, job.run(appCipher));
        assertEquals(List.of("dev-1", "dev-1", "dev-1", "dev-1", "dev-1"), keyIds(id, key));
    }

    /** Every table with personal data, none of its rows left on another key. */
    private static final Map<String, Long> ALL_TABLES_DONE = Map.of("incident", 0L, "incident_media", 0L,
            "idempotency_key", 0L, "notice_delivery", 0L, "notice_preference", 0L, "webhook_subscription", 0L);

    /** Key ids of the incident's reporter, its file, the text telling its reporter, the stored reply's hash and body. */
    private List<String> keyIds(String incident, String idempotencyKey) throws SQLException {
        List<String> ids = new ArrayList<>();
        ids.add(keyId(strings("SELECT reporter_enc FROM incident WHERE id = ?", UUID.fromString(incident)).get(0)));
        ids.add(keyId(strings("SELECT d.address_enc FROM notice_delivery d JOIN notice n ON n.id = d.notice_id"
                + " WHERE n.subject_id = ? AND d.channel = 'SMS'", UUID.fromString(incident)).get(0)));
        ids.add(PersonalDataCipher.keyId(bytes("SELECT data FROM incident_media WHERE incident_id = ?",
                UUID.fromString(incident))));
        strings("SELECT request_hash, body FROM idempotency_key WHERE key = ?", idempotencyKey)
                .forEach(v -> ids.add(keyId(v)));
        return ids;
    }

    private static String keyId(String base64) {
        return PersonalDataCipher.keyId(Base64.getDecoder().decode(base64));
    }

    /** Every text, varchar and jsonb column of every table of the service. */
    private void assertNowhereInTheDatabase(Marker m) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT table_name,"
                        + " column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN"
                        + " ('text', 'character varying', 'jsonb', 'ARRAY') AND table_name NOT LIKE 'flyway%'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        }
        assertTrue(columns.stream().anyMatch(c -> c[0].equals("outbox_event")), "columns found");
        for (String[] col : columns) {
            for (String value : m.all()) {
                List<String> hits = strings("SELECT \"" + col[1] + "\"::text FROM \"" + col[0] + "\" WHERE \"" + col[1]
                        + "\"::text LIKE ? LIMIT 1", "%" + value + "%");
                assertTrue(hits.isEmpty(), value + " in plain text in " + col[0] + "." + col[1]);
            }
        }
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private List<String> strings(String sql, Object arg) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        out.add(rs.getString(i));
                    }
                }
            }
        }
        return out;
    }

    private byte[] bytes(String sql, Object arg) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no row");
                return rs.getBytes(1);
            }
        }
    }
}
