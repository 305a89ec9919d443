package org.civicsafety.assessment.area;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.civicsafety.assessment.common.DeadLetterHeaders;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import org.civicsafety.assessment.support.Wait;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AreaConsumerTest {
    @Inject EventConsumer consumer;
    @Inject org.civicsafety.assessment.common.AssessmentConfig config;

    String s;
    String county;
    String town;

    @BeforeEach
    void setUp() {
        ConsumerReady.await(consumer);
        s = TestEvents.suffix();
        county = "C" + s;
        town = county + "-T01";
        TestEvents.publishArea(county, "County " + s, "COUNTY", null, List.of(county), 500_000, 1);
        TestEvents.publishArea(town, "Town 1", "TOWNSHIP", county, List.of(county, town), 40_000, 1);
    }

    private List<String> childCodes(String parent) {
        return given().auth().oauth2(Tokens.admin()).queryParam("parentCode", parent)
                .when().get("/api/v1/scores").then().statusCode(200).extract().jsonPath().getList("items.areaCode");
    }

    @Test
    void consumedAreasFormTheHierarchy() {
        String town2 = county + "-T02";
        String village = town + "-V01";
        TestEvents.publishArea(town2, "Town 2", "TOWNSHIP", county, List.of(county, town2), 30_000, 1);
        TestEvents.publishArea(village, "Village 1", "VILLAGE", town, List.of(county, town, village), 3_000, 1);

        Wait.untilAsserted(Duration.ofSeconds(20), () -> {
            assertEquals(List.of(town, town2), childCodes(county));
            assertEquals(List.of(village), childCodes(town));
        });
        given().auth().oauth2(Tokens.admin()).queryParam("parentCode", county)
                .when().get("/api/v1/scores").then().statusCode(200)
                .body("items[0].name", equalTo("Town 1"))
                .body("items[0].level", equalTo("TOWNSHIP"))
                .body("items[0].population", equalTo(40000))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void staleVersionsAndDuplicateIdsAreIgnored() {
        String ceId = UUID.randomUUID().toString();
        TestEvents.publish("civicsafety.areas.v1", town, "org.civicsafety.area.upserted.v1", "/grid-service",
                TestEvents.area(town, "Renamed", "TOWNSHIP", county, List.of(county, town), 41_000, 3), ceId);
        // Older version: must not overwrite.
        TestEvents.publishArea(town, "Stale", "TOWNSHIP", county, List.of(county, town), 1, 2);
        // Same ce_id again with a newer version: a redelivery, must not be applied twice.
        TestEvents.publish("civicsafety.areas.v1", town, "org.civicsafety.area.upserted.v1", "/grid-service",
                TestEvents.area(town, "Redelivered", "TOWNSHIP", county, List.of(county, town), 1, 9), ceId);
        // A later marker proves everything before it on the partition (same key) was consumed.
        TestEvents.publishArea(town + "-V09", "Marker", "VILLAGE", town, List.of(county, town, town + "-V09"), 10, 1);
        Wait.until(Duration.ofSeconds(20), () -> childCodes(town).contains(town + "-V09"));
        given().auth().oauth2(Tokens.admin()).queryParam("parentCode", county)
                .when().get("/api/v1/scores").then().statusCode(200)
                .body("items.name", contains("Renamed"))
                .body("items.population", contains(41000));
    }

    @Test
    void poisonMessageGoesToTheDlqAndTheNextMessageIsApplied() throws Exception {
        try (KafkaConsumer<String, byte[]> dlq = TestEvents.tail("civicsafety.areas.v1.dlq")) {
            String poisonKey = "POISON-" + s;
            // Valid CloudEvent, but data without code/version: fails on every attempt.
            var bad = TestEvents.JSON.createObjectNode().put("name", "no code");
            TestEvents.publish("civicsafety.areas.v1", poisonKey, "org.civicsafety.area.upserted.v1", "/grid-service",
                    bad);
            // Not a CloudEvent at all.
            TestEvents.rawProducer().send(new ProducerRecord<>("civicsafety.areas.v1", poisonKey + "-RAW",
                    "{garbage".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            // An unknown type is ignored, not dead-lettered.
            TestEvents.publish("civicsafety.areas.v1", poisonKey + "-UNKNOWN", "org.civicsafety.area.teleported.v1",
                    "/grid-service", bad);
            String good = town + "-V02";
            TestEvents.publishArea(good, "After poison", "VILLAGE", town, List.of(county, town, good), 100, 1);

            List<ConsumerRecord<String, byte[]>> dead = TestEvents.await(dlq,
                    r -> r.key() != null && r.key().startsWith(poisonKey) && mine(r), 2, Duration.ofSeconds(30));
            assertEquals(2, dead.size(), "both poison records are dead-lettered");
            for (ConsumerRecord<String, byte[]> r : dead) {
                assertEquals("5", TestEvents.header(r, DeadLetterHeaders.ATTEMPTS));
                assertTrue(TestEvents.header(r, DeadLetterHeaders.REASON).length() > 3);
                assertEquals("civicsafety.areas.v1", TestEvents.header(r, DeadLetterHeaders.TOPIC));
                assertNotNull(TestEvents.header(r, DeadLetterHeaders.PARTITION));
                assertNotNull(TestEvents.header(r, DeadLetterHeaders.OFFSET));
            }
            Wait.until(Duration.ofSeconds(20), () -> childCodes(town).contains(good));
            // The good message came after the unknown type on the topic; nothing else reached the DLQ.
            assertTrue(TestEvents.await(dlq, r -> r.key() != null && r.key().startsWith(poisonKey) && mine(r), 1,
                    Duration.ofSeconds(1)).isEmpty(), "the unknown type is ignored, not dead-lettered");
        }
    }

    /** Other services consume the same topic and dead-letter into the same DLQ. */
    private boolean mine(ConsumerRecord<String, byte[]> r) {
        return config.kafka().groupId().equals(TestEvents.header(r, DeadLetterHeaders.CONSUMER_GROUP));
    }

    @Test
    void scopeAndAuthentication() {
        String town2 = county + "-T02";
        TestEvents.publishArea(town2, "Town 2", "TOWNSHIP", county, List.of(county, town2), 30_000, 1);
        Wait.until(Duration.ofSeconds(20), () -> childCodes(county).size() == 2);

        // An analyst of town 1 sees only their own subtree among the county's children.
        given().auth().oauth2(Tokens.token("analyst", town)).queryParam("parentCode", county)
                .when().get("/api/v1/scores").then().statusCode(200).body("items.areaCode", contains(town));
        given().auth().oauth2(Tokens.token("supervisor", county)).queryParam("parentCode", county)
                .when().get("/api/v1/scores").then().statusCode(200)
                .body("items.areaCode", containsInAnyOrder(town, town2));
        // Outside the subtree: not revealed.
        given().auth().oauth2(Tokens.token("analyst", "ELSEWHERE-" + s)).queryParam("parentCode", county)
                .when().get("/api/v1/scores").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.token("citizen", county)).queryParam("parentCode", county)
                .when().get("/api/v1/scores").then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
        given().queryParam("parentCode", county)
                .when().get("/api/v1/scores").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).queryParam("parentCode", "NOPE-" + s)
                .when().get("/api/v1/scores").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://civicsafety.org/problems/not-found"));
    }

    @Test
    void pagingAndBadParameters() {
        String town2 = county + "-T02";
        TestEvents.publishArea(town2, "Town 2", "TOWNSHIP", county, List.of(county, town2), 30_000, 1);
        Wait.until(Duration.ofSeconds(20), () -> childCodes(county).size() == 2);
        String next = given().auth().oauth2(Tokens.admin()).queryParam("parentCode", county).queryParam("limit", 1)
                .when().get("/api/v1/scores").then().statusCode(200).body("items", hasSize(1))
                .extract().path("nextCursor");
        given().auth().oauth2(Tokens.admin()).queryParam("parentCode", county).queryParam("limit", 1)
                .queryParam("cursor", next)
                .when().get("/api/v1/scores").then().statusCode(200).body("items.areaCode", contains(town2))
                .body("nextCursor", equalTo(null));
        given().auth().oauth2(Tokens.admin()).queryParam("parentCode", county).queryParam("cursor", "%%bad")
                .when().get("/api/v1/scores").then().statusCode(400)
                .contentType(ContentType.fromContentType("application/problem+json"))
                .body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(Tokens.admin()).queryParam("parentCode", county).queryParam("limit", "lots")
                .when().get("/api/v1/scores").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }
}
