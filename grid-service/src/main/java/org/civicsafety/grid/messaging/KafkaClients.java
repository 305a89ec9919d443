package org.civicsafety.grid.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicsafety.grid.config.GridConfig;

/**
 * Creates the Kafka clients with the platform's settings and binds their metrics to Micrometer, as in the other
 * services. Called from the threads that use them, never at start-up: creating a client is a tenth of the main
 * thread's start, and a client that cannot be created (a broker address not resolvable yet) is created again at the
 * caller's next round.
 */
@ApplicationScoped
public class KafkaClients {
    @Inject GridConfig config;
    @Inject MeterRegistry registry;

    private final List<KafkaClientMetrics> metrics = new ArrayList<>();
    private KafkaProducer<String, byte[]> producer;

    /** One idempotent producer (acks=all) shared by the outbox relay and the DLQ. */
    public synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "grid-service-producer");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            bind(new KafkaClientMetrics(producer));
        }
        return producer;
    }

    /** A consumer of the service's group, starting where {@code grid.kafka.auto-offset-reset} says. */
    public KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.kafka().autoOffsetReset());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        bind(new KafkaClientMetrics(c));
        return c;
    }

    private synchronized void bind(KafkaClientMetrics m) {
        m.bindTo(registry);
        metrics.add(m);
    }

    @PreDestroy
    synchronized void close() {
        metrics.forEach(KafkaClientMetrics::close);
        if (producer != null) {
            producer.close(Duration.ofSeconds(3));
        }
    }
}
