// Kafka side of R4 (personal data in topics) and R5 (poison events), in one JVM.
// Run with the platform's Kafka client jars:  java -cp "<kafka lib>/*" KafkaProbe.java <command> ...
//
//   poison <bootstrap> <county> <village> <grid> <out-file>
//       On each consumed topic (areas, units, grid, cases) sends, with one key so they share a partition:
//       a non-JSON value, a JSON value with wrong field types, then a good event. Writes
//       "<topic> <poison-json|poison-types|good> <ce_id>" lines to out-file.
//   scan <bootstrap> <seconds> <needles-file> <ids-file>
//       Reads every civicsafety.* topic (and its .dlq) from the beginning to the current end, bounded
//       by <seconds>; prints "leak <topic>/<partition>@<offset> <needle>" for any needle in a value
//       or header, "dlq <topic> <ce_id> group=<consumer group> attempts=<n> reason=<dead-letter-reason>"
//       for DLQ records whose ce_id is in ids-file, and a summary line "scanned <n> records in <topics> topics".
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.*;
import java.util.concurrent.TimeUnit;

public class KafkaProbe {
    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "poison" -> poison(a[1], a[2], a[3], a[4], Path.of(a[5]));
            case "scan" -> scan(a[1], Integer.parseInt(a[2]), Path.of(a[3]), Path.of(a[4]));
            default -> throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    static Properties base(String bootstrap) {
        if (!bootstrap.startsWith("127.0.0.1:")) throw new IllegalArgumentException("loopback only");
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("client.id", "civic-faults-probe");
        return p;
    }

