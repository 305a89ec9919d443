package org.civicsafety.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.civicsafety.gateway.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One catalogue of problem types for the whole platform: each situation is provoked through the
 * gateway on every service where it can happen, and every answer must carry the same {@code type},
 * {@code status} and title — in English for {@code Accept-Language: en}, in Chinese by default. The
 * expected titles are the gateway's bundle, which every service carries unchanged.
 */
class ProblemCatalogueIT {
    /** The services' own upload limit (cases attachments, grid media) and the gateway's default body limit. */
    private static final int SERVICE_UPLOAD_LIMIT = 10 * 1024 * 1024;
    private static final int GATEWAY_BODY_LIMIT = 12 * 1024 * 1024;

    private final String s = Platform.suffix();
    private final String citizen = Platform.token("e2e-pc-citizen-" + s, "citizen", null);
    private final String officer = Platform.token("e2e-pc-officer-" + s, "petition_officer", DemoCounty.COUNTY);
    private final String worker = Platform.token("e2e-pc-worker-" + s, "grid_worker", DemoCounty.GRID);
    private final String analyst = Platform.token("e2e-pc-analyst-" + s, "analyst", DemoCounty.COUNTY);

    @Test
    void casesService() {
        Map<String, Object> petition = petition();
        String id = Platform.as(citizen).contentType(ContentType.JSON).body(petition).post("/api/v1/cases")
                .then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        Platform.as(citizen).contentType(ContentType.JSON).header("Idempotency-Key", key).body(petition())
                .post("/api/v1/cases").then().statusCode(201);

        expect("cases", ProblemType.VALIDATION, r -> r.auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(Map.of("title", "")).post("/api/v1/cases"));
        expect("cases", ProblemType.MALFORMED_REQUEST, r -> r.auth().oauth2(citizen).contentType(ContentType.JSON)
                .body("{\"title\":").post("/api/v1/cases"));
        expect("cases", ProblemType.UNAUTHORIZED, r -> r.get("/api/v1/cases"));
        expect("cases", ProblemType.FORBIDDEN, r -> r.auth().oauth2(citizen).get("/api/v1/cases/stats"));
        expect("cases", ProblemType.NOT_FOUND, r -> r.auth().oauth2(citizen).get("/api/v1/cases/" + UUID.randomUUID()));
        expect("cases", ProblemType.METHOD_NOT_ALLOWED, r -> r.auth().oauth2(citizen).delete("/api/v1/cases"));
        expect("cases", ProblemType.ILLEGAL_TRANSITION, r -> r.auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(Map.of("action", "ACCEPT_ANSWER")).post("/api/v1/cases/" + id + "/transitions"));
        expect("cases", ProblemType.PRECONDITION_FAILED, r -> r.auth().oauth2(officer).contentType(ContentType.JSON)
                .header("If-Match", "\"999\"").body(Map.of("action", "NOT_ACCEPT", "reason", "stale"))
                .post("/api/v1/cases/" + id + "/transitions"));
        expect("cases", ProblemType.IDEMPOTENCY_KEY_REUSED, r -> r.auth().oauth2(citizen).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(petition()).post("/api/v1/cases"));
        expect("cases", ProblemType.UNSUPPORTED_MEDIA_TYPE, r -> r.auth().oauth2(citizen).contentType("text/plain")
                .body("hello").post("/api/v1/cases"));
        expect("cases", ProblemType.PAYLOAD_TOO_LARGE, r -> r.auth().oauth2(citizen)
                .multiPart("file", "big.pdf", new byte[SERVICE_UPLOAD_LIMIT + 1], "application/pdf")
                .post("/api/v1/cases/" + id + "/attachments"));
    }

