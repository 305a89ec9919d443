package org.civicsafety.grid.mediation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.civicsafety.grid.TopicProbe;
import org.civicsafety.grid.config.GridConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cases-service's mediation outcomes as they arrive on {@code civicsafety.cases.v1} (CloudEvents in binary mode, as
 * cases-service's outbox writes them): an agreement resolves the dispute it came from, once; everything else changes
 * nothing; a poison record is parked in the DLQ and the partition goes on.
 */
@QuarkusTest
class MediationOutcomeTest {
    static final String CASES = "civicsafety.cases.v1";
    static final String CONCLUDED = "org.civicsafety.mediation.concluded.v1";
    static final String RESOLVED = "org.civicsafety.incident.resolved.v1";
    static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, byte[]> producer;

    @Inject CasesEventConsumer consumer;
    @Inject AgroalDataSource ds;
    @Inject GridConfig config;

    record Parties(Fixtures.Hierarchy h, String citizen, String citizenSub, String handler, String supervisor) {}

    @BeforeEach
    void consumerHoldsItsPartitions() {
        // the test profile reads from the end of the topic: publish only once the start positions are fixed
        await().atMost(Duration.ofSeconds(60)).until(consumer::isAssigned);
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    static Parties parties() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String sub = "citizen-" + Fixtures.suffix();
        return new Parties(h, Tokens.token(sub, "citizen", null, null, null), sub,
                Tokens.token("h-" + Fixtures.suffix(), "handler", null, "unit-" + h.village(), null),
                Tokens.token("s-" + Fixtures.suffix(), "supervisor", h.county(), null, null));
    }

    /** A citizen's report of a neighbour dispute (group DISPUTE), dispatched to the village's unit; its id. */
    static String dispute(Parties p) {
        Map<String, Object> body = new HashMap<>();
        body.put("categoryCode", "NEIGHBOUR_DISPUTE");
        body.put("description", "邻居因噪音争执");
        body.put("lat", p.h().centerLat() + ThreadLocalRandom.current().nextDouble(-0.002, 0.002));
        body.put("lon", p.h().centerLon() + ThreadLocalRandom.current().nextDouble(-0.002, 0.002));
        body.put("attributes", Map.of("dispute_type", "noise"));
        body.put("reporter", Map.of("name", "张三丰", "phone", "13812345678"));
        return given().auth().oauth2(p.citizen()).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                .then().statusCode(201).body("state", equalTo("DISPATCHED")).extract().path("id");
    }

