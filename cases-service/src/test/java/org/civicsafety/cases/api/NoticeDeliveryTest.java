package org.civicsafety.cases.api;

import static org.awaitility.Awaitility.await;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Notices leave the service through the real SMTP server and SMS capture of the local platform, written in the
 * change's transaction, their addresses only encrypted and masked, and a failing provider is retried with backoff.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeDeliveryTest {

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

    String register(String phone, String email, List<String> channels, String type) {
        Map<String, Object> body = caseBody(a.village(), "ONLINE", type, phone);
        @SuppressWarnings("unchecked") Map<String, Object> petitioner = (Map<String, Object>) body.get("petitioner");
        petitioner.put("email", email);
        if (channels != null) {
            body.put("noticeChannels", channels);
        }
        return as(who.citizen()).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("number");
    }

    @Test
    void theReceiptGoesOutByEmailAndSmsWithItsAddressesEncrypted() throws Exception {
        String phone = randomPhone();
        String email = "li-" + s.toLowerCase() + "@example.org";
        String number = register(phone, email, List.of("SMS", "EMAIL"), "REQUEST_GRIEVANCE");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> !Captures.smsTo(phone)
                .isEmpty() && !Captures.mailTo(email).isEmpty());
        JsonNode sms = Captures.smsTo(phone).get(0);
        assertTrue(sms.path("text").asText().contains(number), sms.toString());
        String noticeId = queryString(ds, "SELECT id::text FROM notice WHERE subject_number = ? AND notice_type = ?",
                number, "CASE_REGISTERED");
        assertEquals(noticeId, sms.path("id").asText(), "the provider gets the notice id to dedupe on");
        JsonNode mail = Captures.mailTo(email).get(0);
        assertTrue(mail.path("subject").asText().contains(number), mail.toString());

        assertEquals(2, queryLong(ds, "SELECT count(*) FROM notice_delivery WHERE notice_id = CAST(? AS uuid)"
                + " AND status = 'SENT' AND sent_at IS NOT NULL AND attempts = 1", noticeId));
        String stored = queryString(ds, "SELECT string_agg(address_enc || address_masked, ' ') FROM notice_delivery"
                + " WHERE notice_id = CAST(? AS uuid)", noticeId);
        assertFalse(stored.contains(phone) || stored.contains(email), "addresses only encrypted and masked");
        assertTrue(stored.contains(phone.substring(0, 3) + "****" + phone.substring(7)), stored);
        assertTrue(stored.contains("l***@example.org"), stored);
        assertEquals(0, queryLong(ds, "SELECT count(*) FROM notice WHERE id = CAST(? AS uuid)"
                + " AND (body LIKE '%' || ? || '%' OR body LIKE '%张三丰%')", noticeId, phone));
        assertEquals(2, queryLong(ds, "SELECT count(*) FROM notice_attempt t JOIN notice_delivery d ON d.id ="
                + " t.delivery_id WHERE d.notice_id = CAST(? AS uuid) AND t.status_code IN (200, 250)", noticeId));
    }

    @Test
    void aFailingProviderIsTriedAgainAfterTheBackoff() throws Exception {
        String phone = randomPhone();
        String stub = Captures.failSmsTo(phone, 503);
        try {
            String number = register(phone, null, null, "REQUEST_GRIEVANCE");
            String sql = "SELECT count(*) FROM notice_delivery d JOIN notice n ON n.id = d.notice_id"
                    + " WHERE n.subject_number = ? AND d.channel = 'SMS' AND d.status = 'PENDING' AND d.attempts = 1"
                    + " AND d.last_error = 'HTTP 503' AND d.lease_until IS NULL"
                    + " AND d.next_attempt_at BETWEEN now() + interval '50 seconds' AND now() + interval '61 seconds'";
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> queryLong(ds, sql, number) == 1);
            assertEquals(1, queryLong(ds, "SELECT count(*) FROM notice_attempt t JOIN notice_delivery d ON d.id ="
                    + " t.delivery_id JOIN notice n ON n.id = d.notice_id WHERE n.subject_number = ?"
                    + " AND t.status_code = 503 AND t.error = 'HTTP 503'", number));
        } finally {
            Captures.removeStub(stub);
        }
    }

    @Test
    void aConfidentialReporterWhoChoseNoChannelGetsOnlyTheInbox() throws Exception {
        String phone = randomPhone();
        String number = register(phone, null, null, "MISCONDUCT_REPORT");
        assertEquals(1, queryLong(ds, "SELECT count(*) FROM notice WHERE subject_number = ? AND recipient_type = 'USER'"
                + " AND recipient = ?", number, "citizen-" + s));
        assertEquals(0, queryLong(ds, "SELECT count(*) FROM notice_delivery d JOIN notice n ON n.id = d.notice_id"
                + " WHERE n.subject_number = ?", number));
    }

    @Test
    void aChannelWithoutItsAddressIsRefused() {
        Map<String, Object> body = caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone());
        body.put("noticeChannels", List.of("EMAIL"));
        problem(as(who.citizen()).body(body).post("/api/v1/cases").then(), 400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("noticeChannels"));
        body.put("noticeChannels", List.of("FAX"));
        problem(as(who.citizen()).body(body).post("/api/v1/cases").then(), 400);
    }
}
