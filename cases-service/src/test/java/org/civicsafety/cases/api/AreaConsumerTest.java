package org.civicsafety.cases.api;

import static org.civicsafety.cases.api.TestSupport.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.civicsafety.cases.common.DeadLetterHeaders;
import org.civicsafety.cases.outbox.EventContract;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The idempotent consumer of civicsafety.areas.v1. */
@QuarkusTest
class AreaConsumerTest {

    private static final String AREA_UPSERTED = "org.civicsafety.area.upserted.v1";

    @Inject DataSource ds;

    private void awaitName(String code, String name) {
        await().alias(code + " gets the name " + name).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> queryString(ds, "SELECT name FROM area WHERE code = ?", code), equalTo(name));
    }

    private static String area(String code, String name, long version) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"level\":\"village\",\"parentCode\":\"P\","
                + "\"path\":[\"P\",\"" + code + "\"],\"population\":5,\"responsibleUnit\":\"u\",\"version\":" + version
                + "}";
    }

    /**
     * What grid-service documents as its area events (the examples of its asyncapi.yaml) is what this consumer
     * stores. The codes get a prefix of this run (the hierarchy is the example's) and the event a fresh ce_id, so the
     * example is new each time; everything else is sent as documented.
     */
    @Test
    void theProducersExamplesAreApplied() throws Exception {
        EventContract grid = EventContract.of(Path.of("../grid-service/src/main/resources/asyncapi.yaml"));
        List<EventContract.Example> examples = grid.examples(AREA_UPSERTED);
        assertFalse(examples.isEmpty(), "grid-service documents no area.upserted example");
        awaitDirectoryConsumer();
        String citizen = token("citizen-" + suffix(), "citizen", null, null);
        try (KafkaProducer<String, String> p = producer()) {
            for (EventContract.Example e : examples) {
                String prefix = "E" + suffix() + "-";
                ObjectNode area = e.payload().deepCopy();
                String code = prefix + area.path("code").asText();
                area.put("code", code);
                if (area.hasNonNull("parentCode")) {
                    area.put("parentCode", prefix + area.path("parentCode").asText());
                }
                ArrayNode path = area.putArray("path");
                e.payload().path("path").forEach(c -> path.add(prefix + c.asText()));
                Map<String, String> headers = new LinkedHashMap<>(e.headers());
                headers.put("ce_id", UUID.randomUUID().toString());
                headers.put("ce_subject", code);
                grid.validate(headers, area.toString());
                send(p, "civicsafety.areas.v1", code, headers, area.toString());

                awaitName(code, area.path("name").asText());
                JsonNode stored = new ObjectMapper().readTree(queryString(ds, """
                        SELECT json_build_object('code', code, 'name', name, 'level', level, 'parentCode', parent_code,
                            'path', path, 'population', population, 'responsibleUnit', responsible_unit,
                            'version', version)::text FROM area WHERE code = ?""", code));
                assertEquals(area.deepCopy().retain("code", "name", "level", "parentCode", "path", "population",
                        "responsibleUnit", "version"), stored);
                // and a petition can be registered there
                as(citizen).body(caseBody(code, "ONLINE", "SUGGESTION", randomPhone())).post("/api/v1/cases").then()
                        .statusCode(201).body("areaCode", equalTo(code));
            }
        }
    }

    @Test
    void duplicatesStaleVersionsUnknownTypesAndPoisonAreHandled() throws Exception {
        String code = "AC" + suffix();
        String type = AREA_UPSERTED;
        awaitDirectoryConsumer();
        try (KafkaProducer<String, String> p = producer();
                TopicReader dlq = new TopicReader("civicsafety.areas.v1.dlq")) {
            String dup = UUID.randomUUID().toString();
            send(p, "civicsafety.areas.v1", code, dup, type, area(code, "v2", 2));
            awaitName(code, "v2");
            // Same ce_id again with other content: already applied, skipped.
            send(p, "civicsafety.areas.v1", code, dup, type, area(code, "replayed", 3));
            // An older version: ignored.
            send(p, "civicsafety.areas.v1", code, UUID.randomUUID().toString(), type, area(code, "stale", 1));
            // An unknown type: ignored.
            send(p, "civicsafety.areas.v1", code, UUID.randomUUID().toString(), "org.civicsafety.area.deleted.v9",
                    area(code, "unknown", 9));
            // Poison: goes to the DLQ with the error, the partition keeps moving.
            String poisonKey = code + "-poison";
            send(p, "civicsafety.areas.v1", poisonKey, UUID.randomUUID().toString(), type, "{not json");
            // A newer version after all that is applied: proof the consumer went on.
            send(p, "civicsafety.areas.v1", code, UUID.randomUUID().toString(), type, area(code, "v4", 4));
            awaitName(code, "v4");
            assertEquals(4, queryLong(ds, "SELECT version FROM area WHERE code = ?", code));
            assertEquals("{P," + code + "}", queryString(ds, "SELECT path::text FROM area WHERE code = ?", code));
            // Other services consuming the areas topic may dead-letter the same poison: count only ours.
            String group = ConfigProvider.getConfig().getValue("cases.kafka.group-id", String.class);
            java.util.function.Predicate<ConsumerRecord<String, String>> ours = r -> poisonKey.equals(r.key())
                    && group.equals(header(r, DeadLetterHeaders.CONSUMER_GROUP));
            await().alias("the poison is dead-lettered").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .pollInSameThread() // the reader's KafkaConsumer is not for sharing between threads
                    .until(() -> dlq.all().stream().anyMatch(ours));
            // exactly one, and still one a second later: a duplicate would show up by then
            await().alias("the poison is dead-lettered once").during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).pollInSameThread()
                    .untilAsserted(() -> assertEquals(1, dlq.all().stream().filter(ours).count()));
            List<ConsumerRecord<String, String>> dead = dlq.all().stream().filter(ours).toList();
            assertEquals(1, dead.size());
            ConsumerRecord<String, String> parked = dead.get(0);
            assertNotNull(header(parked, DeadLetterHeaders.REASON));
            assertEquals("1", header(parked, DeadLetterHeaders.ATTEMPTS), "malformed: not retried");
            assertEquals("civicsafety.areas.v1", header(parked, DeadLetterHeaders.TOPIC));
            assertNotNull(header(parked, DeadLetterHeaders.PARTITION));
            assertNotNull(header(parked, DeadLetterHeaders.OFFSET));
            assertEquals("{not json", dead.get(0).value());
        }
    }
}