    static String mediationNumber() {
        return String.format("TJ-2026-%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** mediation-design.md's data of a mediation event. */
    static ObjectNode mediation(UUID mediationId, String number, String state, String outcome, String incidentId,
            long version) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediationId", mediationId.toString()).put("number", number).put("type", "PEOPLES")
                .put("areaCode", "V").putArray("path").add("C").add("T").add("V");
        d.put("level", "VILLAGE").put("state", state).put("outcome", outcome).putNull("referral")
                .put("sourceIncidentId", incidentId).putNull("sourceCaseId").put("partyCount", 2)
                .put("durationDays", 12).put("version", version)
                .put("occurredAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).toString());
        return d;
    }

    /** Publishes a CloudEvent in binary mode keyed by the mediation id, as cases-service does; returns its ce_id. */
    static String publish(String ceId, String type, ObjectNode data) throws Exception {
        String key = data.get("mediationId").asText();
        CloudEvent event = CloudEventBuilder.v1().withId(ceId).withSource(URI.create("/cases-service")).withType(type)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withSubject(key).withDataContentType("application/json")
                .withData(JSON.writeValueAsBytes(data)).build();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
        p.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name());
        try (KafkaProducer<String, CloudEvent> ce = new KafkaProducer<>(p, new StringSerializer(),
                new CloudEventSerializer())) {
            ce.send(new ProducerRecord<>(CASES, key, event)).get(10, TimeUnit.SECONDS);
        }
        return ceId;
    }

    static synchronized KafkaProducer<String, byte[]> raw() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /**
     * The DLQ from its current end, read without the event contract (TopicProbe's): its records are cases-service's
     * events.
     */
    static KafkaConsumer<String, String> tail(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    /** Waits until the consumer has recorded a ce_id, i.e. it read everything before it on that key's partition. */
    void awaitConsumed(String ceId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT 1 FROM consumed_event WHERE ce_id = ?")) {
                ps.setString(1, ceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    static Map<String, Object> incident(String token, String id) {
        return given().auth().oauth2(token).get("/api/v1/incidents/" + id).then().statusCode(200).extract().path("");
    }

    @Test
    void anAgreementResolvesTheDisputeOnceWithTheMediationsNumberAndAsksTheReporter() throws Exception {
        Parties p = parties();
        try (TopicProbe probe = new TopicProbe("civicsafety.grid.v1")) {
            String id = dispute(p);
            ConsumerRecord<String, String> reported = probe.await(
                    TopicProbe.keyAndType(id, "org.civicsafety.incident.reported.v1"), Duration.ofSeconds(20));
            assertTrue(reported.value().contains("\"categoryGroup\":\"DISPUTE\""), reported.value());

            UUID mediationId = UUID.randomUUID();
            String number = mediationNumber();
            String ceId = publish(UUID.randomUUID().toString(), CONCLUDED,
                    mediation(mediationId, number, "AGREED", "AGREED", id, 6));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "RESOLVED".equals(incident(p.supervisor(), id).get("state")));

            ConsumerRecord<String, String> resolved = probe.await(TopicProbe.keyAndType(id, RESOLVED),
                    Duration.ofSeconds(20));
            assertTrue(resolved.value().contains("\"onTime\":true"), resolved.value());
            assertTrue(resolved.value().contains("\"categoryGroup\":\"DISPUTE\""), resolved.value());
            given().auth().oauth2(p.supervisor()).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                    .body("items[-1].action", equalTo("RESOLVE_BY_MEDIATION"))
                    .body("items[-1].actor", equalTo("mediation")).body("items[-1].role", equalTo("system"))
                    .body("items[-1].fromState", equalTo("DISPATCHED")).body("items[-1].toState", equalTo("RESOLVED"))
                    .body("items[-1].note", equalTo("调解结案 " + number));
            // the reporter is told and asked for feedback exactly as after a handler's RESOLVE
            given().auth().oauth2(p.citizen()).get("/api/v1/me/notices").then().statusCode(200)
                    .body("items.type", hasItem("INCIDENT_RESOLVED"));
            given().auth().oauth2(p.citizen()).get("/api/v1/incidents/" + id).then()
                    .body("allowedActions", hasItem("CONFIRM"));
            long version = ((Number) incident(p.supervisor(), id).get("version")).longValue();

            // redelivered, then concluded again under a new id: the incident is no longer open, nothing changes
            publish(ceId, CONCLUDED, mediation(mediationId, number, "AGREED", "AGREED", id, 6));
            awaitConsumed(publish(UUID.randomUUID().toString(), CONCLUDED,
                    mediation(mediationId, number, "AGREED", "AGREED", id, 8)));
            assertEquals(1, probe.all(TopicProbe.keyAndType(id, RESOLVED), 2, Duration.ofSeconds(3)).size(),
                    "resolved once");
            assertEquals(version, ((Number) incident(p.supervisor(), id).get("version")).longValue());
        }
    }

    @Test
    void otherOutcomesTypesAndIncidentsChangeNothingUntilAnAgreement() throws Exception {
        Parties p = parties();
        String id = dispute(p);
        given().auth().oauth2(p.handler()).contentType(ContentType.JSON).body(Map.of("action", "START"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200);
        long version = ((Number) incident(p.supervisor(), id).get("version")).longValue();
        UUID mediationId = UUID.randomUUID();
        String number = mediationNumber();

        // one key, so one partition read in this order
        publish(UUID.randomUUID().toString(), "org.civicsafety.mediation.opened.v1",
                mediation(mediationId, number, "OPEN", null, id, 1));
        publish(UUID.randomUUID().toString(), CONCLUDED, mediation(mediationId, number, "ENDED", "FAILED", id, 4));
        publish(UUID.randomUUID().toString(), CONCLUDED, mediation(mediationId, number, "ENDED", "REFUSED", id, 5));
        publish(UUID.randomUUID().toString(), CONCLUDED, mediation(mediationId, number, "AGREED", "AGREED", null, 6));
        awaitConsumed(publish(UUID.randomUUID().toString(), CONCLUDED,
                mediation(mediationId, number, "AGREED", "AGREED", UUID.randomUUID().toString(), 7)));
        Map<String, Object> unchanged = incident(p.supervisor(), id);
        assertEquals("IN_PROGRESS", unchanged.get("state"));
        assertEquals(version, ((Number) unchanged.get("version")).longValue());

        // reopened and agreed again: now it resolves, from IN_PROGRESS
        publish(UUID.randomUUID().toString(), CONCLUDED, mediation(mediationId, number, "AGREED", "AGREED", id, 9));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "RESOLVED".equals(incident(p.supervisor(), id).get("state")));
        given().auth().oauth2(p.supervisor()).get("/api/v1/incidents/" + id + "/history").then()
                .body("items[-1].fromState", equalTo("IN_PROGRESS")).body("items[-1].note", equalTo("调解结案 " + number));
    }

    @Test
    void aPoisonRecordGoesToTheDlqWithItsHeadersAndThePartitionMovesOn() throws Exception {
        Parties p = parties();
        String id = dispute(p);
        UUID mediationId = UUID.randomUUID();
        String key = mediationId.toString();
        try (KafkaConsumer<String, String> dlq = tail(CASES + ".dlq")) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(CASES, key,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source", "/cases-service",
                    "ce_type", CONCLUDED, "content-type", "application/json")
                    .forEach((h, v) -> poison.headers().add(h, v.getBytes(StandardCharsets.UTF_8)));
            raw().send(poison).get(10, TimeUnit.SECONDS);
            // behind the poison record on the same partition
            publish(UUID.randomUUID().toString(), CONCLUDED,
                    mediation(mediationId, mediationNumber(), "AGREED", "AGREED", id, 6));

            ConsumerRecord<String, String> dead = null;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dead == null && System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        dead = r;
                    }
                }
            }
            assertNotNull(dead, "the poison record in the DLQ");
            assertEquals(config.kafka().groupId(), TopicProbe.header(dead, "dead-letter-consumer-group"));
            assertEquals(CASES, TopicProbe.header(dead, "dead-letter-topic"));
            assertEquals("5", TopicProbe.header(dead, "dead-letter-attempts"));
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("JsonParseException"),
                    TopicProbe.header(dead, "dead-letter-reason"));
            assertEquals(CONCLUDED, TopicProbe.header(dead, "ce_type"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "RESOLVED".equals(incident(p.supervisor(), id).get("state")));
        }
    }
}
