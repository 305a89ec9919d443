package org.civicsafety.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A citizen's petition through the gateway from registration to FINAL, followed by the public
 * tracking code without login — which never shows who the petitioner is.
 */
class CaseFlowIT {
    private final String s = Platform.suffix();
    private final String citizen = Platform.token("e2e-citizen-" + s, "citizen", null);
    private final String officer = Platform.token("e2e-officer-" + s, "petition_officer", DemoCounty.COUNTY);
    /** The village's responsible unit: the demo data's import put it into the unit directory. */
    private final String unit = "unit-" + DemoCounty.VILLAGE;
    private final String handler = Platform.token("e2e-handler-" + s, "handler", DemoCounty.VILLAGE, unit);

    @Test
    void registrationToFinalWithPublicTracking() {
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String idNumber = "11010119900307" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        Map<String, Object> petition = Map.of(
                "channel", "ONLINE", "type", "REQUEST_GRIEVANCE",
                // Distinct words each run: a near-identical petition in the same area is rightly a repeat.
                "title", words(4),
                "content", words(16),
                "areaCode", DemoCounty.VILLAGE,
                "petitioner", Map.of("name", "李四", "phone", phone, "idNumber", idNumber,
                        "address", "滨海县某街道1号"));
        Response created = Platform.as(citizen).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(petition).post("/api/v1/cases");
        created.then().statusCode(201).body("state", equalTo("REGISTERED")).body("trackingCode", notNullValue());
        String id = created.path("id");
        String tracking = created.path("trackingCode");

        transition(officer, id, Map.of("action", "ASSIGN", "unitId", unit, "unitAreaCode", DemoCounty.VILLAGE),
                "ASSIGNED");
        transition(handler, id, Map.of("action", "ACCEPT"), "IN_HANDLING");
        transition(handler, id, Map.of("action", "ANSWER", "decision", "SUPPORT",
                "text", "The drain will be widened before the rainy season."), "ANSWERED");
        transition(citizen, id, Map.of("action", "RATE", "satisfaction", "SATISFIED", "comment", "thank you"),
                "ANSWERED");
        transition(citizen, id, Map.of("action", "ACCEPT_ANSWER"), "FINAL");

        // Anyone with the receipt can follow the case, without a token and without personal data.
        Platform.anonymous().get("/api/v1/cases/track/" + tracking)
                .then().statusCode(200)
                .body("state", equalTo("FINAL"))
                .body(not(containsString(phone)))
                .body(not(containsString("李四")));
        Platform.anonymous().get("/api/v1/cases/track/NOSUCHCODE23")
                .then().statusCode(404);
    }

    private static String words(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ");
            for (int j = 0; j < 5 + ThreadLocalRandom.current().nextInt(4); j++) {
                text.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
            }
        }
        return text.toString();
    }

    private void transition(String token, String id, Map<String, Object> body, String expectedState) {
        Platform.as(token).contentType(ContentType.JSON).body(body).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(200).body("state", equalTo(expectedState));
    }
}
