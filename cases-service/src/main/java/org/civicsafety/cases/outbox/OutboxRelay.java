package org.civicsafety.cases.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.civicsafety.cases.common.CasesConfig;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.messaging.KafkaClients;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in id order as binary-mode CloudEvents. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} so several instances cooperate; a row is marked published only
 * after Kafka acknowledged it, so a Kafka outage just leaves rows waiting.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final URI SOURCE = URI.create("/cases-service");

    @Inject EntityManager em;
    @Inject CasesConfig config;
    @Inject MeterRegistry registry;
    @Inject KafkaClients clients;

    private static final int BATCH = 100;
    private static final long IDLE_MS = 150;
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running;
    private Thread relay;

    void start(@Observes StartupEvent ev) {
        running = true;
        relay = new Thread(this::loop, "outbox-relay");
        relay.setDaemon(true);
        relay.start();
        Gauge.builder("outbox_backlog", backlog, AtomicLong::get)
                .description("outbox events not yet published").register(registry);
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        if (relay != null) {
            relay.interrupt();
            relay.join(5000);
        }
    }

    /**
     * The relay's own loop (the scheduler's finest interval is 1 s): drains full batches at once,
     * otherwise looks again after 150 ms; after a failure (Kafka down) it backs off for a second.
     */
    private void loop() {
        while (running) {
            long pause = IDLE_MS;
            try {
                if (publishBatch() == BATCH) {
                    pause = 0;
                }
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay could not publish (will retry): %s", e.getClass().getSimpleName());
                pause = 1000;
            }
            if (pause > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Published rows are kept a week for diagnosis, then dropped so the table stays small. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM outbox_event WHERE published_at < now() - interval '7 days'").executeUpdate();
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void measure() {
        backlog.set(((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                .getSingleResult()).longValue());
    }

    /** Publishes up to {@link #BATCH} rows in id order; returns how many were published. */
    @Transactional
    public int publishBatch() {
        KafkaProducer<String, byte[]> kafka = clients.producer(); // before any row is locked
        List<Pending> rows = SqlRow.list(em.createNativeQuery("""
                SELECT id, ce_id, ce_type, subject, payload, request_id, traceparent, created_at
                FROM outbox_event WHERE published_at IS NULL
                ORDER BY id LIMIT %d FOR UPDATE SKIP LOCKED""".formatted(BATCH)),
                r -> new Pending(r.lng("id"), r.uuid("ce_id"), r.string("ce_type"), r.string("subject"),
                        r.string("payload"), r.string("request_id"), r.string("traceparent"), r.instant("created_at")));
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (Pending r : rows) {
            CloudEvent event = CloudEventBuilder.v1()
                    .withId(r.ceId().toString())
                    .withSource(SOURCE)
                    .withType(r.ceType())
                    .withSubject(r.subject())
                    .withTime(r.createdAt().atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(r.payload().getBytes(StandardCharsets.UTF_8))
                    .build();
            ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(config.kafka().topic(), null,
                    null, r.subject()).writeBinary(event);
            if (r.requestId() != null) {
                record.headers().add("X-Request-Id", r.requestId().getBytes(StandardCharsets.UTF_8));
            }
            if (r.traceparent() != null) {
                record.headers().add("traceparent", r.traceparent().getBytes(StandardCharsets.UTF_8));
            }
            acks.add(kafka.send(record));
            ids.add(r.id());
        }
        kafka.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(15, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("kafka did not acknowledge", e);
        }
        em.createNativeQuery("UPDATE outbox_event SET published_at = now() WHERE id = ANY(CAST(?1 AS bigint[]))")
                .setParameter(1, "{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}")
                .executeUpdate();
        return ids.size();
    }

    /** An unpublished event, as it waits in the outbox. */
    record Pending(long id, UUID ceId, String ceType, String subject, String payload, String requestId,
            String traceparent, Instant createdAt) {}

}
