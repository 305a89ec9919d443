package org.civicsafety.cases.api;

import static org.civicsafety.cases.api.TestSupport.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The idempotent consumer of civicsafety.units.v1, and ASSIGN naming only units of the directory. */
@QuarkusTest
class UnitDirectoryTest {

    private static final String UNIT_UPSERTED = "org.civicsafety.unit.upserted.v1";
    private static final String TOPIC = "civicsafety.units.v1";

    @Inject DataSource ds;

    /** grid-service's documented examples (asyncapi.yaml) are stored as they say, under an id of this run. */
    @Test
    void theProducersExamplesAreApplied() throws Exception {
        EventContract grid = EventContract.of(Path.of("../grid-service/src/main/resources/asyncapi.yaml"));
        List<EventContract.Example> examples = grid.examples(UNIT_UPSERTED);
        assertFalse(examples.isEmpty(), "grid-service documents no unit.upserted example");
        awaitDirectoryConsumer();
        try (KafkaProducer<String, String> p = producer()) {
            for (EventContract.Example e : examples) {
                ObjectNode unit = e.payload().deepCopy();
                String id = "E" + suffix() + "-" + unit.path("id").asText();
                unit.put("id", id);
                Map<String, String> headers = new LinkedHashMap<>(e.headers());
                headers.put("ce_id", UUID.randomUUID().toString());
                headers.put("ce_subject", id);
                grid.validate(headers, unit.toString());
                send(p, TOPIC, id, headers, unit.toString());
                awaitUnit(ds, id, unit.path("version").asLong());
                JsonNode stored = new ObjectMapper().readTree(queryString(ds, """
                        SELECT json_build_object('id', id, 'name', name, 'nameEn', name_en, 'areaCode', area_code,
                            'kind', kind, 'active', active, 'noticeChannels', json_build_object('email', email,
                            'webhookUrl', webhook_url), 'version', version)::text FROM unit WHERE id = ?""", id));
                assertEquals(unit.deepCopy().retain("id", "name", "nameEn", "areaCode", "kind", "active",
                        "noticeChannels", "version"), stored);
            }
        }
    }

    @Test
    void duplicatesStaleVersionsUnknownTypesAndPoisonAreHandled() throws Exception {
        String id = "unit-UC" + suffix();
        awaitDirectoryConsumer();
        try (KafkaProducer<String, String> p = producer();
                TopicReader dlq = new TopicReader(TOPIC + ".dlq")) {
            String dup = publishUnit(p, id, "A1", true, 2);
            awaitUnit(ds, id, 2);
            // the same ce_id again with other content: already applied, skipped
            send(p, TOPIC, id, dup, UNIT_UPSERTED, unit(id, false, 3));
            // an older version: ignored
            publishUnit(p, id, "A0", false, 1);
            // an unknown type: ignored
            send(p, TOPIC, id, UUID.randomUUID().toString(), "org.civicsafety.unit.merged.v9", unit(id, false, 9));
            // poison (not JSON, no id): to the DLQ, the partition keeps moving
            String poisonKey = id + "-poison";
            send(p, TOPIC, poisonKey, UUID.randomUUID().toString(), UNIT_UPSERTED, "{not json");
            send(p, TOPIC, poisonKey, UUID.randomUUID().toString(), UNIT_UPSERTED, "{\"name\":\"no id\"}");
            publishUnit(p, id, "A4", false, 4);
            awaitUnit(ds, id, 4);
            assertEquals("A4|false", queryString(ds, "SELECT area_code || '|' || active FROM unit WHERE id = ?", id));
            String group = ConfigProvider.getConfig().getValue("cases.kafka.group-id", String.class);
            java.util.function.Predicate<ConsumerRecord<String, String>> ours = r -> poisonKey.equals(r.key())
                    && group.equals(header(r, DeadLetterHeaders.CONSUMER_GROUP));
            await().alias("both poison records are dead-lettered").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).pollInSameThread()
                    .until(() -> dlq.all().stream().filter(ours).count() == 2);
            assertEquals(TOPIC, header(dlq.all().stream().filter(ours).findFirst().orElseThrow(),
                    DeadLetterHeaders.TOPIC));
        }
    }

    private static String unit(String id, boolean active, long version) {
        return "{\"id\":\"" + id + "\",\"name\":\"n\",\"areaCode\":\"X\",\"kind\":\"OTHER\",\"active\":" + active
                + ",\"noticeChannels\":{\"email\":null,\"webhookUrl\":null},\"version\":" + version + "}";
    }

    @Test
    void assignNamesAnActiveUnitOfTheDirectory() throws Exception {
        Areas a = areas(ds);
        Callers who = callers(a, suffix());
        String id = as(who.citizen()).body(caseBody(a.village(), "ONLINE", "REQUEST_GRIEVANCE", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String path = "/api/v1/cases/" + id + "/transitions";

        String madeUp = "unit-made-up-" + suffix();
        problem(as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", madeUp, "unitAreaCode", a.village()))
                .post(path).then(), 400).body("type", endsWith("/validation"))
                .body("errors.field", equalTo(List.of("unitId")));
        String closed = "unit-closed-" + suffix();
        try (KafkaProducer<String, String> p = producer()) {
            publishUnit(p, closed, a.village(), false, 1);
        }
        awaitUnit(ds, closed, 1);
        problem(as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", closed, "unitAreaCode", a.village()))
                .post(path).then(), 400).body("errors.field", equalTo(List.of("unitId")));
        as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()))
                .post(path).then().statusCode(200).body("state", equalTo("ASSIGNED"))
                .body("unitId", equalTo(who.unit()));
    }
}
