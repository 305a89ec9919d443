package org.civicsafety.assessment.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class ObservabilityTest {
    @Test
    void readinessChecksDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name",
                        hasItems(containsStringIgnoringCase("kafka"), containsStringIgnoringCase("database")));
    }

    @Test
    void metricsExposeOutboxBacklogAndKafkaClientMetrics() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("outbox_backlog"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }

    @Test
    void httpServerRequestsHaveHistogramBuckets() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/api/v1/scores").then().statusCode(401);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"));
    }
}
