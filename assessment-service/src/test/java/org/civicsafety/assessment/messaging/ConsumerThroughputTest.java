package org.civicsafety.assessment.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.civicsafety.assessment.common.AssessmentConfig;
import org.civicsafety.assessment.common.DeadLetterHeaders;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Sql;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A fresh instance must catch up on the compacted hierarchy (tens of thousands of area events) in seconds:
 * publishes a burst of area events (5,000 by default, `-Dcivic.throughput-events=20000` for the full
 * measurement) with one poison record in the middle and times how long until all are in the hierarchy.
 */
@QuarkusTest
class ConsumerThroughputTest {
    static final String AREAS = "civicsafety.areas.v1";

    @Inject EventConsumer consumer;
    @Inject AssessmentConfig config;
    @Inject Sql sql;

    @Test
    void aBurstOfAreaEventsIsAppliedInBatchesAndOnlyThePoisonRecordIsDeadLettered() throws Exception {
        ConsumerReady.await(consumer);
        int total = Integer.getInteger("civic.throughput-events", 5_000);
        String county = "TP" + TestEvents.suffix();
        int perTown = 200;
        try (KafkaConsumer<String, byte[]> dlq = TestEvents.tail(AREAS + ".dlq")) {
            long t0 = System.nanoTime();
            send(county, null, "COUNTY", List.of(county));
            int sent = 1;
            String poisonKey = county + "-POISON";
            for (int t = 1; sent < total; t++) {
                String town = county + "-T" + t;
                send(town, county, "TOWNSHIP", List.of(county, town));
                sent++;
                for (int v = 1; v <= perTown && sent < total; v++, sent++) {
                    String village = town + "-V" + v;
                    send(village, town, "VILLAGE", List.of(county, town, village));
                }
                if (t == 3) {
                    // Data without code/version: fails on every attempt, amid hundreds of good records.
                    TestEvents.producer().send(new ProducerRecord<>(AREAS, poisonKey, event(poisonKey,
                            TestEvents.JSON.createObjectNode().put("name", "no code"))));
                }
            }
            TestEvents.producer().flush();
            long published = System.nanoTime();
            long appliedWhilePublishing = count(county);
            Wait.until(Duration.ofSeconds(120), Duration.ofMillis(100), () -> count(county) == total);
            long done = System.nanoTime();
            double seconds = (done - t0) / 1e9;
            System.out.printf(
                    "consumer throughput: %d area events published in %.1f s, all applied after %.1f s (%.0f events/s);"
                            + " the %d left when publishing ended took %.1f s (%.0f events/s)%n",
                    total, (published - t0) / 1e9, seconds, total / seconds, total - appliedWhilePublishing,
                    (done - published) / 1e9, (total - appliedWhilePublishing) / ((done - published) / 1e9));

            List<ConsumerRecord<String, byte[]>> dead = TestEvents.await(dlq, r -> poisonKey.equals(r.key())
                    && config.kafka().groupId().equals(TestEvents.header(r, DeadLetterHeaders.CONSUMER_GROUP)), 1,
                    Duration.ofSeconds(20));
            assertEquals(1, dead.size(), "the poison record is dead-lettered");
            assertEquals("5", TestEvents.header(dead.get(0), DeadLetterHeaders.ATTEMPTS));
        } finally {
            // The snapshot job (and every later model activation) would otherwise spend the rest of the test run
            // scoring these synthetic groups.
            sql.execute("DELETE FROM dirty_group WHERE parent_code LIKE ?", county + "%");
            sql.execute("DELETE FROM area_score WHERE area_code LIKE ?", county + "%");
            sql.execute("DELETE FROM area WHERE path[1] = ?", county);
        }
    }

    private static void send(String code, String parent, String level, List<String> path) throws Exception {
        TestEvents.producer().send(new ProducerRecord<>(AREAS, code,
                event(code, TestEvents.area(code, "Area " + code, level, parent, path, 1_000, 1))));
    }

    private static CloudEvent event(String key, com.fasterxml.jackson.databind.node.ObjectNode data) throws Exception {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/grid-service"))
                .withType("org.civicsafety.area.upserted.v1").withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withSubject(key).withDataContentType("application/json")
                .withData(TestEvents.JSON.writeValueAsBytes(data)).build();
    }

    private long count(String county) throws Exception {
        return sql.count("SELECT count(*) FROM area WHERE path[1] = ?", county);
    }
}
