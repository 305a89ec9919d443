package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the local platform's SMTP server (GreenMail, its REST API) received and what its SMS capture (WireMock, its
 * request journal) was sent: the notices a test expects to find outside the service.
 */
public final class Captures {

    static final String MAIL_API = "http://127.0.0.1:" + System.getenv().getOrDefault("CIVIC_MAIL_API_PORT", "18025");
    static final String SMS = "http://127.0.0.1:" + System.getenv().getOrDefault("CIVIC_SMS_PORT", "18090");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Captures() {}

    /** The mail in {@code address}'s inbox: each with {@code subject} and {@code mimeMessage}. */
    public static List<JsonNode> mailTo(String address) throws Exception {
        var r = given().baseUri(MAIL_API).get("/api/user/" + address + "/messages/INBOX/");
        List<JsonNode> out = new ArrayList<>();
        if (r.statusCode() == 200) {
            MAPPER.readTree(r.asString()).forEach(out::add);
        }
        return out;
    }

    /** The JSON bodies ({@code id}, {@code to}, {@code text}) POSTed to the SMS capture for {@code to}. */
    public static List<JsonNode> smsTo(String to) throws Exception {
        String journal = given().baseUri(SMS).contentType(ContentType.JSON)
                .body(Map.of("method", "POST", "url", "/sms/send")).post("/__admin/requests/find").then()
                .statusCode(200).extract().asString();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode request : MAPPER.readTree(journal).path("requests")) {
            JsonNode body = MAPPER.readTree(request.path("body").asText());
            if (to.equals(body.path("to").asText())) {
                out.add(body);
            }
        }
        return out;
    }

    /** Makes the SMS capture answer {@code status} to messages for {@code to}; returns the stub's id. */
    public static String failSmsTo(String to, int status) {
        return given().baseUri(SMS).contentType(ContentType.JSON).body(Map.of("priority", 1,
                "request", Map.of("method", "POST", "url", "/sms/send",
                        "bodyPatterns", List.of(Map.of("matchesJsonPath", "$[?(@.to == '" + to + "')]"))),
                "response", Map.of("status", status))).post("/__admin/mappings").then().statusCode(201).extract()
                .path("id");
    }

    public static void removeStub(String id) {
        given().baseUri(SMS).delete("/__admin/mappings/" + id).then().statusCode(200);
    }
}
