package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicsafety.cases.directory.DirectoryConsumer;
import org.civicsafety.cases.outbox.EventContract;

/** Tokens, a fresh area hierarchy per test class, and a reader of the cases topic. */
public final class TestSupport {

    /** The Kafka the service under test uses (each developer's platform has its own ports). */
    public static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    public static final String CASES_TOPIC = "civicsafety.cases.v1";

    private TestSupport() {}

    public static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36).toUpperCase();
    }

    public static String token(String sub, String role, String area, String unit) {
        var b = Jwt.subject(sub).groups(Set.of(role));
        if (area != null) {
            b = b.claim("area", area);
        }
        if (unit != null) {
            b = b.claim("unit", unit);
        }
        return b.jws().keyId("dev-idp").sign();
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /**
     * The callers most tests act as: a citizen, the county's petition officer, and a handler of {@code unit} (the
     * village's responsible unit, in the unit directory) in the village, their subjects {@code citizen-},
     * {@code officer-} and {@code handler-} followed by the test's suffix.
     */
    public record Callers(String citizen, String officer, String unit, String handler) {}

    public static Callers callers(Areas a, String suffix) {
        String unit = "unit-" + a.village();
        return new Callers(token("citizen-" + suffix, "citizen", null, null),
                token("officer-" + suffix, "petition_officer", a.county(), null), unit,
                token("handler-" + suffix, "handler", a.village(), unit));
    }

    /**
     * A county with a township and a village below it (and a second county), known to the service, with their
     * responsible units ({@code unit-<code>}) in the unit directory, as grid-service publishes both.
     */
    public record Areas(String county, String township, String village, String otherCounty) {}

    public static Areas areas(DataSource ds) throws Exception {
        String s = suffix();
        String c = "C" + s;
        String t = c + "-T1";
        String v = t + "-V1";
        String d = "D" + s;
        awaitDirectoryConsumer();
        try (KafkaProducer<String, String> p = producer()) {
            publishArea(p, c, "county", null, List.of(c), 1);
            publishArea(p, t, "township", c, List.of(c, t), 1);
            publishArea(p, v, "village", t, List.of(c, t, v), 1);
            publishArea(p, d, "county", null, List.of(d), 1);
            for (String code : List.of(c, t, v, d)) {
                publishUnit(p, "unit-" + code, code, true, 1);
            }
            p.flush();
        }
        awaitArea(ds, v);
        awaitArea(ds, d);
        awaitArea(ds, c);
        awaitArea(ds, t);
        for (String code : List.of(c, t, v, d)) {
            awaitUnit(ds, "unit-" + code, 1);
        }
        return new Areas(c, t, v, d);
    }

    /**
     * The test profile's directory consumer starts at the end of the areas and units topics, so an area or unit
     * published before it has its partitions would be missed: every test publishing them waits for this first.
     */
    public static void awaitDirectoryConsumer() throws InterruptedException {
        if (!Arc.container().instance(DirectoryConsumer.class).get().awaitAssignment(Duration.ofSeconds(90))) {
            throw new AssertionError("the directory consumer got no partitions");
        }
    }

    public static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", BOOTSTRAP);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    public static String publishArea(KafkaProducer<String, String> p, String code, String level, String parent,
            List<String> path, long version) throws Exception {
        String ceId = UUID.randomUUID().toString();
        String json = "{\"code\":\"" + code + "\",\"name\":\"Area " + code + "\",\"level\":\"" + level + "\","
                + "\"parentCode\":" + (parent == null ? "null" : "\"" + parent + "\"") + ","
                + "\"path\":[" + path.stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(",")) + "],"
                + "\"population\":1000,\"responsibleUnit\":\"unit-" + code + "\",\"version\":" + version
                + ",\"occurredAt\":\"2026-01-01T00:00:00+08:00\"}";
        send(p, "civicsafety.areas.v1", code, ceId, "org.civicsafety.area.upserted.v1", json);
        return ceId;
    }

    /** Publishes a unit as grid-service's directory does (civicsafety.units.v1); returns the ce_id. */
    public static String publishUnit(KafkaProducer<String, String> p, String id, String areaCode, boolean active,
            long version) throws Exception {
        String ceId = UUID.randomUUID().toString();
        String json = "{\"id\":\"" + id + "\",\"name\":\"Unit " + id + "\",\"nameEn\":null,\"areaCode\":\""
                + areaCode + "\",\"kind\":\"VILLAGE_COMMITTEE\",\"active\":" + active + ",\"noticeChannels\":"
                + "{\"email\":null,\"webhookUrl\":null},\"version\":" + version
                + ",\"occurredAt\":\"2026-01-01T00:00:00Z\"}";
        send(p, "civicsafety.units.v1", id, ceId, "org.civicsafety.unit.upserted.v1", json);
        return ceId;
    }

    /** Waits until the unit is stored at this version (or a newer one). */
    public static void awaitUnit(DataSource ds, String id, long version) {
        await().alias("unit " + id + " v" + version + " is consumed").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> queryLong(ds, "SELECT coalesce(max(version), 0) FROM unit WHERE id = ?", id) >= version);
    }

    public static void send(KafkaProducer<String, String> p, String topic, String key, String ceId, String type,
            String value) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("ce_id", ceId);
        headers.put("ce_type", type);
        headers.put("ce_source", "/grid-service");
        headers.put("ce_specversion", "1.0");
        headers.put("content-type", "application/json");
        send(p, topic, key, headers, value);
    }

    public static void send(KafkaProducer<String, String> p, String topic, String key, Map<String, String> headers,
            String value) throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> r.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        p.send(r).get();
    }

    public static void awaitArea(DataSource ds, String code) {
        await().alias("area " + code + " is consumed").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> queryLong(ds, "SELECT count(*) FROM area WHERE code = ?", code) > 0);
    }

    public static long queryLong(DataSource ds, String sql, Object... args) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static String queryString(DataSource ds, String sql, Object... args) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The first column of every row, as stored: ciphertext is checked byte by byte. */
    public static List<byte[]> queryBytes(DataSource ds, String sql, Object... args) throws Exception {
        List<byte[]> values = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getBytes(1));
            }
        }
        return values;
    }

    public static int update(DataSource ds, String sql, Object... args) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws Exception {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /**
     * Reads a topic from its current end, keeping every record so tests can look for theirs. On the cases topic every
     * record a test gets (those of the key it asks for) is first checked against the event contract, asyncapi.yaml.
     */
    public static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        private final EventContract contract;
        private final Set<ConsumerRecord<String, String>> checked = java.util.Collections
                .newSetFromMap(new java.util.IdentityHashMap<>());

        public TopicReader(String topic) {
            // Only this service's events: other tests on the shared Kafka may publish fakes of their own there.
            contract = CASES_TOPIC.equals(topic) ? EventContract.cases() : null;
            Properties p = new Properties();
            p.put("bootstrap.servers", BOOTSTRAP);
            p.put("key.deserializer", StringDeserializer.class.getName());
            p.put("value.deserializer", StringDeserializer.class.getName());
            p.put("enable.auto.commit", "false");
            consumer = new KafkaConsumer<>(p);
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : consumer.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, pi.partition()));
            }
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
        }

        /** The records of {@code key} seen so far, each checked against the contract. */
        private List<ConsumerRecord<String, String>> mine(String key) {
            List<ConsumerRecord<String, String>> mine = seen.stream().filter(r -> key.equals(r.key())).toList();
            if (contract != null) {
                mine.stream().filter(checked::add).forEach(contract::validate);
            }
            return mine;
        }

        public synchronized List<ConsumerRecord<String, String>> await(String key, int count, Duration timeout) {
            long until = System.currentTimeMillis() + timeout.toMillis();
            while (true) {
                List<ConsumerRecord<String, String>> mine = mine(key);
                if (mine.size() >= count || System.currentTimeMillis() > until) {
                    return mine;
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }

        /** The ce_types of the records for {@code key}, waiting until {@code type} shows up. */
        public synchronized ConsumerRecord<String, String> awaitType(String key, String type, Duration timeout) {
            long until = System.currentTimeMillis() + timeout.toMillis();
            while (true) {
                for (ConsumerRecord<String, String> r : mine(key)) {
                    if (type.equals(header(r, "ce_type"))) {
                        return r;
                    }
                }
                if (System.currentTimeMillis() > until) {
                    throw new AssertionError("no " + type + " for " + key + "; saw " + types(key));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }

        public synchronized List<String> types(String key) {
            return mine(key).stream().map(r -> header(r, "ce_type")).toList();
        }

        public synchronized List<ConsumerRecord<String, String>> all() {
            consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static Set<String> headerNames(ConsumerRecord<?, ?> r) {
        Set<String> names = new HashSet<>();
        r.headers().forEach(h -> names.add(h.key()));
        return names;
    }

    /** A valid registration body with random text, so unrelated cases never look alike. */
    public static Map<String, Object> caseBody(String area, String channel, String type, String phone) {
        return caseBody(area, channel, type, words(4), words(14), phone, randomId());
    }

    public static Map<String, Object> caseBody(String area, String channel, String type, String title, String content,
            String phone, String idNumber) {
        Map<String, Object> petitioner = new java.util.HashMap<>();
        petitioner.put("name", "张三丰");
        petitioner.put("phone", phone);
        petitioner.put("idNumber", idNumber);
        petitioner.put("address", "北京市东城区某街道1号");
        return new java.util.HashMap<>(Map.of("channel", channel, "type", type, "title", title, "content", content,
                "areaCode", area, "petitioner", petitioner));
    }

    public static String words(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int len = 4 + ThreadLocalRandom.current().nextInt(5);
            for (int j = 0; j < len; j++) {
                sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
            }
        }
        return sb.toString();
    }

    public static String randomId() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            sb.append(ThreadLocalRandom.current().nextInt(10));
        }
        return sb.append('X').toString();
    }

    public static String randomPhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType("application/problem+json");
    }
}
