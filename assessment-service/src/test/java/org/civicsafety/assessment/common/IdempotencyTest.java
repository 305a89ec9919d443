package org.civicsafety.assessment.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.Sql;
import org.civicsafety.assessment.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** The platform's Idempotency-Key contract (conventions.md) as assessment-service keeps it. */
@QuarkusTest
class IdempotencyTest {
    @Inject EventConsumer consumer;
    @Inject Idempotency idempotency;
    @Inject AssessmentConfig config;
    @Inject Sql sql;

    String town;
    String analyst;

    @BeforeEach
    void setUp() {
        ConsumerReady.await(consumer);
        Flow.County c = Flow.county(1);
        town = c.towns().get(0);
        analyst = Tokens.token("analyst", c.code());
    }

    RequestSpecification as(String key) {
        return given().auth().oauth2(analyst).header("Idempotency-Key", key).contentType("application/json");
    }

    Map<String, Object> assessment(String title) {
        return Map.of("title", title, "decisionOwner", "County", "areaCodes", List.of(town));
    }

    @Test
    void whitespaceKeyIsAKeyAndReplays() {
        String key = "\u000b\u001f";
        String first = as(key).body(assessment("Blank key")).when().post("/api/v1/risk-assessments").then()
                .statusCode(201).extract().path("id");
        as(key).body(assessment("Blank key")).when().post("/api/v1/risk-assessments").then().statusCode(201)
                .header("Location", "/api/v1/risk-assessments/" + first).header("ETag", "\"1\"")
                .body("id", equalTo(first));
    }

    @Test
    void emptyOrLongKeyIsAValidationError() {
        for (String key : List.of("", "k".repeat(129)))
            as(key).header("Accept-Language", "en").body(assessment("Bad key")).when().post("/api/v1/risk-assessments")
                    .then().statusCode(400)
                    .body("type", equalTo("https://civicsafety.org/problems/validation"))
                    .body("errors", hasSize(1))
                    .body("errors[0].field", equalTo("Idempotency-Key"))
                    .body("errors[0].message", equalTo("must be 1 to 128 characters"));
        as("").body(assessment("Bad key")).when().post("/api/v1/risk-assessments")
                .then().statusCode(400).body("errors[0].message", equalTo("长度必须为 1 到 128 个字符"));
    }

    /** The operation is part of the request: one body sent to two endpoints under one key is a reuse. */
    @Test
    void sameKeyAndBodyOnAnotherEndpointIs422() {
        String id = as("a-" + UUID.randomUUID()).body(assessment("Two parts")).when().post("/api/v1/risk-assessments")
                .then().statusCode(201).extract().path("id");
        String base = "/api/v1/risk-assessments/" + id;
        String factor = given().auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("dimension", "FEASIBILITY", "category", "OTHER", "description", "d", "likelihood", 3,
                        "consequence", 3))
                .when().post(base + "/factors").then().statusCode(201).extract().path("factors[0].id");
        // Valid for both endpoints: each reads its own fields.
        Map<String, Object> body = new HashMap<>(Map.of("dimension", "FEASIBILITY", "category", "OTHER",
                "description", "d", "likelihood", 2, "consequence", 2));
        body.putAll(Map.of("factorId", factor, "measure", "m", "owner", "o", "deadline", "2027-12-31",
                "residualLikelihood", 1, "residualConsequence", 1));
        String key = "part-" + UUID.randomUUID();
        as(key).body(body).when().post(base + "/factors").then().statusCode(201);
        as(key).body(body).when().post(base + "/mitigations").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://civicsafety.org/problems/idempotency-key-reused"));
        as(key).body(body).when().post(base + "/factors").then().statusCode(201).body("factors", hasSize(2));
        as("other-" + key).body(body).when().post(base + "/mitigations").then().statusCode(201);
    }

    @Test
    void purgeDropsKeysOlderThanTheRetention() throws Exception {
        String client = "sub:purge-" + UUID.randomUUID();
        sql.execute("INSERT INTO idempotency_key (client, key, request_hash) VALUES (?, 'old', 'h'), (?, 'fresh', 'h')",
                client, client);
        sql.execute("UPDATE idempotency_key SET created_at = now() - ? * interval '1 second' - interval '1 minute'"
                + " WHERE client = ? AND key = 'old'", config.idempotencyRetention().toSeconds(), client);
        idempotency.purge();
        assertEquals(0, sql.count("SELECT count(*) FROM idempotency_key WHERE client = ? AND key = 'old'", client));
        assertEquals(1, sql.count("SELECT count(*) FROM idempotency_key WHERE client = ? AND key = 'fresh'", client));
    }
}
