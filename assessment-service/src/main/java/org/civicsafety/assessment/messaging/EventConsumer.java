package org.civicsafety.assessment.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.civicsafety.assessment.common.AssessmentConfig;
import org.civicsafety.assessment.common.Db;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The idempotent consumer of areas, grid and cases events. One thread, manual commits:
 * each record is applied in one DB transaction together with its ce_id; offsets are committed only after
 * the DB commit; a failing record is retried with exponential backoff and then parked in `<topic>.dlq`
 * so one poison message never stops its partition.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    KafkaClients clients;
    @Inject
    AssessmentConfig config;
    @Inject
    Db db;
    @Inject
    ObjectMapper mapper;
    @Inject
    Instance<EventHandler> handlers;

    private volatile boolean running;
    private volatile boolean assigned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        if (!config.kafka().consumerEnabled()) return;
        running = true;
        thread = new Thread(this::loop, "assessment-event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) c.wakeup();
        if (thread != null) thread.join(10_000);
    }

    /** True once partitions are assigned and their start positions resolved (tests wait on it). */
    public boolean isAssigned() { return assigned; }

    private void loop() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = clients.consumer()) {
                consumer = c;
                c.subscribe(List.of(config.kafka().areasTopic(), config.kafka().gridTopic(), config.kafka().casesTopic()),
                        new ConsumerRebalanceListener() {
                            @Override
                            public void onPartitionsRevoked(Collection<TopicPartition> partitions) { }

                            @Override
                            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                                // Resolve positions now so that "assigned" means "nothing published from here on is missed".
                                partitions.forEach(c::position);
                                if (!partitions.isEmpty()) assigned = true;
                            }
                        });
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                    for (TopicPartition tp : records.partitions()) {
                        processPartition(c, tp, records.records(tp));
                    }
                }
            } catch (WakeupException e) {
                if (running) LOG.warn("consumer woken up unexpectedly; restarting");
            } catch (RuntimeException e) {
                LOG.errorf("consumer loop failed (%s); restarting in 1 s", e.getClass().getSimpleName());
                sleep(1000);
            } finally {
                consumer = null;
            }
        }
    }

    private void processPartition(KafkaConsumer<String, byte[]> c, TopicPartition tp, List<ConsumerRecord<String, byte[]>> recs) {
        long next = -1;
        for (ConsumerRecord<String, byte[]> rec : recs) {
            if (!handle(rec)) {
                // The DB (or the DLQ) is unreachable: re-read from this record later instead of losing it.
                c.seek(tp, rec.offset());
                break;
            }
            next = rec.offset() + 1;
        }
        if (next >= 0) c.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
    }

    /** @return false when the record could not be settled (applied, ignored or dead-lettered). */
    private boolean handle(ConsumerRecord<String, byte[]> rec) {
        Exception last = null;
        int attempts = 0;
        long delay = config.kafka().backoff().toMillis();
        while (attempts < config.kafka().maxAttempts()) {
            attempts++;
            try {
                long t0 = System.nanoTime();
                apply(rec);
                if (LOG.isDebugEnabled()) LOG.debugf("applied %s-%d@%d in %d ms, %d ms after publish", rec.topic(), rec.partition(),
                        rec.offset(), (System.nanoTime() - t0) / 1_000_000, System.currentTimeMillis() - rec.timestamp());
                return true;
            } catch (Exception e) {
                last = e;
                if (isInfrastructure(e)) {
                    LOG.warnf("database unavailable while applying %s-%d@%d; will retry", rec.topic(), rec.partition(), rec.offset());
                    sleep(Math.max(delay, 1000));
                    return false;
                }
                if (attempts < config.kafka().maxAttempts()) {
                    sleep(delay);
                    delay *= 2;
                }
            }
        }
        return deadLetter(rec, last, attempts);
    }

    void apply(ConsumerRecord<String, byte[]> rec) throws Exception {
        CloudEvent event = KafkaMessageFactory.createReader(rec).toEvent();
        EventHandler handler = null;
        for (EventHandler h : handlers) {
            if (h.handles(event.getType())) { handler = h; break; }
        }
        if (handler == null) return; // unknown types are ignored (events.md: evolution)
        if (event.getData() == null) throw new IllegalArgumentException("event has no data");
        JsonNode data = mapper.readTree(event.getData().toBytes());
        if (data == null || !data.isObject()) throw new IllegalArgumentException("event data is not a JSON object");
        EventHandler h = handler;
        QuarkusTransaction.requiringNew().run(() -> {
            int fresh = db.update("INSERT INTO consumed_event (ce_id, topic, ce_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    event.getId(), rec.topic(), event.getType());
            if (fresh == 1) h.apply(event, data);
        });
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> rec, Exception error, int attempts) {
        String message = error == null ? "unknown" : error.getClass().getSimpleName() + ": " + String.valueOf(rootMessage(error));
        if (message.length() > 500) message = message.substring(0, 500);
        ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(rec.topic() + ".dlq", null, rec.key(), rec.value());
        for (Header h : rec.headers()) dlq.headers().add(h);
        dlq.headers().add("dlq_error", message.getBytes(StandardCharsets.UTF_8));
        dlq.headers().add("dlq_attempts", Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        dlq.headers().add("dlq_topic", rec.topic().getBytes(StandardCharsets.UTF_8));
        // Several services consume the same topics: say which consumer group gave up on the record.
        dlq.headers().add("dlq_group", config.kafka().groupId().getBytes(StandardCharsets.UTF_8));
        dlq.headers().add("dlq_partition", Integer.toString(rec.partition()).getBytes(StandardCharsets.UTF_8));
        dlq.headers().add("dlq_offset", Long.toString(rec.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            clients.producer().send(dlq).get(15, TimeUnit.SECONDS);
            LOG.warnf("record %s-%d@%d sent to DLQ after %d attempts: %s", rec.topic(), rec.partition(), rec.offset(), attempts, message);
            return true;
        } catch (Exception e) {
            LOG.errorf("could not write to the DLQ (%s); the record will be retried", e.getClass().getSimpleName());
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    /** Connection-level SQL failures are transient outages, not poison: never dead-letter because of them. */
    private static boolean isInfrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) return true;
            if (t instanceof java.sql.SQLTransientConnectionException) return true;
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
