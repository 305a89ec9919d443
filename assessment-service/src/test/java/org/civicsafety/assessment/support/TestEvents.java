package org.civicsafety.assessment.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Publishes real CloudEvents (binary mode, SDK serializer) the way grid-service and cases-service do. */
public final class TestEvents {
    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers",
            System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
    public static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, CloudEvent> producer;
    private static KafkaProducer<String, byte[]> rawProducer;

    private TestEvents() {}

    public static synchronized KafkaProducer<String, CloudEvent> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name());
            producer = new KafkaProducer<>(p, new StringSerializer(), new CloudEventSerializer());
        }
        return producer;
    }

    public static synchronized KafkaProducer<String, byte[]> rawProducer() {
        if (rawProducer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            rawProducer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return rawProducer;
    }

    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Publishes one event and waits for the broker's ack; returns its ce_id. */
    public static String publish(String topic, String key, String type, String source, ObjectNode data) {
        return publish(topic, key, type, source, data, UUID.randomUUID().toString());
    }

    public static String publish(String topic, String key, String type, String source, ObjectNode data, String ceId) {
        try {
            CloudEvent ev = CloudEventBuilder.v1().withId(ceId).withSource(URI.create(source)).withType(type)
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withSubject(key)
                    .withDataContentType("application/json").withData(JSON.writeValueAsBytes(data)).build();
            producer().send(new ProducerRecord<>(topic, key, ev)).get(10, TimeUnit.SECONDS);
            return ceId;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a record with exactly these headers (a producer's documented event, as it is on the wire). */
    public static void publishRecord(String topic, String key, Map<String, String> headers, byte[] value) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> r.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            rawProducer().send(r).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode area(String code, String name, String level, String parent, List<String> path,
            long population, long version) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", code).put("name", name).put("level", level).put("parentCode", parent)
                .put("population", population).put("responsibleUnit", "U-" + code).put("version", version)
                .put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        path.forEach(n.putArray("path")::add);
        return n;
    }

    public static void publishArea(String code, String name, String level, String parent, List<String> path,
            long population, long version) {
        publish("civicsafety.areas.v1", code, "org.civicsafety.area.upserted.v1", "/grid-service",
                area(code, name, level, parent, path, population, version));
    }

    /** A consumer positioned at the current end of every partition of a topic (to watch e.g. a DLQ). */
    public static KafkaConsumer<String, byte[]> tail(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo pi : c.partitionsFor(topic))
            tps.add(new TopicPartition(topic, pi.partition()));
        c.assign(tps);
        c.seekToEnd(tps);
        tps.forEach(c::position);
        return c;
    }

    /**
     * Polls until {@code count} records match. Every record read from a topic this service produces is validated
     * against its event contract (asyncapi.yaml) on the way, matching or not: a test that reads an event the
     * contract does not describe fails.
     */
    public static List<ConsumerRecord<String, byte[]>> await(KafkaConsumer<String, byte[]> c,
            Predicate<ConsumerRecord<String, byte[]>> match,
            int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end && found.size() < count) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                EventContract.OWN.verify(r);
                if (match.test(r))
                    found.add(r);
            }
        }
        return found;
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
