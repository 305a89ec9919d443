package org.civicsafety.assessment.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.civicsafety.assessment.common.AssessmentConfig;
import org.civicsafety.assessment.common.Ticker;
import org.civicsafety.assessment.messaging.KafkaClients;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows in id order as CloudEvents (binary mode). Rows are claimed with FOR UPDATE SKIP LOCKED
 * so several instances cooperate; a row is marked published only after Kafka acked it; when Kafka is down the
 * rows simply stay and the next tick retries. HTTP requests only ever insert rows, so they never wait on Kafka.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final URI SOURCE = URI.create("/assessment-service");

    @Inject OutboxRepository events;
    @Inject KafkaClients clients;
    @Inject AssessmentConfig config;
    @Inject MeterRegistry registry;

    private final AtomicLong backlog = new AtomicLong();

    private Ticker ticker;

    void init(@Observes StartupEvent ev) {
        Gauge.builder("outbox_backlog", backlog, AtomicLong::get).description("unpublished outbox rows")
                .register(registry);
        ticker = new Ticker("assessment-outbox-relay", config.outbox().interval(), Duration.ofSeconds(1), this::tick);
        ticker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (ticker != null)
            ticker.stop();
    }

    /** New rows were committed: publish them now rather than at the end of the interval. */
    public void wake() {
        Ticker t = ticker;
        if (t != null)
            t.wake();
    }

    void tick() {
        try {
            int n;
            do {
                n = QuarkusTransaction.requiringNew().timeout(60).call(this::publishBatch);
            } while (n == config.outbox().batchSize());
            backlog.set(QuarkusTransaction.requiringNew().call(events::backlog));
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay: %s (will retry)", e.getClass().getSimpleName());
        }
    }

    int publishBatch() {
        List<OutboxRepository.Pending> rows = events.claim(config.outbox().batchSize());
        if (rows.isEmpty())
            return 0;
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (OutboxRepository.Pending r : rows) {
            try {
                acks.add(clients.producer().send(record(r)));
            } catch (RuntimeException e) {
                break; // e.g. metadata unavailable: publish the prefix that was handed over
            }
        }
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(30, TimeUnit.SECONDS);
                done.add(rows.get(i).id());
            } catch (Exception e) {
                if (e instanceof InterruptedException)
                    Thread.currentThread().interrupt();
                break; // keep order: nothing after the first failure is marked
            }
        }
        if (!done.isEmpty()) {
            events.markPublished(done);
        }
        return done.size() == rows.size() ? rows.size() : 0;
    }

    static ProducerRecord<String, byte[]> record(OutboxRepository.Pending r) {
        CloudEvent ev = CloudEventBuilder.v1().withId(r.ceId().toString()).withSource(SOURCE).withType(r.type())
                .withSubject(r.subject()).withTime(r.createdAt().withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json").withData(r.data().getBytes(StandardCharsets.UTF_8)).build();
        ProducerRecord<String, byte[]> rec = KafkaMessageFactory.createWriter(r.topic(), null, null, r.key())
                .writeBinary(ev);
        if (r.requestId() != null)
            rec.headers().add("X-Request-Id", r.requestId().getBytes(StandardCharsets.UTF_8));
        if (r.traceparent() != null)
            rec.headers().add("traceparent", r.traceparent().getBytes(StandardCharsets.UTF_8));
        return rec;
    }
}
