package org.civicsafety.grid.mediation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import org.civicsafety.grid.common.DeadLetterHeaders;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.messaging.KafkaClients;
import org.civicsafety.grid.incident.IncidentService;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The idempotent consumer of cases-service's events ({@code civicsafety.cases.v1}), as cases-service's directory
 * consumer and assessment-service's event consumer work: one thread, manual commits. Only
 * {@code mediation.concluded} matters here (an agreement resolves the incident the mediation came from); other types
 * are skipped unread. A concluded event's ce_id is recorded in the transaction of its effect (or of nothing, when it
 * does not act), offsets are committed after the DB commit, and a record failing 5 times is parked in
 * {@code <topic>.dlq} with the dead-letter headers so the partition moves on.
 */
@ApplicationScoped
public class CasesEventConsumer {
    private static final Logger LOG = Logger.getLogger(CasesEventConsumer.class);

    @Inject GridConfig config;
    @Inject ConsumedEventRepository consumed;
    @Inject IncidentService incidents;
    @Inject ObjectMapper mapper;
    @Inject KafkaClients clients;

    private volatile boolean running;
    private volatile boolean assigned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        if (!config.kafka().consumerEnabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "grid-cases-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** True once partitions are assigned and their start positions resolved (tests publish only after this). */
    public boolean isAssigned() {
        return assigned;
    }

    private void loop() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = clients.consumer()) {
                consumer = c;
                c.subscribe(List.of(config.kafka().casesTopic()), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        // offsets are committed after every partition's records; nothing to flush
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        // Resolve positions now so that "assigned" means "nothing published from here on is missed".
                        partitions.forEach(c::position);
                        if (!partitions.isEmpty()) {
                            assigned = true;
                        }
                    }
                });
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                    for (TopicPartition tp : records.partitions()) {
                        processPartition(c, tp, records.records(tp));
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    LOG.warn("cases consumer woken up unexpectedly; restarting");
                }
            } catch (RuntimeException e) {
                LOG.errorf("cases consumer loop failed (%s); restarting in 1 s", e.getClass().getSimpleName());
                sleep(1000);
            } finally {
                consumer = null;
            }
        }
    }

    /**
     * A partition's records in offset order; the offset after the last settled one is committed once their
     * transactions have. A record not settled (the database or the DLQ down) is read again from there.
     */
    private void processPartition(KafkaConsumer<String, byte[]> c, TopicPartition tp,
            List<ConsumerRecord<String, byte[]>> recs) {
        int settled = 0;
        while (settled < recs.size() && handle(recs.get(settled))) {
            settled++;
        }
        if (settled > 0) {
            c.commitSync(Map.of(tp, new OffsetAndMetadata(recs.get(settled - 1).offset() + 1)));
        }
        if (settled < recs.size()) {
            c.seek(tp, recs.get(settled).offset());
        }
    }

    /** @return false when the record could not be settled (applied, ignored or dead-lettered). */
    private boolean handle(ConsumerRecord<String, byte[]> rec) {
        Exception last = null;
        long delay = config.kafka().backoff().toMillis();
        int attempts = 0;
        while (attempts < config.kafka().maxAttempts()) {
            attempts++;
            try {
                apply(rec);
                return true;
            } catch (Exception e) {
                last = e;
                if (isInfrastructure(e)) {
                    LOG.warnf("database unavailable while applying %s-%d@%d; will retry", rec.topic(),
                            rec.partition(), rec.offset());
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

    /** One record: a concluded mediation's ce_id and effect in one transaction; other types are skipped. */
    private void apply(ConsumerRecord<String, byte[]> rec) throws Exception {
        CloudEvent event = KafkaMessageFactory.createReader(rec).toEvent();
        if (!MediationConcluded.TYPE.equals(event.getType())) {
            return;
        }
        if (event.getData() == null) {
            throw new IllegalArgumentException("event has no data");
        }
        MediationConcluded concluded = MediationConcluded.parse(mapper.readTree(event.getData().toBytes()));
        QuarkusTransaction.requiringNew().run(() -> {
            if (consumed.recordFresh(event.getId(), rec.topic(), event.getType()) && concluded.resolvesIncident()) {
                incidents.resolveByMediation(concluded.sourceIncidentId(), concluded.number());
            }
        });
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> rec, Exception error, int attempts) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(rec.topic() + ".dlq", null, rec.key(), rec.value());
        for (Header h : rec.headers()) {
            out.headers().add(h);
        }
        DeadLetterHeaders.add(out.headers(), rec, error, attempts, config.kafka().groupId());
        try {
            clients.producer().send(out).get(15, TimeUnit.SECONDS);
            LOG.warnf("record %s-%d@%d sent to DLQ after %d attempts: %s", rec.topic(), rec.partition(),
                    rec.offset(), attempts, DeadLetterHeaders.describe(error));
            return true;
        } catch (Exception e) {
            LOG.errorf("could not write to the DLQ (%s); the record will be retried", e.getClass().getSimpleName());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Connection-level SQL failures are transient outages, not poison: never dead-letter because of them. */
    private static boolean isInfrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
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
