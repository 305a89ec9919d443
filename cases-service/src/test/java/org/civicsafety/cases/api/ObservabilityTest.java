package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Health, metrics, request-id propagation into events, and problem+json for protocol errors. */
@QuarkusTest
class ObservabilityTest {

    @Inject DataSource ds;

    @Test
    void readinessChecksDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsStringIgnoringCase("kafka")))
                .body("checks.name", hasItem(containsStringIgnoringCase("database")));
    }

    @Test
    void metricsExposeOutboxBacklogAndKafkaClients() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("outbox_backlog"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"))
                .body(containsString("kafka_producer_"));
    }

    @Test
    void httpServerTimingsHaveHistogramBuckets() {
        given().get("/api/v1/cases/track/ZZZZZZZZZZZZ").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(matchesPattern("(?s).*http_server_requests_seconds_bucket\\{[^}]*le=\"\\+Inf\"[^}]*} [1-9].*"));
    }

    @Test
    void requestIdTravelsIntoTheEvent() throws Exception {
        Areas a = areas(ds);
        String requestId = "req-" + suffix();
        try (TopicReader topic = new TopicReader("civicsafety.cases.v1")) {
            String id = as(token("c-" + suffix(), "citizen", null, null)).header("X-Request-Id", requestId)
                    .body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone()))
                    .post("/api/v1/cases").then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> r = topic.awaitType(id, "org.civicsafety.case.registered.v1",
                    Duration.ofSeconds(30));
            assertEquals(requestId, header(r, "X-Request-Id"));
            assertEquals("application/json", header(r, "content-type"));
        }
    }

    @Test
    void protocolErrorsAreProblems() {
        String citizen = token("c-" + suffix(), "citizen", null, null);
        problem(given().auth().oauth2(citizen).contentType("text/plain").body("hello").post("/api/v1/cases").then(),
                415);
        problem(given().auth().oauth2(citizen).delete("/api/v1/cases").then(), 405);
        problem(given().auth().oauth2(citizen).get("/api/v1/nothing-here").then(), 404);
        // Titles follow Accept-Language: zh-CN by default, English on request.
        problem(given().auth().oauth2(citizen).get("/api/v1/cases/" + java.util.UUID.randomUUID()).then(), 404)
                .body("title", equalTo("资源不存在"));
        problem(given().auth().oauth2(citizen).header("Accept-Language", "en")
                .get("/api/v1/cases/" + java.util.UUID.randomUUID()).then(), 404).body("title", equalTo("Not found"));
    }
}
