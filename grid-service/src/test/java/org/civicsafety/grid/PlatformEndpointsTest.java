package org.civicsafety.grid;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void readinessChecksDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "Kafka connection health check"));
    }

    @Test
    void metricsExposeOutboxBacklogAndKafkaProducerMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("outbox_backlog"))
                .body(containsString("kafka_producer_"));
    }

    @Test
    void httpServerRequestsExportHistogramBuckets() {
        given().get("/api/v1/categories").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("uri=\"/api/v1/categories\""));
    }

    @Test
    void openApiDescribesTheAreaApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/areas/{code}"))
                .body(containsString("/api/v1/areas/locate"));
    }

    @Test
    void eventContractIsServedAtQAsyncapiOutsideTheOpenApiDocument() {
        given().get("/q/asyncapi").then().statusCode(200).contentType(containsString("application/yaml"))
                .body(startsWith("asyncapi: 3.0.0"));
        given().queryParam("format", "json").get("/q/asyncapi").then().statusCode(200).contentType("application/json")
                .body("asyncapi", equalTo("3.0.0"))
                .body("channels.grid.address", equalTo("civicsafety.grid.v1"))
                .body("components.messages.incidentReported.name", equalTo("org.civicsafety.incident.reported.v1"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(not(containsString("/q/asyncapi")));
    }

    @Test
    void unknownPathIsProblemJson() {
        given().auth().oauth2(Tokens.admin()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
