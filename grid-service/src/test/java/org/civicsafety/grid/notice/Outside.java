package org.civicsafety.grid.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the local platform's stand-ins for the outside world received: mail in the SMTP server (GreenMail's REST
 * API on CIVIC_MAIL_API_PORT) and texts in the SMS capture (WireMock on CIVIC_SMS_PORT).
 */
public final class Outside {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIL_API = "http://127.0.0.1:" + env("CIVIC_MAIL_API_PORT", "18025");
    private static final String SMS = "http://127.0.0.1:" + env("CIVIC_SMS_PORT", "18090");

    private Outside() {}

    /** A received e-mail: its subject and the raw MIME message. */
    public record Mail(String subject, String mime) {}

    /** The mail in {@code address}'s inbox. */
    public static List<Mail> mails(String address) {
        JsonNode list = get(MAIL_API + "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8)
                + "/messages/INBOX/");
        List<Mail> out = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(m -> out.add(new Mail(m.path("subject").asText(), m.path("mimeMessage").asText())));
        }
        return out;
    }

    /**
     * The bodies ({"id","to","text"}) of the texts sent to {@code mobile}, newest first, each with the
     * {@code authorization} header it came with.
     */
    public static List<JsonNode> texts(String mobile) {
        JsonNode found = post(SMS + "/__admin/requests/find", "{\"method\":\"POST\",\"url\":\"/sms/send\"}");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : found.path("requests")) {
            ObjectNode body = (ObjectNode) parse(r.path("body").asText());
            if (mobile.equals(body.path("to").asText())) {
                out.add(body.put("authorization", r.path("headers").path("Authorization").asText()));
            }
        }
        return out;
    }

    private static JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static JsonNode post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 404 ? JSON.createArrayNode() : parse(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
