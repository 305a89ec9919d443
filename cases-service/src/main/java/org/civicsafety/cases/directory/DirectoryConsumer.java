package org.civicsafety.cases.area;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicsafety.cases.common.CasesConfig;
import org.civicsafety.cases.common.DeadLetterHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Idempotent consumer of {@code civicsafety.areas.v1}: one record, one DB transaction (ce_id +
 * upsert); offsets are committed only after the DB commit; a record failing 5 times goes to the
 * DLQ with the error in its headers so the partition keeps moving.
 */
@ApplicationScoped
public class AreaConsumer {

    private static final Logger LOG = Logger.getLogger(AreaConsumer.class);
    static final String AREA_UPSERTED = "org.civicsafety.area.upserted.v1";
    private static final int MAX_ATTEMPTS = 5;

    @Inject CasesConfig config;
    @Inject AreaDirectory areas;
    @Inject ObjectMapper mapper;
    @Inject MeterRegistry registry;
    @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap;

    private final AtomicBoolean running = new AtomicBoolean();
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> dlq;
    private Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);

    void start(@Observes StartupEvent ev) {
        if (!config.kafka().consumerEnabled()) {
            return;
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.kafka().areasOffsetReset());
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        new KafkaClientMetrics(consumer).bindTo(registry);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        dlq = new KafkaProducer<>(p);
        new KafkaClientMetrics(dlq).bindTo(registry);
        running.set(true);
        thread = new Thread(this::loop, "areas-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until the consumer has partitions and knows where it starts reading. With
     * {@code cases.kafka.areas-offset-reset=latest} (tests) an area must be published only after this.
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        running.set(false);
        if (consumer != null) {
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dlq.close(Duration.ofSeconds(2));
        }
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(config.kafka().areasTopic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // offsets are committed after every poll; nothing to flush
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // Resolve the start offsets now (auto.offset.reset), so "assigned" means every record
                    // published from this point on will be read, even when starting at the end of the topic.
                    partitions.forEach(consumer::position);
                    if (!partitions.isEmpty()) {
                        assigned.countDown();
                    }
                }
            });
            while (running.get()) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.warnf("area consumer poll failed: %s", e.getClass().getSimpleName());
                    sleep(1000);
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                List<ConsumerRecord<String, byte[]>> pending = new ArrayList<>();
                List<AreaDirectory.Received> parsed = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    try {
                        AreaDirectory.Received area = parse(r);
                        if (area != null) {
                            pending.add(r);
                            parsed.add(area);
                        }
                    } catch (RuntimeException | java.io.IOException e) {
                        // Malformed: retrying cannot help, so it goes to the DLQ at once.
                        sendToDlq(r, e, 1);
                    }
                }
                applyBatch(pending, parsed);
                if (!done.isEmpty()) {
                    try {
                        consumer.commitSync(done);
                    } catch (WakeupException e) {
                        consumer.commitSync(done);
                        break;
                    } catch (RuntimeException e) {
                        // Not committed: the records are re-delivered and skipped by their ce_id.
                        LOG.warnf("offset commit failed: %s", e.getClass().getSimpleName());
                    }
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** The whole poll in one transaction; if that fails, record by record with retries, then the DLQ. */
    private void applyBatch(List<ConsumerRecord<String, byte[]>> records, List<AreaDirectory.Received> parsed) {
        try {
            areas.apply(parsed);
            return;
        } catch (Exception e) {
            LOG.warnf("area batch failed, applying one by one: %s", e.getClass().getSimpleName());
        }
        for (int i = 0; i < records.size(); i++) {
            Exception last = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                try {
                    areas.apply(List.of(parsed.get(i)));
                    last = null;
                    break;
                } catch (Exception e) {
                    last = e;
                    if (attempt < MAX_ATTEMPTS) {
                        sleep(100L << (attempt - 1));
                    }
                }
            }
            if (last != null) {
                sendToDlq(records.get(i), last, MAX_ATTEMPTS);
            }
        }
    }

    /** The area of an upsert event; null for other types (ignored); throws when malformed. */
    AreaDirectory.Received parse(ConsumerRecord<String, byte[]> r) throws java.io.IOException {
        String type = header(r, "ce_type");
        String ceId = header(r, "ce_id");
        if (!AREA_UPSERTED.equals(type)) {
            return null;
        }
        if (ceId == null || ceId.isBlank()) {
            throw new IllegalArgumentException("missing ce_id");
        }
        if (r.value() == null) {
            throw new IllegalArgumentException("empty value");
        }
        JsonNode d = mapper.readTree(r.value());
        if (d == null || !d.hasNonNull("code") || !d.get("code").isTextual() || d.get("code").asText().isBlank()) {
            throw new IllegalArgumentException("area event without code");
        }
        if (d.has("version") && !d.get("version").canConvertToLong()) {
            throw new IllegalArgumentException("version is not a number");
        }
        List<String> path = new ArrayList<>();
        if (d.has("path") && d.get("path").isArray()) {
            d.get("path").forEach(n -> path.add(n.asText()));
        }
        return new AreaDirectory.Received(ceId, new AreaDirectory.AreaEvent(
                d.get("code").asText(), text(d, "name"), text(d, "level"), text(d, "parentCode"), path,
                d.hasNonNull("population") && d.get("population").canConvertToLong() ? d.get("population").asLong()
                        : null,
                text(d, "responsibleUnit"), d.hasNonNull("version") ? d.get("version").asLong() : 0L));
    }

    private void sendToDlq(ConsumerRecord<String, byte[]> r, Exception error, int attempts) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(r.topic() + ".dlq", r.key(), r.value());
        for (Header h : r.headers()) {
            out.headers().add(h);
        }
        DeadLetterHeaders.add(out.headers(), r, error, attempts, config.kafka().groupId());
        try {
            dlq.send(out).get();
            LOG.warnf("area event at %s-%d@%d sent to DLQ", r.topic(), r.partition(), r.offset());
        } catch (Exception e) {
            // The DLQ itself is down: keep going rather than stall the partition on a poison record.
            LOG.errorf("could not send a poison area event to the DLQ: %s", e.getClass().getSimpleName());
        }
    }

    private static String text(JsonNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).asText() : null;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
