package org.civicsafety.grid.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.SqlRow;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.messaging.KafkaClients;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} so several instances share the work; a row is marked published only
 * after Kafka acknowledged it (acks=all, idempotent producer). When Kafka is down the rows simply stay
 * and the next round retries, so HTTP requests are never blocked by the broker.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject EntityManager em;
    @Inject GridConfig config;
    @Inject MeterRegistry registry;
    @Inject KafkaClients clients;

    private final AtomicLong backlog = new AtomicLong();
    private volatile long lastFailureLog;
    private volatile boolean running;
    private Thread worker;

    void start(@Observes StartupEvent ev) {
        Gauge.builder("outbox_backlog", backlog, AtomicLong::get)
                .description("Outbox events not yet published to Kafka")
                .register(registry);
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The relay loop on its own thread (Quarkus' scheduler cannot run more often than once a second):
     * a round every {@code grid.outbox.interval}, at once again while batches come back full, and a
     * longer pause after a failure so a Kafka outage does not spin.
     */
    private void loop() {
        while (running) {
            long pause = config.outbox().interval().toMillis();
            try {
                int published;
                do {
                    published = QuarkusTransaction.requiringNew().timeout(60).call(this::publishBatch);
                } while (running && published >= config.outbox().batchSize());
                backlog.set(countBacklog());
            } catch (RuntimeException e) {
                pause = Math.max(pause, 1000);
                long now = System.currentTimeMillis();
                if (now - lastFailureLog > 30_000) {
                    lastFailureLog = now;
                    LOG.warnf("Outbox relay round failed, will retry: %s", e.getMessage());
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record Row(long id, UUID eventId, String topic, String key, String type, String payload,
            OffsetDateTime createdAt, String requestId, String traceparent) {}

    private int publishBatch() {
        KafkaProducer<String, byte[]> kafka = clients.producer(); // before any row is locked
        // SQL: FOR UPDATE SKIP LOCKED claim, so several instances relay different events
        List<Row> rows = SqlRow.list(NativeQueries.bind(em.createNativeQuery("SELECT id, event_id, topic, msg_key,"
                + " ce_type, payload::text AS payload, created_at, request_id, traceparent FROM outbox_event"
                + " WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED"),
                List.of(config.outbox().batchSize())),
                r -> new Row(r.lng("id"), r.uuid("event_id"), r.string("topic"), r.string("msg_key"),
                        r.string("ce_type"), r.string("payload"), r.offsetDateTime("created_at"),
                        r.string("request_id"), r.string("traceparent")));
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            for (Row row : rows) {
                acks.add(kafka.send(toRecord(row)));
            }
        } catch (RuntimeException e) {
            LOG.debugf("Kafka send failed: %s", e.getMessage());
        }
        kafka.flush();
        List<Long> done = new ArrayList<>();
        long deadline = System.nanoTime() + config.outbox().ackTimeout().toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                done.add(rows.get(i).id());
            } catch (Exception e) {
                // keep order: everything from the first failure on is retried next round
                break;
            }
        }
        if (!done.isEmpty()) {
            NativeQueries.bind(em.createNativeQuery("UPDATE outbox_event SET published_at = now() WHERE id = ANY(?)"),
                    Collections.singletonList(done.toArray(Long[]::new))).executeUpdate();
        }
        if (done.size() < rows.size()) {
            throw new IllegalStateException("Kafka acknowledged " + done.size() + " of " + rows.size() + " events");
        }
        return done.size();
    }

    private ProducerRecord<String, byte[]> toRecord(Row row) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(row.eventId().toString())
                .withSource(URI.create(config.kafka().source()))
                .withType(row.type())
                .withTime(row.createdAt())
                .withSubject(row.key())
                .withDataContentType("application/json")
                .withData(row.payload().getBytes(StandardCharsets.UTF_8))
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(row.topic(), null, null, row.key())
                .writeBinary(event);
        if (row.requestId() != null) {
            record.headers().add("X-Request-Id", row.requestId().getBytes(StandardCharsets.UTF_8));
        }
        if (row.traceparent() != null) {
            record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private long countBacklog() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> SqlRow.first(
                    em.createNativeQuery("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL"),
                    r -> r.lng("n")));
        } catch (RuntimeException e) {
            return backlog.get();
        }
    }

    /** Published rows are kept a week for audit/replay, then removed. */
    @Scheduled(every = "1h", delayed = "1m")
    void prune() {
        // SQL: a bulk delete
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM outbox_event"
                + " WHERE published_at < now() - interval '7 days'").executeUpdate());
    }
}
