package org.civicsafety.gateway.partner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicsafety.gateway.problem.ProblemException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The partner keys, durably in a compacted Kafka topic (key = key id, value = the latest state of
 * the key as JSON) and in memory: every gateway instance reads the whole topic at start and
 * then follows it, so keys created or revoked on one instance reach all of them within about
 * a second. Writes wait for the broker's acknowledgement before they count.
 */
public final class PartnerKeyLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PartnerKeyLog.class);

    private final String bootstrap;
    private final String topic;
    private final short replicationFactor;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    private final Map<String, PartnerKey> byId = new ConcurrentHashMap<>();
    private final Map<String, PartnerKey> byHash = new ConcurrentHashMap<>();
    private final KafkaProducer<String, String> producer;
    private final KafkaClientMetrics producerMetrics;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean loaded;
    private volatile boolean running = true;
    private final Thread follower;

    public PartnerKeyLog(String bootstrap, String topic, short replicationFactor, ObjectMapper json,
            MeterRegistry registry) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.replicationFactor = replicationFactor;
        this.json = json;
        this.registry = registry;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                ProducerConfig.CLIENT_ID_CONFIG, "gateway-keys-producer-" + System.identityHashCode(this),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        this.producerMetrics = registry == null ? null : new KafkaClientMetrics(producer);
        if (producerMetrics != null) {
            producerMetrics.bindTo(registry);
        }
        this.follower = new Thread(this::follow, "partner-key-follower");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    /** True once the whole topic has been read: before that a key may be missing. */
    public boolean loaded() {
        return loaded;
    }

    public Optional<PartnerKey> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    public Optional<PartnerKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<PartnerKey> all() {
        return byId.values();
    }

    /** Writes the key's state and waits for Kafka to acknowledge it, then applies it here at once. */
    public void put(PartnerKey key) {
        try {
            producer.send(new ProducerRecord<>(topic, key.id(), json.writeValueAsString(key))).get(15,
                    TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeUnavailable(e);
        } catch (ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException
                | org.apache.kafka.common.KafkaException e) {
            throw storeUnavailable(e);
        }
        apply(key);
    }

    private void apply(PartnerKey key) {
        PartnerKey previous = byId.put(key.id(), key);
        if (previous != null && !previous.keyHash().equals(key.keyHash())) {
            byHash.remove(previous.keyHash());
        }
        if (key.active()) {
            byHash.put(key.keyHash(), key);
        } else {
            byHash.remove(key.keyHash());
        }
    }

    private void remove(String id) {
        PartnerKey previous = byId.remove(id);
        if (previous != null) {
            byHash.remove(previous.keyHash());
        }
    }

    private void follow() {
        while (running) {
            KafkaClientMetrics consumerMetrics = null;
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.CLIENT_ID_CONFIG, "gateway-keys-follower-" + System.identityHashCode(this),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer = c;
                if (registry != null) {
                    consumerMetrics = new KafkaClientMetrics(c);
                    consumerMetrics.bindTo(registry);
                }
                ensureTopic();
                List<PartitionInfo> partitions = c.partitionsFor(topic, Duration.ofSeconds(10));
                Set<TopicPartition> assigned = partitions.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
                c.assign(assigned);
                c.seekToBeginning(assigned);
                Map<TopicPartition, Long> end = c.endOffsets(assigned, Duration.ofSeconds(10));
                while (running) {
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(300))) {
                        applyRecord(record);
                    }
                    if (!loaded && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        loaded = true;
                        LOG.infof("partner keys loaded from %s: %d keys", topic, byId.size());
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("partner key topic %s not readable, retrying: %s", topic, e.getMessage());
                sleep(2000);
            } finally {
                if (consumerMetrics != null) {
                    consumerMetrics.close();
                }
                consumer = null;
            }
        }
    }

    private void applyRecord(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            remove(record.key());
            return;
        }
        try {
            apply(json.readValue(record.value(), PartnerKey.class));
        } catch (Exception e) {
            LOG.warnf("skipping unreadable partner key record at offset %d", record.offset());
        }
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10000))) {
            if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            // one partition keeps every change of every key in one order; compaction keeps the latest state
            NewTopic newTopic = new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get(10, TimeUnit.SECONDS);
            LOG.infof("created compacted topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer creating " + topic, e);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            follower.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka could not take a change of a key: a 503 that tells the caller to try again shortly. */
    private static ProblemException storeUnavailable(Exception cause) {
        LOG.warn("partner key store unavailable", cause);
        return ProblemException.unavailable("The key store is unavailable; try again shortly.", 5);
    }
}
