package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's "done when" for petitions: a petitioner walked through registration → assignment → acceptance →
 * extension → answer finds each notice in the inbox (API), in the SMTP server and in the SMS capture, and downloads
 * each written notice — a PDF that parses, is the same bytes twice, names the case and verifies by its code.
 */
@QuarkusTest
class NoticeWalkthroughTest {

    static final List<String> TOLD = List.of("CASE_REGISTERED", "CASE_ACCEPTED", "CASE_EXTENDED", "CASE_ANSWERED");

    @Inject DataSource ds;

    @Test
    void thePetitionerIsToldOfEachStepAndGetsEachWrittenNotice() throws Exception {
        Areas a = areas(ds);
        String s = suffix();
        Callers who = callers(a, s);
        String supervisor = token("sv-" + s, "supervisor", a.village(), null);
        String phone = randomPhone();
        String email = "walk-" + s.toLowerCase() + "@example.org";

        Map<String, Object> body = caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", phone);
        @SuppressWarnings("unchecked") Map<String, Object> petitioner = (Map<String, Object>) body.get("petitioner");
        petitioner.put("email", email);
        body.put("noticeChannels", List.of("SMS", "EMAIL"));
        JsonPath created = as(who.citizen()).body(body).post("/api/v1/cases").then().statusCode(201)
                .body("writtenNotices", endsWith("/written-notices")).extract().jsonPath();
        String id = created.getString("id");
        String number = created.getString("number");
        String path = "/api/v1/cases/" + id + "/transitions";
        as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()))
                .post(path).then().statusCode(200);
        as(who.handler()).body(Map.of("action", "ACCEPT")).post(path).then().statusCode(200);
        as(supervisor).body(Map.of("action", "EXTEND", "days", 20, "reason", "需现场勘验")).post(path).then()
                .statusCode(200);
        as(who.handler()).body(Map.of("action", "ANSWER", "decision", "SUPPORT", "text", "路灯已于本周修复。")).post(path)
                .then().statusCode(200);

        // the inbox, newest first, each statutory notice linking its document
        JsonPath inbox = as(who.citizen()).get("/api/v1/me/notices").then().statusCode(200).extract().jsonPath();
        assertEquals(TOLD.reversed(), inbox.getList("items.findAll { it.subjectNumber == '" + number + "' }.type"));
        assertTrue(inbox.getString("items.find { it.type == 'CASE_EXTENDED' }.body").contains("需现场勘验"));
        assertTrue(inbox.getString("items.find { it.type == 'CASE_ANSWERED' }.body").contains("路灯已于本周修复。"));
        List<String> documents = inbox.getList("items.findAll { it.subjectNumber == '" + number + "' }.document");

        // the SMTP server and the SMS capture got each one
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> Captures.smsTo(phone).size() == TOLD.size()
                        && Captures.mailTo(email).size() == TOLD.size());
        List<String> titles = inbox.getList("items.findAll { it.subjectNumber == '" + number + "' }.title");
        for (String title : titles) {
            assertTrue(Captures.mailTo(email).stream().anyMatch(m -> m.path("subject").asText().equals(title)), title);
            assertTrue(Captures.smsTo(phone).stream().anyMatch(m -> m.path("text").asText().startsWith(title)), title);
        }
        for (JsonNode sms : Captures.smsTo(phone)) {
            assertTrue(sms.path("text").asText().contains(number));
        }

        // the written notices: listed, linked from the notices, the same bytes twice, naming the case, verifiable
        JsonPath list = as(who.citizen()).get("/api/v1/cases/" + id + "/written-notices").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(TOLD, list.getList("items.type"));
        assertEquals(documents.reversed(), list.getList("items.url"));
        for (String url : list.<String>getList("items.url")) {
            byte[] pdf = download(who.citizen(), url, "");
            assertArrayEquals(pdf, download(who.citizen(), url, ""), "the same bytes every time");
            assertArrayEquals(pdf, download(who.handler(), url, ""), "whoever may see the case gets the same");
            String text = text(pdf);
            assertTrue(text.contains(number), text);
            assertTrue(text.contains("核验码"), text);
            Matcher code = Pattern.compile("核验码：([2-9A-Z]{12})").matcher(text);
            assertTrue(code.find(), text);
            given().get("/api/v1/cases/written-notices/verify/" + code.group(1)).then().statusCode(200)
                    .body("genuine", equalTo(true)).body("caseNumber", equalTo(number))
                    .body("sha256", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf))))
                    .body(not(containsString("张三丰"))).body(not(containsString(phone)));
            byte[] en = download(who.citizen(), url, "?lang=en");
            assertArrayEquals(en, download(who.citizen(), url, "?lang=en"));
            assertTrue(text(en).contains("Case number: " + number), text(en));
        }
        String answer = text(download(who.citizen(), list.getString("items[3].url"), ""));
        assertTrue(answer.contains("信访事项处理意见书") && answer.contains("路灯已于本周修复。") && answer.contains("30日内"),
                answer);
        try (PDDocument doc = Loader.loadPDF(download(who.citizen(), list.getString("items[0].url"), ""))) {
            var resources = doc.getPage(0).getResources();
            List<String> fonts = new java.util.ArrayList<>();
            for (var name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                fonts.add(font.getName());
            }
            assertTrue(fonts.stream().allMatch(f -> f.matches("[A-Z]{6}\\+.*")), "subset-embedded: " + fonts);
            assertTrue(fonts.stream().anyMatch(f -> f.contains("DroidSansFallback")), fonts.toString());
        }
        // outside the case's scope, a wrong id, an unknown code or language: problems
        problem(as(token("other-" + s, "citizen", null, null)).get(list.getString("items[0].url")).then(), 404);
        problem(as(who.citizen()).get("/api/v1/cases/" + id + "/written-notices/" + java.util.UUID.randomUUID())
                .then(), 404);
        problem(as(who.citizen()).get(list.getString("items[0].url") + "?lang=fr").then(), 400);
        problem(given().get("/api/v1/cases/written-notices/verify/AAAAAAAAAAAA").then(), 404);
        problem(given().get("/api/v1/cases/written-notices/verify/x").then(), 404);
    }

    static byte[] download(String token, String url, String query) {
        return given().auth().oauth2(token).get(url + query).then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
