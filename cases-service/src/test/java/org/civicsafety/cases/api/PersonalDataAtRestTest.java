package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.http.entity.mime.HttpMultipartMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** No personal data in plain text at rest: stored idempotency replies, attachments and their names, history. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataAtRestTest {

    @Inject DataSource ds;
    Areas a;
    String s;
    Callers who;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        s = suffix();
        who = callers(a, s);
    }

    /** The stored bytes read as UTF-8 and as Latin-1 (so neither multi-byte nor ASCII text can hide). */
    static void assertNoneOf(byte[] stored, String... markers) {
        assertNotNull(stored);
        for (String text : new String[]{new String(stored, StandardCharsets.UTF_8),
                new String(stored, StandardCharsets.ISO_8859_1)}) {
            for (String m : markers) {
                assertFalse(text.contains(m), "stored bytes contain '" + m + "'");
            }
        }
        assertEquals("dev-1", new String(stored, 2, stored[1], StandardCharsets.UTF_8),
                "ciphertext header names the key");
    }

    @Test
    void idempotencyReplyIsStoredEncryptedAndReplayedByteForByte() throws Exception {
        String name = "Marker" + s;
        String phone = randomPhone();
        String idNumber = randomId();
        String address = "Marker Street " + s;
        Map<String, Object> body = caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", words(4), words(14), phone,
                idNumber);
        @SuppressWarnings("unchecked") Map<String, Object> petitioner = (Map<String, Object>) body.get("petitioner");
        petitioner.put("name", name);
        petitioner.put("address", address);
        String key = "at-rest-" + s;

        Response first = as(who.citizen()).header("Idempotency-Key", key).body(body).post("/api/v1/cases");
        first.then().statusCode(201).body("petitioner.name", equalTo(name)).body("petitioner.idNumber",
                equalTo(idNumber));
        Response replay = as(who.citizen()).header("Idempotency-Key", key).body(body).post("/api/v1/cases");
        replay.then().statusCode(201).header("ETag", equalTo(first.header("ETag")))
                .header("Location", equalTo(first.header("Location")));
        assertArrayEquals(first.asByteArray(), replay.asByteArray(),
                "the replay is the original answer, byte for byte");
        assertFalse(replay.asString().isEmpty());
        replay.then().body("petitioner.phone", equalTo(phone)).body("petitioner.address", equalTo(address));

        List<byte[]> stored = queryBytes(ds, "SELECT body_enc FROM idempotency_record WHERE client = ? AND key = ?",
                "sub:citizen-" + s, key);
        assertEquals(1, stored.size());
        assertNoneOf(stored.get(0), name, phone, idNumber, address, first.path("number"));
        // No other column of the record holds the reply.
        assertEquals(0,
                queryLong(ds,
                        """
                SELECT count(*) FROM idempotency_record r WHERE key = ? AND (r::text LIKE '%' || ? || '%' OR r::text LIKE '%' || ? || '%')""",
                        key, phone, idNumber));
    }

    @Test
    void attachmentContentAndNameAreEncryptedAndNotInHistory() throws Exception {
        String id = as(who.citizen()).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String marker = "IDCARD-" + s + "-110101199001011234";
        byte[] pdf = ("%PDF-1.4\n1 0 obj << /Title (" + marker + ") >> endobj\nBT (" + marker + ") Tj ET\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String filename = "张三丰身份证-" + s + ".pdf";
        String attachmentId = given().config(RestAssured.config().httpClient(
                HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.RFC6532)))
                .auth().oauth2(who.citizen()).multiPart("file", filename, pdf, "application/pdf")
                .post("/api/v1/cases/" + id + "/attachments").then().statusCode(201)
                .body("filename", equalTo(filename)).extract().path("id");

        byte[] content = queryBytes(ds, "SELECT content FROM case_attachment WHERE id = ?::uuid", attachmentId).get(0);
        assertNoneOf(content, marker, "IDCARD-" + s);
        assertNoneOf(queryBytes(ds, "SELECT filename_enc FROM case_attachment WHERE id = ?::uuid", attachmentId).get(0),
                filename, "张三丰", s);
        // What the petitioner uploaded comes back unchanged.
        assertArrayEquals(pdf,
                given().auth().oauth2(who.citizen()).get("/api/v1/cases/" + id + "/attachments/" + attachmentId)
                        .then().statusCode(200).extract().asByteArray());
        as(who.citizen()).get("/api/v1/cases/" + id + "/attachments").then().body("items[0].filename",
                equalTo(filename));
        // The history records the upload without the file name.
        as(who.citizen()).get("/api/v1/cases/" + id + "/history").then().statusCode(200)
                .body("items.action", hasItem("ATTACH")).body(not(containsString("身份证")));
        assertEquals(0,
                queryLong(ds, "SELECT count(*) FROM case_history WHERE case_id = ?::uuid AND note LIKE '%身份证%'", id));
    }
}
