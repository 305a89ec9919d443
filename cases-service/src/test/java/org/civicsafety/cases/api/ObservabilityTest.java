package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicsafety.cases.casefile.DeadlineJobs;
import org.junit.jupiter.api.Test;

/** Health, metrics, request-id propagation into events, and problem+json for protocol errors. */
@QuarkusTest
class ObservabilityTest {

    @Inject DataSource ds;
    @Inject DeadlineJobs jobs;

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
    void requestIdAndTraceContextTravelIntoTheEvent() throws Exception {
        Areas a = areas(ds);
        String requestId = "req-" + suffix();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (TopicReader topic = new TopicReader("civicsafety.cases.v1")) {
            String id = as(token("c-" + suffix(), "citizen", null, null)).header("X-Request-Id", requestId)
                    .header("traceparent", traceparent)
                    .body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone()))
                    .post("/api/v1/cases").then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> r = topic.awaitType(id, "org.civicsafety.case.registered.v1",
                    Duration.ofSeconds(30));
            assertEquals(requestId, header(r, "X-Request-Id"));
            assertEquals(traceparent, header(r, "traceparent"));
            assertEquals("application/json", header(r, "content-type"));
            // A malformed trace context is not passed on: the event starts a trace of its own.
            String other = as(token("c-" + suffix(), "citizen", null, null)).header("traceparent", "not-a-trace")
                    .body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone()))
                    .post("/api/v1/cases").then().statusCode(201).extract().path("id");
            assertTrue(header(topic.awaitType(other, "org.civicsafety.case.registered.v1", Duration.ofSeconds(30)),
                    "traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
        }
    }

    /**
     * The deadline job runs in a request context of its own (the scheduler's): its events name no request, not even
     * the one that came just before it.
     */
    @Test
    void aJobsEventsCarryNoRequestId() throws Exception {
        Areas a = areas(ds);
        try (TopicReader topic = new TopicReader("civicsafety.cases.v1")) {
            String id = as(token("c-" + suffix(), "citizen", null, null)).header("X-Request-Id", "req-" + suffix())
                    .body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone()))
                    .post("/api/v1/cases").then().statusCode(201).extract().path("id");
            update(ds, "UPDATE petition_case SET triage_due_at = now() - interval '1 second' WHERE id = ?::uuid", id);
            ManagedContext context = Arc.container().requestContext();
            boolean own = !context.isActive();
            if (own) {
                context.activate();
            }
            try {
                jobs.runOnce();
            } finally {
                if (own) {
                    context.terminate();
                }
            }
            ConsumerRecord<String, String> overdue = topic.awaitType(id, "org.civicsafety.case.overdue.v1",
                    Duration.ofSeconds(30));
            assertNull(header(overdue, "X-Request-Id"));
            assertNotNull(header(overdue, "traceparent"));
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
