package org.civicsafety.assessment.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.civicsafety.assessment.common.AssessmentConfig;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.EventContract;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Tokens;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event contract (asyncapi.yaml) and the code hold to each other: it documents exactly the types the code can
 * produce, on the topic the service writes, its examples keep its own schemas, the schemas refuse what they do not
 * describe, and every type the service really writes passes them ({@link TestEvents#await} checks every event a
 * test reads).
 */
@QuarkusTest
class EventContractTest {
    private static final EventContract CONTRACT = EventContract.OWN;

    @Inject AssessmentConfig config;
    @Inject EventConsumer consumer;

    @Test
    void documentsExactlyTheTypesTheCodeProducesOnItsTopic() {
        Set<String> produced = Arrays.stream(EventType.values()).map(EventType::ceType)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(produced, CONTRACT.types());
        assertEquals(Set.of(config.kafka().assessmentTopic()), CONTRACT.topics());

        JsonNode doc = CONTRACT.document();
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        Set<String> messages = new TreeSet<>();
        doc.path("components").path("messages").fieldNames().forEachRemaining(messages::add);
        doc.path("channels").forEach(channel -> {
            Set<String> listed = new TreeSet<>();
            channel.path("messages").properties().forEach(m -> {
                listed.add(m.getKey());
                assertEquals("#/components/messages/" + m.getKey(), m.getValue().path("$ref").asText());
            });
            assertEquals(messages, listed, "the channel lists every message");
        });
        doc.path("operations").forEach(op -> {
            assertEquals("send", op.path("action").asText());
            assertEquals(messages.size(), op.path("messages").size(), "the operation sends every message");
        });
    }

    @Test
    void everyMessageHasExamplesThatKeepItsSchemas() {
        Set<String> exemplified = new TreeSet<>();
        for (EventContract.Example e : CONTRACT.examples()) {
            exemplified.add(e.type());
            assertEquals(List.of(), CONTRACT.problems(e.headers(), e.payload().toString()), e.type() + " " + e.name());
            assertEquals(e.type(), e.headers().get("ce_type"), e.name());
        }
        assertEquals(CONTRACT.types(), exemplified);
    }

    @Test
    void theSchemasRefuseWhatTheyDoNotDescribe() {
        EventContract.Example score = example(EventType.SCORE_CHANGED);
        ObjectNode badGrade = score.payload().deepCopy();
        badGrade.put("grade", "GOOD");
        assertFalse(CONTRACT.problems(score.headers(), badGrade.toString()).isEmpty(), "grade outside the enum");
        ObjectNode noPeriod = score.payload().deepCopy();
        noPeriod.remove("period");
        assertFalse(CONTRACT.problems(score.headers(), noPeriod.toString()).isEmpty(), "a required field missing");
        ObjectNode extra = score.payload().deepCopy();
        extra.put("addedInAMinorVersion", true);
        assertEquals(List.of(), CONTRACT.problems(score.headers(), extra.toString()), "v1 only adds fields");

        Map<String, String> noId = new HashMap<>(score.headers());
        noId.remove("ce_id");
        assertFalse(CONTRACT.problems(noId, score.payload().toString()).isEmpty(), "ce_id is required");
        Map<String, String> otherSource = new HashMap<>(score.headers());
        otherSource.put("ce_source", "/grid-service");
        assertFalse(CONTRACT.problems(otherSource, score.payload().toString()).isEmpty(), "ce_source is fixed");
        Map<String, String> unknown = new HashMap<>(score.headers());
        unknown.put("ce_type", "org.civicsafety.score.teleported.v1");
        assertFalse(CONTRACT.problems(unknown, score.payload().toString()).isEmpty(), "undocumented type");

        EventContract.Example warning = example(EventType.WARNING_RAISED);
        ObjectNode reassess = warning.payload().deepCopy();
        reassess.put("type", "REASSESS").remove("assessmentId");
        assertFalse(CONTRACT.problems(warning.headers(), reassess.toString()).isEmpty(),
                "REASSESS names its assessment");
    }

    /** Drives the service to write every type and reads them from Kafka (validated as they are read). */
    @Test
    void everyTypeTheServiceWritesKeepsTheContract() throws Exception {
        ConsumerReady.await(consumer);
        try (KafkaConsumer<String, byte[]> out = TestEvents.tail(config.kafka().assessmentTopic())) {
            Flow.County c = Flow.county(1); // score.changed for the new township
            String town = c.towns().get(0);
            // a CRITICAL incident with a death: the one-vote veto, a VETO warning
            Flow.publishIncident("reported",
                    Flow.incident(UUID.randomUUID().toString(), 1, town, c.path(town), "CRITICAL", Flow.now())
                            .put("deaths", 1));
            String assessment = decidedAssessment(town, Tokens.token("supervisor", c.code()));

            Set<String> keys = Set.of(c.code(), town, assessment);
            Set<String> seen = new TreeSet<>();
            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>(TestEvents.await(out,
                    r -> keys.contains(r.key()) && seen.add(TestEvents.header(r, "ce_type")), EventType.values().length,
                    Duration.ofSeconds(30)));
            assertEquals(CONTRACT.types(), seen, "one event of every type was written and read: " + read.size());
            read.forEach(r -> assertTrue(CONTRACT.problems(r).isEmpty()));
        }
    }

    /** A risk assessment with one factor, decided. */
    private static String decidedAssessment(String area, String token) {
        String id = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("title", "Night market on the river bank", "decisionOwner", "Town government",
                        "areaCodes", List.of(area)))
                .when().post("/api/v1/risk-assessments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("dimension", "CONTROLLABILITY", "category", "SOCIAL_ENVIRONMENT", "description",
                        "crowds on the narrow embankment", "likelihood", 2, "consequence", 2))
                .when().post("/api/v1/risk-assessments/" + id + "/factors").then().statusCode(201);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("action", "DECIDE"))
                .when().post("/api/v1/risk-assessments/" + id + "/transitions").then().statusCode(200);
        return id;
    }

    @Test
    void theServiceServesTheContract() throws Exception {
        JsonNode file;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            file = new YAMLMapper().readTree(in);
        }
        String yaml = given().when().get("/q/asyncapi").then().statusCode(200).contentType("application/yaml")
                .extract().asString();
        assertEquals(file, new YAMLMapper().readTree(yaml));
        String json = given().queryParam("format", "json").when().get("/q/asyncapi").then().statusCode(200)
                .contentType("application/json").extract().asString();
        assertEquals(file, new ObjectMapper().readTree(json));
        // a route of its own, not an operation of the HTTP contract
        JsonNode openapi = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        assertFalse(openapi.path("paths").has("/q/asyncapi"));
    }

    private static EventContract.Example example(EventType type) {
        return CONTRACT.examples().stream().filter(e -> e.type().equals(type.ceType())).findFirst().orElseThrow();
    }
}
