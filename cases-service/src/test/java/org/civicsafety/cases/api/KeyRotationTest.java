package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.civicsafety.cases.privacy.DevKeys;
import org.civicsafety.cases.privacy.KeyRing;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.privacy.ReencryptionJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Key rotation with the service running: the configuration holds an older key 'retired-1' besides the
 * current 'dev-1'. Rows written under the older key stay readable (and a repeat petition is still
 * recognised by its older pseudonym), and the re-encryption job moves every such column to the current
 * key and redoes the pseudonym, leaving a row another transaction holds for a later run.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.TwoKeys.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationTest {

    // Constants, not random: the profile and the test instance are loaded by different class loaders.
    static final String RETIRED_AES = "cmV0aXJlZC1hZXMta2V5LUtleVJvdGF0aW9uVGVzdCE=";
    static final String RETIRED_HMAC = "cmV0aXJlZC1obWFjLWtleS1LZXlSb3RhdGlvblRlc3Q=";

    public static class TwoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cases.encryption.keys", "retired-1:" + RETIRED_AES + "," + DevKeys.encryptionKeys(),
                    "cases.pseudonym.keys", "retired-1:" + RETIRED_HMAC + "," + DevKeys.pseudonymKeys());
        }
    }

    /** What the service wrote before 'dev-1' became the current key. */
    final PersonalDataCipher retired = new PersonalDataCipher(
            new KeyRing("retired-1", Map.of("retired-1", Base64.getDecoder().decode(RETIRED_AES))),
            new KeyRing("retired-1", Map.of("retired-1", Base64.getDecoder().decode(RETIRED_HMAC))),
            new ObjectMapper());

    @Inject DataSource ds;
    @Inject PersonalDataCipher cipher;
    @Inject ReencryptionJob job;
    Areas a;
    String s;
    Callers who;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        s = suffix();
        who = callers(a, s);
    }

    byte[] column(String table, String column, String where, Object... args) throws Exception {
        return queryBytes(ds, "SELECT " + column + " FROM " + table + " WHERE " + where, args).get(0);
    }

    /** Rewrites a stored value as the retired key would have written it. */
    void underRetiredKey(String table, String column, String where, Object... args) throws Exception {
        byte[] plain = cipher.decrypt(column(table, column, where, args));
        Object[] params = new Object[args.length + 1];
        params[0] = retired.encrypt(plain);
        System.arraycopy(args, 0, params, 1, args.length);
        update(ds, "UPDATE " + table + " SET " + column + " = ? WHERE " + where, params);
        assertEquals("retired-1", keyId(column(table, column, where, args)));
    }

    static String keyId(byte[] stored) {
        assertEquals(1, stored[0], "ciphertext format version");
        return new String(stored, 2, stored[1], StandardCharsets.UTF_8);
    }

    String act(String token, String id, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/cases/" + id + "/transitions").then().statusCode(200)
                .extract().path("state");
    }

    @Test
    void rowsUnderTheRetiredKeyStayReadableAndTheJobMovesThemToTheCurrentKey() throws Exception {
        String idNumber = randomId();
        String phone = randomPhone();
        String title = words(4);
        String content = words(14);
        Map<String, Object> body = caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", title, content, phone,
                idNumber);
        String key = "rotation-" + s;
        Response created = as(who.citizen()).header("Idempotency-Key", key).body(body).post("/api/v1/cases");
        String id = created.then().statusCode(201).extract().path("id");
        act(who.officer(), id, Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()));
        act(who.handler(), id, Map.of("action", "ACCEPT"));
        act(who.handler(), id, Map.of("action", "ANSWER", "decision", "SUPPORT", "text", "done"));
        String comment = "call 张三丰 on " + phone;
        act(who.citizen(), id, Map.of("action", "RATE", "satisfaction", "SATISFIED", "comment", comment));
        byte[] pdf = ("%PDF-1.4\n% " + s + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
        String attachmentId = given().auth().oauth2(who.citizen())
                .multiPart("file", "scan-" + s + ".pdf", pdf, "application/pdf")
                .post("/api/v1/cases/" + id + "/attachments").then().statusCode(201).extract().path("id");
        // The comment is stored only as ciphertext (and is not copied into the history).
        byte[] storedComment = column("case_rating", "comment_enc", "case_id = ?::uuid", id);
        assertEquals(comment, cipher.decryptText(storedComment));
        assertEquals(-1, new String(storedComment, StandardCharsets.UTF_8).indexOf(phone));
        as(who.citizen()).get("/api/v1/cases/" + id + "/history").then().body(not(containsString(phone)));

        // As if written before the rotation.
        underRetiredKey("petition_case", "petitioner_enc", "id = ?::uuid", id);
        String oldRef = retired.pseudonym(idNumber, phone).ref();
        update(ds,
                "UPDATE petition_case SET petitioner_ref = ?, petitioner_ref_key_id = 'retired-1' WHERE id = ?::uuid",
                oldRef, id);
        underRetiredKey("case_attachment", "content", "id = ?::uuid", attachmentId);
        underRetiredKey("case_attachment", "filename_enc", "id = ?::uuid", attachmentId);
        underRetiredKey("idempotency_record", "body_enc", "client = ? AND key = ?", "sub:citizen-" + s, key);
        underRetiredKey("case_rating", "comment_enc", "case_id = ?::uuid", id);
        // a notice's SMS address (base64 text, as the notice design stores it)
        String delivery = queryString(ds, "SELECT d.id::text FROM notice_delivery d JOIN notice n ON n.id ="
                + " d.notice_id WHERE n.subject_id = ?::uuid AND d.address_enc IS NOT NULL LIMIT 1", id);
        byte[] address = cipher.decrypt(Base64.getDecoder().decode(deliveryAddress(delivery)));
        update(ds, "UPDATE notice_delivery SET address_enc = ? WHERE id = ?::uuid",
                Base64.getEncoder().encodeToString(retired.encrypt(address)), delivery);
        assertEquals("retired-1", keyId(Base64.getDecoder().decode(deliveryAddress(delivery))));

        // Still readable with the retired key configured.
        as(who.officer()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("petitioner.idNumber", equalTo(idNumber)).body("petitioner.phone", equalTo(phone))
                .body("attachments[0].filename", equalTo("scan-" + s + ".pdf"));
        assertArrayEquals(pdf,
                given().auth().oauth2(who.citizen()).get("/api/v1/cases/" + id + "/attachments/" + attachmentId)
                        .then().statusCode(200).extract().asByteArray());
        assertArrayEquals(created.asByteArray(), as(who.citizen()).header("Idempotency-Key", key).body(body)
                .post("/api/v1/cases").then().statusCode(201).extract().asByteArray());
        // The same petitioner is recognised by the reference made with the retired pseudonym key.
        String repeat = as(who.citizen()).body(body).post("/api/v1/cases").then().statusCode(201)
                .body("similarCases.find { it.id == '" + id + "' }.samePetitioner", is(true))
                .extract().path("id");

        // A row another transaction holds is skipped (the job never waits for requests) and moved by a later run.
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder
                    .prepareStatement("SELECT 1 FROM case_attachment WHERE id = ?::uuid FOR UPDATE")) {
                lock.setObject(1, attachmentId);
                lock.executeQuery();
            }
            job.runOnce();
            assertEquals("retired-1", keyId(column("case_attachment", "content", "id = ?::uuid", attachmentId)));
            assertEquals("dev-1", keyId(column("petition_case", "petitioner_enc", "id = ?::uuid", id)));
            holder.rollback();
        }
        double attachmentsLeft = gauge("case_attachment");
        job.runOnce();
        // The gauge follows the progress (rows other runs left under keys no longer configured stay counted).
        assertEquals(attachmentsLeft - 1, gauge("case_attachment"));

        for (String[] c : new String[][]{{"petition_case", "petitioner_enc", "id"},
                {"case_attachment", "content", "id"},
                {"case_attachment", "filename_enc", "id"}, {"case_rating", "comment_enc", "case_id"}}) {
            String rowId = c[0].equals("case_attachment") ? attachmentId : id;
            assertEquals("dev-1", keyId(column(c[0], c[1], c[2] + " = ?::uuid", rowId)), c[0] + "." + c[1]);
        }
        assertEquals("dev-1",
                keyId(column("idempotency_record", "body_enc", "client = ? AND key = ?", "sub:citizen-" + s, key)));
        assertEquals("dev-1", keyId(Base64.getDecoder().decode(deliveryAddress(delivery))), "notice_delivery");
        assertEquals(phone, cipher.decryptText(Base64.getDecoder().decode(deliveryAddress(delivery))));
        assertEquals(cipher.pseudonym(idNumber, phone).ref(),
                queryString(ds, "SELECT petitioner_ref FROM petition_case WHERE id = ?::uuid", id));
        assertEquals(queryString(ds, "SELECT petitioner_ref FROM petition_case WHERE id = ?::uuid", repeat),
                queryString(ds, "SELECT petitioner_ref FROM petition_case WHERE id = ?::uuid", id));
        assertEquals("dev-1",
                queryString(ds, "SELECT petitioner_ref_key_id FROM petition_case WHERE id = ?::uuid", id));
        assertEquals(comment, cipher.decryptText(column("case_rating", "comment_enc", "case_id = ?::uuid", id)));

        // The same answers as before.
        as(who.officer()).get("/api/v1/cases/" + id).then().statusCode(200).body("petitioner.idNumber",
                equalTo(idNumber));
        assertArrayEquals(pdf,
                given().auth().oauth2(who.citizen()).get("/api/v1/cases/" + id + "/attachments/" + attachmentId)
                        .then().statusCode(200).extract().asByteArray());
        assertArrayEquals(created.asByteArray(), as(who.citizen()).header("Idempotency-Key", key).body(body)
                .post("/api/v1/cases").then().statusCode(201).extract().asByteArray());
        for (String table : new String[]{"petition_case", "idempotency_record", "case_rating", "notice_delivery",
                "notice_preference"}) {
            assertFalse(Double.isNaN(gauge(table)), table + " counted by the last run");
        }
    }

    String deliveryAddress(String delivery) throws Exception {
        return queryString(ds, "SELECT address_enc FROM notice_delivery WHERE id = ?::uuid", delivery);
    }

    /** The value of the job's gauge for {@code table}, as Prometheus scrapes it. */
    static double gauge(String table) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^civic_personal_data_rows_on_old_keys\\{table=\"" + table + "\"} (\\S+)$")
                .matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no gauge for " + table);
        }
        return Double.parseDouble(m.group(1));
    }
}