    @Test
    void gridService() {
        Map<String, Object> report = report();
        String id = Platform.as(worker).contentType(ContentType.JSON).body(report).post("/api/v1/incidents")
                .then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        Platform.as(worker).contentType(ContentType.JSON).header("Idempotency-Key", key).body(report())
                .post("/api/v1/incidents").then().statusCode(201);

        expect("grid", ProblemType.VALIDATION, r -> r.auth().oauth2(worker).contentType(ContentType.JSON)
                .body(Map.of("categoryCode", "RUBBISH", "description", "")).post("/api/v1/incidents"));
        expect("grid", ProblemType.MALFORMED_REQUEST, r -> r.auth().oauth2(worker).contentType(ContentType.JSON)
                .body("{\"categoryCode\":").post("/api/v1/incidents"));
        expect("grid", ProblemType.UNAUTHORIZED, r -> r.get("/api/v1/incidents"));
        expect("grid", ProblemType.FORBIDDEN, r -> r.auth().oauth2(worker).contentType(ContentType.JSON)
                .body(Map.of("code", "X" + s, "name", "x", "level", "GRID")).post("/api/v1/areas"));
        expect("grid", ProblemType.NOT_FOUND, r -> r.get("/api/v1/categories/NO_SUCH_CATEGORY_" + s));
        expect("grid", ProblemType.METHOD_NOT_ALLOWED, r -> r.auth().oauth2(worker).delete("/api/v1/areas"));
        expect("grid", ProblemType.ILLEGAL_TRANSITION, r -> r.auth().oauth2(worker).contentType(ContentType.JSON)
                .body(Map.of("action", "REOPEN", "reason", "not closed yet"))
                .post("/api/v1/incidents/" + id + "/transitions"));
        expect("grid", ProblemType.PRECONDITION_FAILED, r -> r.auth().oauth2(worker).contentType(ContentType.JSON)
                .header("If-Match", "\"999\"").body(Map.of("action", "VERIFY"))
                .post("/api/v1/incidents/" + id + "/transitions"));
        expect("grid", ProblemType.IDEMPOTENCY_KEY_REUSED, r -> r.auth().oauth2(worker).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(report()).post("/api/v1/incidents"));
        expect("grid", ProblemType.UNSUPPORTED_MEDIA_TYPE, r -> r.auth().oauth2(worker).contentType("text/plain")
                .body("hello").post("/api/v1/incidents"));
        expect("grid", ProblemType.PAYLOAD_TOO_LARGE, r -> r.auth().oauth2(worker)
                .multiPart("file", "big.jpg", new byte[SERVICE_UPLOAD_LIMIT + 1], "image/jpeg")
                .post("/api/v1/incidents/" + id + "/media"));
    }

    @Test
    void assessmentService() {
        Map<String, Object> assessment = assessment();
        String id = Platform.as(analyst).contentType(ContentType.JSON).body(assessment).post("/api/v1/risk-assessments")
                .then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        Platform.as(analyst).contentType(ContentType.JSON).header("Idempotency-Key", key).body(assessment())
                .post("/api/v1/risk-assessments").then().statusCode(201);

        expect("assessment", ProblemType.VALIDATION, r -> r.auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(Map.of("title", "")).post("/api/v1/risk-assessments"));
        expect("assessment", ProblemType.MALFORMED_REQUEST, r -> r.auth().oauth2(analyst).contentType(ContentType.JSON)
                .body("{\"title\":").post("/api/v1/risk-assessments"));
        expect("assessment", ProblemType.UNAUTHORIZED, r -> r.get("/api/v1/risk-assessments/" + id));
        expect("assessment", ProblemType.FORBIDDEN,
                r -> r.auth().oauth2(citizen).get("/api/v1/risk-assessments/" + id));
        expect("assessment", ProblemType.NOT_FOUND, r -> r.auth().oauth2(analyst)
                .get("/api/v1/risk-assessments/" + UUID.randomUUID()));
        expect("assessment", ProblemType.METHOD_NOT_ALLOWED,
                r -> r.auth().oauth2(analyst).delete("/api/v1/risk-assessments"));
        expect("assessment", ProblemType.ILLEGAL_TRANSITION, r -> r.auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(Map.of("action", "REOPEN")).post("/api/v1/risk-assessments/" + id + "/transitions"));
        expect("assessment", ProblemType.PRECONDITION_FAILED,
                r -> r.auth().oauth2(analyst).contentType(ContentType.JSON)
                        .header("If-Match", "\"999\"").body(Map.of("action", "WITHDRAW"))
                        .post("/api/v1/risk-assessments/" + id + "/transitions"));
        expect("assessment", ProblemType.IDEMPOTENCY_KEY_REUSED,
                r -> r.auth().oauth2(analyst).contentType(ContentType.JSON)
                        .header("Idempotency-Key", key).body(assessment()).post("/api/v1/risk-assessments"));
        expect("assessment", ProblemType.UNSUPPORTED_MEDIA_TYPE, r -> r.auth().oauth2(analyst).contentType("text/plain")
                .body("hello").post("/api/v1/risk-assessments"));
        // assessment takes no uploads: a body over the gateway's limit is refused on its route
        expect("assessment", ProblemType.PAYLOAD_TOO_LARGE, r -> r.auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(new byte[GATEWAY_BODY_LIMIT + 1]).post("/api/v1/risk-assessments"));
    }