    static void poison(String bootstrap, String county, String village, String grid, Path out) throws Exception {
        Properties p = base(bootstrap);
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("acks", "all");
        String now = OffsetDateTime.now(ZoneOffset.ofHours(8)).toString();
        String township = village.substring(0, village.lastIndexOf('-'));
        String newVillage = township + "-V" + (100 + new Random().nextInt(800));
        String incidentId = UUID.randomUUID().toString(), caseId = UUID.randomUUID().toString();
        String mediationId = UUID.randomUUID().toString();
        String pathGrid = "[\"" + county + "\",\"" + township + "\",\"" + village + "\",\"" + grid + "\"]";
        String pathVillage = "[\"" + county + "\",\"" + township + "\",\"" + village + "\"]";
        record Ev(String topic, String key, String type, String goodData, String badTypes) { }
        List<Ev> evs = List.of(
                new Ev("civicsafety.areas.v1", newVillage, "org.civicsafety.area.upserted.v1",
                        "{\"code\":\"" + newVillage + "\",\"name\":\"FQ R5 village\",\"level\":\"VILLAGE\",\"parentCode\":\"" + township
                                + "\",\"path\":[\"" + county + "\",\"" + township + "\",\"" + newVillage + "\"],\"population\":10,\"responsibleUnit\":\"fq-r5\",\"version\":1,\"occurredAt\":\"" + now + "\"}",
                        "{\"code\":5,\"name\":[1],\"level\":\"NOT_A_LEVEL\",\"parentCode\":{},\"path\":\"not-an-array\",\"population\":\"many\",\"version\":\"abc\",\"occurredAt\":\"yesterday\"}"),
                new Ev("civicsafety.units.v1", "fq-r5-unit-" + incidentId.substring(0, 6), "org.civicsafety.unit.upserted.v1",
                        "{\"id\":\"fq-r5-unit-" + incidentId.substring(0, 6) + "\",\"name\":\"FQ R5 unit\",\"nameEn\":null,\"areaCode\":\"" + village
                                + "\",\"kind\":\"OTHER\",\"active\":true,\"noticeChannels\":{\"email\":null,\"webhookUrl\":null},\"version\":1,\"occurredAt\":\"" + now + "\"}",
                        "{\"id\":5,\"name\":[1],\"areaCode\":{},\"kind\":7,\"active\":\"yes\",\"noticeChannels\":\"none\",\"version\":\"abc\",\"occurredAt\":\"soon\"}"),
                new Ev("civicsafety.grid.v1", incidentId, "org.civicsafety.incident.reported.v1",
                        "{\"incidentId\":\"" + incidentId + "\",\"number\":\"SJ-FQ-" + incidentId.substring(0, 6) + "\",\"categoryCode\":\"STREET_LIGHT\",\"severity\":\"GENERAL\",\"source\":\"CITIZEN\",\"areaCode\":\"" + grid
                                + "\",\"path\":" + pathGrid + ",\"state\":\"DISPATCHED\",\"level\":\"VILLAGE\",\"assignedUnit\":\"fq-r5\",\"dueAt\":\"" + now + "\",\"duplicateOf\":null,\"version\":1,\"occurredAt\":\"" + now + "\"}",
                        "{\"incidentId\":\"not-a-uuid\",\"severity\":42,\"areaCode\":[],\"path\":\"x\",\"state\":{},\"version\":\"abc\",\"occurredAt\":\"2026-13-45\"}"),
                new Ev("civicsafety.cases.v1", caseId, "org.civicsafety.case.registered.v1",
                        "{\"caseId\":\"" + caseId + "\",\"number\":\"XF-FQ-" + caseId.substring(0, 6) + "\",\"channel\":\"ONLINE\",\"type\":\"REQUEST_GRIEVANCE\",\"areaCode\":\"" + village
                                + "\",\"path\":" + pathVillage + ",\"state\":\"REGISTERED\",\"unitId\":null,\"petitionerRef\":\"fq-r5\",\"groupSize\":1,\"repeat\":false,\"repeatOf\":null,\"dueAt\":\"" + now + "\",\"version\":1,\"occurredAt\":\"" + now + "\"}",
                        "{\"caseId\":12,\"channel\":\"NOPE\",\"areaCode\":true,\"path\":{},\"groupSize\":\"x\",\"version\":\"abc\",\"occurredAt\":\"never\"}"),
                // mediation.md: grid-service (resolving an agreed mediation's incident) and assessment-service
                // (I11, I12) both consume it; an agreement of no incident changes nothing in grid-service
                new Ev("civicsafety.cases.v1", mediationId, "org.civicsafety.mediation.concluded.v1",
                        "{\"mediationId\":\"" + mediationId + "\",\"number\":\"TJ-FQ-" + mediationId.substring(0, 6) + "\",\"type\":\"PEOPLES\",\"areaCode\":\"" + village
                                + "\",\"path\":" + pathVillage + ",\"level\":\"VILLAGE\",\"state\":\"AGREED\",\"outcome\":\"AGREED\",\"referral\":null,\"sourceIncidentId\":null,\"sourceCaseId\":null,\"partyCount\":2,\"durationDays\":3,\"version\":4,\"occurredAt\":\"" + now + "\"}",
                        "{\"mediationId\":7,\"number\":[],\"areaCode\":{},\"path\":\"x\",\"outcome\":5,\"sourceIncidentId\":\"not-a-uuid\",\"version\":\"abc\",\"occurredAt\":\"never\"}"));
        StringBuilder lines = new StringBuilder();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (Ev e : evs) {
                String[][] sends = {{"poison-json", "{\"" + e.key() + "\": [truncated"}, {"poison-types", e.badTypes()}, {"good", e.goodData()}};
                for (String[] s : sends) {
                    String id = UUID.randomUUID().toString();
                    ProducerRecord<String, byte[]> r = new ProducerRecord<>(e.topic(), e.key(), s[1].getBytes(StandardCharsets.UTF_8));
                    r.headers().add("ce_id", b(id)).add("ce_source", b("/fault-injection")).add("ce_type", b(e.type()))
                            .add("ce_specversion", b("1.0")).add("ce_time", b(now)).add("ce_subject", b(e.key()))
                            .add("content-type", b("application/json"));
                    producer.send(r).get(20, TimeUnit.SECONDS);
                    lines.append(e.topic()).append(' ').append(s[0]).append(' ').append(id).append(' ').append(e.type()).append('\n');
                }
            }
        }
        Files.writeString(out, lines.toString());
        System.out.print(lines);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void scan(String bootstrap, int seconds, Path needlesFile, Path idsFile) throws Exception {
        List<byte[]> needles = new ArrayList<>();
        for (String n : Files.readAllLines(needlesFile)) if (!n.isBlank()) needles.add(b(n.strip()));
        Set<String> ids = new HashSet<>();
        if (Files.exists(idsFile)) for (String l : Files.readAllLines(idsFile)) if (!l.isBlank()) ids.add(l.strip().split(" ")[l.strip().split(" ").length - 1]);
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        Properties p = base(bootstrap);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "2000");
        long scanned = 0;
        int leaks = 0;
        Set<String> topics = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> e : c.listTopics(Duration.ofSeconds(20)).entrySet()) {
                if (!e.getKey().startsWith("civicsafety.")) continue;
                topics.add(e.getKey());
                for (PartitionInfo pi : e.getValue()) tps.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(tps));
            end.entrySet().removeIf(x -> x.getValue() == 0L);
            while (!end.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    scanned++;
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (end.containsKey(tp) && r.offset() + 1 >= end.get(tp)) end.remove(tp);
                    for (byte[] n : needles) {
                        boolean hit = contains(r.value(), n) || contains(r.key(), n);
                        for (Header h : r.headers()) hit |= contains(h.value(), n);
                        if (hit && leaks++ < 50)
                            System.out.println("leak " + r.topic() + "/" + r.partition() + "@" + r.offset() + " " + new String(n, StandardCharsets.UTF_8));
                    }
                    if (r.topic().endsWith(".dlq")) {
                        Header id = r.headers().lastHeader("ce_id");
                        String ce = id == null ? "" : new String(id.value(), StandardCharsets.UTF_8);
                        if (ids.contains(ce)) {
                            // the dead-letter headers every consumer writes (events.md): SmallRye's names plus group and attempts
                            Header group = r.headers().lastHeader("dead-letter-consumer-group");
                            Header att = r.headers().lastHeader("dead-letter-attempts");
                            Header reason = r.headers().lastHeader("dead-letter-reason");
                            System.out.println("dlq " + r.topic() + " " + ce
                                    + " group=" + (group == null ? "-" : new String(group.value(), StandardCharsets.UTF_8))
                                    + " attempts=" + (att == null ? "-" : new String(att.value(), StandardCharsets.UTF_8))
                                    + " reason=" + (reason == null ? "(no dead-letter-reason header)" : new String(reason.value(), StandardCharsets.UTF_8).replace('\n', ' ')));
                        }
                    }
                }
                c.position(tps.get(0)); // keeps the assignment alive between polls
                end.keySet().removeIf(tp -> c.position(tp) >= end.get(tp));
            }
            if (!end.isEmpty()) System.out.println("incomplete " + end.size() + " partitions not read to the end within " + seconds + " s");
        }
        System.out.println("scanned " + scanned + " records in " + topics.size() + " topics");
    }

    static boolean contains(byte[] hay, byte[] needle) {
        if (hay == null || needle.length == 0 || hay.length < needle.length) return false;
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
