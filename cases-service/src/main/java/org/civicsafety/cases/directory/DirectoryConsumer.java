package org.civicsafety.cases.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.civicsafety.cases.common.CasesConfig;
import org.civicsafety.cases.common.DeadLetterHeaders;
import org.civicsafety.cases.messaging.KafkaClients;
import org.jboss.logging.Logger;

/**
 * Idempotent consumer of what cases-service learns from grid-service ({@link Directory}: {@code civicsafety.areas.v1},
 * {@code civicsafety.units.v1}, the incidents of {@code civicsafety.grid.v1}): each poll's upserts of a directory in one DB transaction (ce_ids + upserts);
 * offsets are committed only after the DB commit; a record failing 5 times goes to the DLQ with the error in its
 * headers so the partition keeps moving.
 */
@ApplicationScoped
public class DirectoryConsumer {

    private static final Logger LOG = Logger.getLogger(DirectoryConsumer.class);
    private static final int MAX_ATTEMPTS = 5;

    @Inject CasesConfig config;
    @Inject
    @Any Instance<Directory<?>> directories;
    @Inject ObjectMapper mapper;
    @Inject KafkaClients clients;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);

    void start(@Observes StartupEvent ev) {
        if (!config.kafka().consumerEnabled()) {
            return;
        }
        running.set(true);
        thread = new Thread(this::run, "directory-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The consumer is built on its own thread (creating Kafka clients is a tenth of the main thread's start), and
     * built again a second later if that failed (an unresolvable broker address), as a poll that failed is retried.
     */
    private void run() {
        while (running.get() && consumer == null) {
            try {
                consumer = clients.consumer();
            } catch (RuntimeException e) {
                LOG.warnf("directory consumer could not be created (will retry): %s", e.getMessage());
                sleep(1000);
            }
        }
        if (consumer != null) {
            loop();
        }
    }

    /**
     * Waits until the consumer has partitions and knows where it starts reading. With
     * {@code cases.kafka.directory-offset-reset=latest} (tests) an area or unit must be published only after this.
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        try {
            consumer.subscribe(directories.stream().map(Directory::topic).toList(), new ConsumerRebalanceListener() {
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
                    LOG.warnf("directory consumer poll failed: %s", e.getClass().getSimpleName());
                    sleep(1000);
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                for (Directory<?> directory : directories) {
                    consume(directory, records.records(directory.topic()));
                }
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

    /** A directory's records of one poll: the parsed upserts applied, the malformed ones to the DLQ at once. */
    private <E> void consume(Directory<E> directory, Iterable<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> pending = new ArrayList<>();
        List<Directory.Received<E>> parsed = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                Directory.Received<E> upsert = parse(directory, r);
                if (upsert != null) {
                    pending.add(r);
                    parsed.add(upsert);
                }
            } catch (RuntimeException | java.io.IOException e) {
                // Malformed: retrying cannot help, so it goes to the DLQ at once.
                sendToDlq(r, e, 1);
            }
        }
        applyBatch(directory, pending, parsed);
    }

    /** The whole batch in one transaction; if that fails, record by record with retries, then the DLQ. */
    private <E> void applyBatch(Directory<E> directory, List<ConsumerRecord<String, byte[]>> records,
            List<Directory.Received<E>> parsed) {
        if (parsed.isEmpty()) {
            return;
        }
        try {
            directory.apply(parsed);
            return;
        } catch (Exception e) {
            LOG.warnf("%s batch failed, applying one by one: %s", directory.topic(), e.getClass().getSimpleName());
        }
        for (int i = 0; i < records.size(); i++) {
            Exception last = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                try {
                    directory.apply(List.of(parsed.get(i)));
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

    /** The upsert a record carries; null for other types (ignored); throws when malformed. */
    private <E> Directory.Received<E> parse(Directory<E> directory, ConsumerRecord<String, byte[]> r)
            throws java.io.IOException {
        if (!directory.accepts(header(r, "ce_type"))) {
            return null;
        }
        String ceId = header(r, "ce_id");
        if (ceId == null || ceId.isBlank()) {
            throw new IllegalArgumentException("missing ce_id");
        }
        if (r.value() == null) {
            throw new IllegalArgumentException("empty value");
        }
        JsonNode d = mapper.readTree(r.value());
        if (d == null || !d.isObject()) {
            throw new IllegalArgumentException("the data is not a JSON object");
        }
        if (d.has("version") && !d.get("version").canConvertToLong()) {
            throw new IllegalArgumentException("version is not a number");
        }
        return new Directory.Received<>(ceId, directory.parse(d));
    }

    private void sendToDlq(ConsumerRecord<String, byte[]> r, Exception error, int attempts) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(r.topic() + ".dlq", r.key(), r.value());
        for (Header h : r.headers()) {
            out.headers().add(h);
        }
        DeadLetterHeaders.add(out.headers(), r, error, attempts, config.kafka().groupId());
        try {
            clients.producer().send(out).get();
            LOG.warnf("event at %s-%d@%d sent to DLQ", r.topic(), r.partition(), r.offset());
        } catch (Exception e) {
            // The DLQ itself is down: keep going rather than stall the partition on a poison record.
            LOG.errorf("could not send a poison event to the DLQ: %s", e.getClass().getSimpleName());
        }
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