    @Test
    void gatewayRefusals() {
        expect("gateway", ProblemType.UNAUTHORIZED, r -> r.auth().oauth2("not-a-token").get("/api/v1/incidents"));
        expect("gateway", ProblemType.NOT_FOUND, r -> r.get("/no-route-" + s));
        // The tracking lookup allows 10 a minute per client: a signed-in caller is counted by user, so this
        // run's own citizen uses up a bucket no other test shares.
        boolean limited = false;
        for (int i = 0; i < 40 && !limited; i++) {
            limited = Platform.as(citizen).get("/api/v1/cases/track/RATE" + i).statusCode() == 429;
        }
        assertTrue(limited, "the tracking lookup is rate-limited");
        expect("gateway", ProblemType.RATE_LIMITED,
                r -> r.auth().oauth2(citizen).get("/api/v1/cases/track/RATELIMITED"));
    }

    /**
     * The answer in English and in the default language: the catalogue's type and status, the bundle's titles, and
     * for a validation failure field messages in each language.
     */
    private static void expect(String where, ProblemType type, Function<RequestSpecification, Response> call) {
        List<List<String>> fieldMessages = new ArrayList<>();
        for (Locale language : new Locale[]{Locale.ENGLISH, null}) {
            RequestSpecification request = Platform.anonymous();
            if (language != null) {
                request.header("Accept-Language", language.toLanguageTag());
            }
            Response answer = call.apply(request);
            String what = where + " " + type.slug() + " (" + (language == null ? "default" : language) + "): "
                    + answer.asString();
            assertEquals(type.status(), answer.statusCode(), what);
            assertTrue(answer.contentType().startsWith("application/problem+json"), what);
            assertEquals(type.uri(), answer.path("type"), what);
            assertEquals(Integer.valueOf(type.status()), answer.path("status"), what);
            assertEquals(type.title(language == null ? ProblemType.ZH_CN : language),
                    answer.path("title"), what);
            List<String> messages = answer.path("errors.message");
            if (type == ProblemType.VALIDATION) {
                assertFalse(messages.isEmpty(), what);
                messages.forEach(m -> assertFalse(m == null || m.isBlank(), what));
            }
            fieldMessages.add(messages);
        }
        if (type == ProblemType.VALIDATION) {
            assertNotEquals(fieldMessages.get(0), fieldMessages.get(1),
                    where + ": errors[].message follows the language");
            assertTrue(String.join("", fieldMessages.get(1)).codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    where + ": zh-CN field messages " + fieldMessages.get(1));
        }
    }

    private static Map<String, Object> petition() {
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        return Map.of("channel", "ONLINE", "type", "REQUEST_GRIEVANCE",
                // distinct words each time: a near-identical petition in the same area is rightly a repeat
                "title", words(4), "content", words(16), "areaCode", DemoCounty.VILLAGE,
                "petitioner", Map.of("name", "王五", "phone", phone));
    }

    private Map<String, Object> report() {
        Map<String, Object> report = new HashMap<>(Map.of("categoryCode", "RUBBISH",
                "description", "Problem catalogue check (e2e " + s + " " + words(2) + ")",
                // off the grid's reference point, so one report is not a duplicate of another
                "lat", DemoCounty.LAT + jitter(), "lon", DemoCounty.LON + jitter(), "address", "Market entrance"));
        report.put("attributes", Map.of("volume", "bag"));
        return report;
    }

    private static Map<String, Object> assessment() {
        return Map.of("title", "Problem catalogue check " + words(2), "decisionOwner", "County government",
                "areaCodes", java.util.List.of(DemoCounty.COUNTY));
    }

    private static double jitter() {
        return ThreadLocalRandom.current().nextDouble(-0.003, 0.003);
    }

    private static String words(int n) {
        String[] words = new String[n];
        Arrays.setAll(words, i -> {
            StringBuilder w = new StringBuilder();
            for (int j = 0; j < 5 + ThreadLocalRandom.current().nextInt(4); j++) {
                w.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
            }
            return w.toString();
        });
        return String.join(" ", words);
    }
}
