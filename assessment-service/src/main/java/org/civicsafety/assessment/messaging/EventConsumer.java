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
import org.civicsafety.assessment.common.DeadLetterHeaders;
import org.civicsafety.assessment.counter.CounterRepository;
import org.civicsafety.assessment.counter.SnapshotWake;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The idempotent consumer of areas, grid and cases events. One thread, manual commits:
 * a poll's records of a partition are applied in one DB transaction together with their ce_ids; offsets are
 * committed only after the DB commit; a failing record is retried with exponential backoff and then parked in `<topic>.dlq`
 * so one poison message never stops its partition.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject KafkaClients clients;
    @Inject AssessmentConfig config;
    @Inject ConsumedEventRepository consumed;
    @Inject ObjectMapper mapper;
    @Inject Instance<EventHandler> handlers;
    @Inject SnapshotWake snapshots;
    @Inject CounterRepository counters;

    private volatile boolean running;
    private volatile boolean assigned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile List<EventHandler> resolvedHandlers;

    void start(@Observes StartupEvent ev) {
        if (!config.kafka().consumerEnabled())
            return;
        running = true;
        thread = new Thread(this::loop, "assessment-event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null)
            c.wakeup();
        if (thread != null)
            thread.join(10_000);
    }

    /** True once partitions are assigned and their start positions resolved (tests wait on it). */
    public boolean isAssigned() {
        return assigned;
    }

    private void loop() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = clients.consumer()) {
                consumer = c;
                c.subscribe(
                        List.of(config.kafka().areasTopic(), config.kafka().gridTopic(), config.kafka().casesTopic()),
                        new ConsumerRebalanceListener() {
                            @Override
                            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                            @Override
                            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                                // Resolve positions now so that "assigned" means "nothing published from here on is missed".
                                partitions.forEach(c::position);
                                if (!partitions.isEmpty())
                                    assigned = true;
                            }
                        });
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                    for (TopicPartition tp : records.partitions()) {
                        processPartition(c, tp, records.records(tp));
                    }
                }
            } catch (WakeupException e) {
                if (running)
                    LOG.warn("consumer woken up unexpectedly; restarting");
            } catch (RuntimeException e) {
                LOG.errorf("consumer loop failed (%s); restarting in 1 s", e.getClass().getSimpleName());
                sleep(1000);
            } finally {
                consumer = null;
            }
        }
    }

    /**
     * A poll's records of one partition are applied in ONE transaction (a fresh instance has tens of thousands of
     * compacted area events to catch up on; one commit per record cannot keep up). Offsets are committed after
     * the DB commit; when the DB is down the partition is re-read from the first record not settled.
     */
    private void processPartition(KafkaConsumer<String, byte[]> c, TopicPartition tp,
            List<ConsumerRecord<String, byte[]>> recs) {
        int settled = settle(recs);
        if (settled > 0)
            c.commitSync(Map.of(tp, new OffsetAndMetadata(recs.get(settled - 1).offset() + 1)));
        if (settled < recs.size())
            c.seek(tp, recs.get(settled).offset());
    }

    /**
     * When a batch fails, its halves are tried in order, down to single records, so that a poison record alone
     * gets the retries and the DLQ while its neighbours still go in batches.
     *
     * @return how many leading records were settled (applied, ignored or dead-lettered)
     */
    private int settle(List<ConsumerRecord<String, byte[]>> recs) {
        if (recs.size() == 1)
            return handle(recs.get(0)) ? 1 : 0;
        try {
            applyBatch(recs);
            return recs.size();
        } catch (Exception e) {
            if (isInfrastructure(e)) {
                LOG.warnf("database unavailable while applying %d records of %s-%d; will re-read", recs.size(),
                        recs.get(0).topic(), recs.get(0).partition());
                sleep(Math.max(config.kafka().backoff().toMillis(), 1000));
                return 0;
            }
            LOG.debugf("batch of %d records failed (%s); splitting it", recs.size(), e.getClass().getSimpleName());
        }
        int mid = recs.size() / 2;
        int left = settle(recs.subList(0, mid));
        return left < mid ? left : mid + settle(recs.subList(mid, recs.size()));
    }

    /** @return false when the record could not be settled (applied, ignored or dead-lettered). */
    private boolean handle(ConsumerRecord<String, byte[]> rec) {
        Exception last = null;
        int attempts = 0;
        long delay = config.kafka().backoff().toMillis();
        while (attempts < config.kafka().maxAttempts()) {
            attempts++;
            try {
                applyBatch(List.of(rec));
                return true;
            } catch (Exception e) {
                last = e;
                if (isInfrastructure(e)) {
                    LOG.warnf("database unavailable while applying %s-%d@%d; will retry", rec.topic(), rec.partition(),
                            rec.offset());
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

    private record Decoded(ConsumerRecord<String, byte[]> rec, CloudEvent event, EventHandler handler, JsonNode data) {}

    /** @return null for types no handler understands (ignored, events.md: evolution). */
    private Decoded decode(ConsumerRecord<String, byte[]> rec) throws Exception {
        CloudEvent event = KafkaMessageFactory.createReader(rec).toEvent();
        EventHandler handler = null;
        for (EventHandler h : handlerList()) {
            if (h.handles(event.getType())) {
                handler = h;
                break;
            }
        }
        if (handler == null)
            return null;
        if (event.getData() == null)
            throw new IllegalArgumentException("event has no data");
        JsonNode data = mapper.readTree(event.getData().toBytes());
        if (data == null || !data.isObject())
            throw new IllegalArgumentException("event data is not a JSON object");
        return new Decoded(rec, event, handler, data);
    }

    private List<EventHandler> handlerList() {
        List<EventHandler> l = resolvedHandlers;
        if (l == null) {
            l = new ArrayList<>();
            for (EventHandler h : handlers)
                l.add(h);
            resolvedHandlers = l;
        }
        return l;
    }

    /**
     * Applies records of one partition in one transaction: their ce_ids go into consumed_event in one statement
     * (already consumed ones, and repeats inside the batch, are skipped), then runs of fresh events are handed to
     * their handler in offset order.
     */
    void applyBatch(List<ConsumerRecord<String, byte[]>> recs) throws Exception {
        long t0 = System.nanoTime();
        List<Decoded> decoded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> rec : recs) {
            Decoded d = decode(rec);
            if (d != null)
                decoded.add(d);
        }
        if (decoded.isEmpty())
            return;
        Map<String, Decoded> byId = new LinkedHashMap<>();
        for (Decoded d : decoded)
            byId.putIfAbsent(d.event().getId(), d);
        String[] ids = byId.keySet().toArray(String[]::new);
        String[] topics = byId.values().stream().map(d -> d.rec().topic()).toArray(String[]::new);
        String[] types = byId.values().stream().map(d -> d.event().getType()).toArray(String[]::new);
        QuarkusTransaction.requiringNew().timeout(120).run(() -> {
            Set<String> fresh = new HashSet<>(consumed.recordFresh(ids, topics, types));
            counters.batched(() -> {
                EventHandler current = null;
                List<EventHandler.Consumed> run = new ArrayList<>();
                for (Decoded d : decoded) {
                    if (!fresh.remove(d.event().getId()))
                        continue;
                    if (d.handler() != current) {
                        if (!run.isEmpty())
                            current.applyAll(run);
                        run = new ArrayList<>();
                        current = d.handler();
                    }
                    run.add(new EventHandler.Consumed(d.event(), d.data()));
                }
                if (!run.isEmpty())
                    current.applyAll(run);
            });
        });
        snapshots.wake(); // the batch marked sibling groups dirty
        if (LOG.isDebugEnabled()) {
            ConsumerRecord<String, byte[]> last = recs.get(recs.size() - 1);
            LOG.debugf("applied %d records of %s-%d up to @%d in %d ms, %d ms after publish", recs.size(), last.topic(),
                    last.partition(), last.offset(), (System.nanoTime() - t0) / 1_000_000,
                    System.currentTimeMillis() - last.timestamp());
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> rec, Exception error, int attempts) {
        ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(rec.topic() + ".dlq", null, rec.key(), rec.value());
        for (Header h : rec.headers())
            dlq.headers().add(h);
        DeadLetterHeaders.add(dlq.headers(), rec, error, attempts, config.kafka().groupId());
        try {
            clients.producer().send(dlq).get(15, TimeUnit.SECONDS);
            LOG.warnf("record %s-%d@%d sent to DLQ after %d attempts: %s", rec.topic(), rec.partition(), rec.offset(),
                    attempts,
                    DeadLetterHeaders.describe(error));
            return true;
        } catch (Exception e) {
            LOG.errorf("could not write to the DLQ (%s); the record will be retried", e.getClass().getSimpleName());
            if (e instanceof InterruptedException)
                Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Connection-level SQL failures are transient outages, not poison: never dead-letter because of them. */
    private static boolean isInfrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))
                return true;
            if (t instanceof java.sql.SQLTransientConnectionException)
                return true;
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
