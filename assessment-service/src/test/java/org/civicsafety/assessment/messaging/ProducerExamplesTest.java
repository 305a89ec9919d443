package org.civicsafety.assessment.messaging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.AssessmentConfig;
import org.civicsafety.assessment.indicator.Severity;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.EventContract;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.Sql;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer reads what its producers document (conventions.md "The API contract"): the examples of
 * grid-service's and cases-service's asyncapi.yaml are published as those services publish them — the documented
 * headers and data — and the service applies them. What is changed in a copy is only what keeps runs apart and in
 * the running period: a fresh ce_id, aggregate id and area hierarchy, and occurredAt now (each copy is checked
 * against its producer's schema before it is sent).
 */
@QuarkusTest
class ProducerExamplesTest {
    private static final EventContract GRID = EventContract
            .of(Path.of("../grid-service/src/main/resources/asyncapi.yaml"));
    private static final EventContract CASES = EventContract
            .of(Path.of("../cases-service/src/main/resources/asyncapi.yaml"));
    private static final String AREA_UPSERTED = "org.civicsafety.area.upserted.v1";
    private static final List<String> LEVELS = List.of("COUNTY", "TOWNSHIP", "VILLAGE", "GRID");

    @Inject EventConsumer consumer;
    @Inject AssessmentConfig config;
    @Inject Sql sql;

    @BeforeEach
    void ready() {
        ConsumerReady.await(consumer);
    }

    /** Every example of the three topics the service consumes is applied (recorded as consumed, not dead-lettered). */
    @Test
    void everyExampleOfTheConsumedTopicsIsApplied() throws Exception {
        List<String> ceIds = new ArrayList<>();
        List<String> path = hierarchy(ceIds);
        Set<String> topics = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        for (EventContract producer : List.of(GRID, CASES)) {
            for (EventContract.Example e : producer.examples()) {
                if (e.topic().equals(config.kafka().gridTopic())) {
                    ceIds.add(feed(producer, e, "incidentId", UUID.randomUUID().toString(), path));
                } else if (e.topic().equals(config.kafka().casesTopic())) {
                    ceIds.add(feed(producer, e, "caseId", UUID.randomUUID().toString(), path.subList(0, 3)));
                } else if (!e.type().equals(AREA_UPSERTED)) { // areas: the hierarchy is built from them
                    continue; // a topic the service does not consume
                }
                topics.add(e.topic());
                types.add(e.type());
            }
        }
        assertEquals(Set.of(config.kafka().areasTopic(), config.kafka().gridTopic(), config.kafka().casesTopic()),
                topics, "the producers document examples of every consumed topic");
        Wait.until(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM consumed_event WHERE ce_id = ANY(?)",
                (Object) ceIds.toArray(String[]::new)) == ceIds.size());
        assertTrue(types.size() >= 20, "examples of " + types);
    }

    /** grid-service's incident examples move I1–I3 of the area as assessment.md defines them. */
    @Test
    void incidentExamplesMoveTheIncidentIndicators() throws Exception {
        List<String> path = hierarchy(new ArrayList<>());
        String grid = path.get(path.size() - 1);
        String kept = UUID.randomUUID().toString();
        String rejected = UUID.randomUUID().toString();
        EventContract.Example reported = example(GRID, "org.civicsafety.incident.reported.v1", e -> true);
        EventContract.Example resolved = example(GRID, "org.civicsafety.incident.resolved.v1", e -> true);
        feed(GRID, reported, "incidentId", kept, path);
        for (String kind : List.of("dispatched", "started", "escalated"))
            feed(GRID, example(GRID, "org.civicsafety.incident." + kind + ".v1", e -> true), "incidentId", kept, path);
        feed(GRID, resolved, "incidentId", kept, path);
        feed(GRID, example(GRID, "org.civicsafety.incident.verified.v1", e -> true), "incidentId", kept, path);
        // a report later rejected is taken back
        feed(GRID, reported, "incidentId", rejected, path);
        feed(GRID, example(GRID, "org.civicsafety.incident.rejected.v1", e -> true), "incidentId", rejected, path);

        double weight = Severity.valueOf(reported.payload().path("severity").asText()).defaultWeight();
        double onTime = resolved.payload().path("onTime").asBoolean() ? 1 : 0;
        Wait.untilAsserted(Duration.ofSeconds(30), () -> {
            JsonPath d = Flow.detail(grid, null);
            assertIndicator(d, "I1", weight, null); // Σ severity weight × reports
            assertIndicator(d, "I2", onTime, 1.0); // resolved on time / resolved
            assertIndicator(d, "I3", 1.0, 1.0); // escalated / reported
        });
    }

    /** cases-service's case examples move I4–I8 of the area as assessment.md defines them. */
    @Test
    void caseExamplesMoveTheCaseIndicators() throws Exception {
        List<String> village = hierarchy(new ArrayList<>()).subList(0, 3);
        String handled = UUID.randomUUID().toString();
        EventContract.Example accepted = example(CASES, "org.civicsafety.case.accepted.v1", e -> true);
        EventContract.Example answered = example(CASES, "org.civicsafety.case.answered.v1", e -> true);
        EventContract.Example rated = example(CASES, "org.civicsafety.case.rated.v1", e -> true);
        feed(CASES, example(CASES, "org.civicsafety.case.registered.v1", e -> !e.payload().path("repeat").asBoolean()),
                "caseId", handled, village);
        feed(CASES, example(CASES, "org.civicsafety.case.assigned.v1", e -> true), "caseId", handled, village);
        feed(CASES, accepted, "caseId", handled, village);
        feed(CASES, answered, "caseId", handled, village);
        feed(CASES, rated, "caseId", handled, village);
        feed(CASES, example(CASES, "org.civicsafety.case.finalized.v1", e -> true), "caseId", handled, village);
        // a repeat petition, and another case's missed deadline
        feed(CASES, example(CASES, "org.civicsafety.case.registered.v1", e -> e.payload().path("repeat").asBoolean()),
                "caseId", UUID.randomUUID().toString(), village);
        feed(CASES, example(CASES, "org.civicsafety.case.overdue.v1", e -> true), "caseId",
                UUID.randomUUID().toString(), village);

        double acceptedOnTime = accepted.payload().path("onTime").asBoolean() ? 1 : 0;
        double met = acceptedOnTime + (answered.payload().path("onTime").asBoolean() ? 1 : 0);
        double points = switch (rated.payload().path("satisfaction").asText()) {
            case "SATISFIED" -> 1;
            case "BASICALLY_SATISFIED" -> 0.5;
            default -> 0;
        };
        String area = village.get(village.size() - 1);
        Wait.untilAsserted(Duration.ofSeconds(30), () -> {
            JsonPath d = Flow.detail(area, null);
            assertIndicator(d, "I4", 1.0, 1.0); // answered or finalised / accepted
            assertIndicator(d, "I5", 1.0, met + 1); // overdue / (deadlines met + overdue)
            assertIndicator(d, "I6", 1.0, 2.0); // repeat / registered
            assertIndicator(d, "I7", acceptedOnTime, 1.0); // acceptance decided on time / assigned
            assertIndicator(d, "I8", points, 1.0); // satisfaction points / rated
        });
    }

    /**
     * grid-service's area example under a fresh county, after its ancestors (copies of it one level up each):
     * the codes from the county down to the example's area, once the service lists the area under its parent.
     */
    private List<String> hierarchy(List<String> ceIds) {
        EventContract.Example e = example(GRID, AREA_UPSERTED, x -> true);
        List<String> original = new ArrayList<>();
        e.payload().path("path").forEach(c -> original.add(c.asText()));
        String root = original.get(0);
        String county = "P" + TestEvents.suffix();
        List<String> path = original.stream().map(c -> county + c.substring(root.length())).toList();
        for (int i = 0; i < path.size(); i++) {
            ObjectNode data = e.payload().deepCopy();
            data.put("code", path.get(i)).put("parentCode", i == 0 ? null : path.get(i - 1))
                    .put("responsibleUnit", data.path("responsibleUnit").asText().replace(root, county));
            if (i < path.size() - 1)
                data.put("level", LEVELS.get(i)).put("name", e.payload().path("name").asText() + " " + LEVELS.get(i));
            ArrayNode p = data.putArray("path");
            path.subList(0, i + 1).forEach(p::add);
            ceIds.add(publish(GRID, e, path.get(i), data));
        }
        String code = path.get(path.size() - 1);
        Wait.untilAsserted(Duration.ofSeconds(30), () -> {
            JsonPath l = Flow.list(path.get(path.size() - 2), null);
            assertEquals(List.of(code), l.getList("items.areaCode"));
            assertEquals(e.payload().path("name").asText(), l.getString("items[0].name"));
            assertEquals(e.payload().path("level").asText(), l.getString("items[0].level"));
            assertEquals(e.payload().path("population").asLong(), l.getLong("items[0].population"));
        });
        return path;
    }

    /** The example about another aggregate in the given area, published; returns its ce_id. */
    private static String feed(EventContract producer, EventContract.Example e, String idField, String id,
            List<String> path) {
        ObjectNode data = e.payload().deepCopy();
        data.put(idField, id).put("areaCode", path.get(path.size() - 1));
        ArrayNode p = data.putArray("path");
        path.forEach(p::add);
        return publish(producer, e, id, data);
    }

    /** Publishes the example's headers with a fresh ce_id and the given subject (= key), and the data, happening now. */
    private static String publish(EventContract producer, EventContract.Example e, String key, ObjectNode data) {
        data.put("occurredAt",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Flow.now().truncatedTo(ChronoUnit.MILLIS)));
        Map<String, String> headers = new LinkedHashMap<>(e.headers());
        String ceId = UUID.randomUUID().toString();
        headers.put("ce_id", ceId);
        headers.put("ce_subject", key);
        assertEquals(List.of(), producer.problems(headers, data.toString()),
                "the copy of " + e.type() + " " + e.name());
        TestEvents.publishRecord(e.topic(), key, headers, data.toString().getBytes(StandardCharsets.UTF_8));
        return ceId;
    }

    private static EventContract.Example example(EventContract producer, String type,
            Predicate<EventContract.Example> which) {
        return producer.examples().stream().filter(e -> e.type().equals(type) && which.test(e)).findFirst()
                .orElseThrow(() -> new AssertionError("no example of " + type + " in " + producer.types()));
    }

    private static void assertIndicator(JsonPath detail, String id, double numerator, Double denominator) {
        assertEquals(numerator, number(Flow.indicator(detail, id, "numerator")), 1e-9, id + " numerator");
        if (denominator != null)
            assertEquals(denominator, number(Flow.indicator(detail, id, "denominator")), 1e-9, id + " denominator");
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
