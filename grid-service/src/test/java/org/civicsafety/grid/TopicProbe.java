package org.civicsafety.grid;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads a topic from its current end (positions taken at construction), so a test sees only what it
 * caused afterwards. Plain KafkaConsumer, no consumer group offsets committed. Every record it hands to a test is
 * checked against the event contract first ({@link EventContract}); records of other tests are left alone.
 */
public class TopicProbe implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicProbe(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "grid-service-test-probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
    }

    /** Waits up to {@code timeout} for a record matching the predicate. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        for (ConsumerRecord<String, String> r : seen) {
            if (match.test(r)) {
                return checked(r);
            }
        }
        while (System.nanoTime() < end) {
            ConsumerRecord<String, String> found = null;
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(r);
                if (found == null && match.test(r)) {
                    found = r;
                }
            }
            if (found != null) {
                return checked(found);
            }
        }
        throw new AssertionError("no matching record within " + timeout);
    }

    public List<ConsumerRecord<String, String>> all(Predicate<ConsumerRecord<String, String>> match,
            int expected, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end && seen.stream().filter(match).count() < expected) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen.stream().filter(match).map(TopicProbe::checked).toList();
    }

    private static ConsumerRecord<String, String> checked(ConsumerRecord<String, String> r) {
        EventContract.validate(r);
        return r;
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static Predicate<ConsumerRecord<String, String>> keyAndType(String key, String type) {
        return r -> key.equals(r.key()) && type.equals(header(r, "ce_type"));
    }

    /** Key, type and a fragment of the JSON value (e.g. {@code "version":2}). */
    public static Predicate<ConsumerRecord<String, String>> event(String key, String type, String fragment) {
        return keyAndType(key, type).and(r -> r.value() != null && r.value().contains(fragment));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

}
