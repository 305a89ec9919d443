package org.civicsafety.grid;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.civicsafety.grid.area.AreaService;
import org.civicsafety.grid.unit.UnitService;
import org.civicsafety.grid.incident.IncidentEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event contract itself: it covers what the code writes, its examples are valid, and it rejects what is not. */
class EventContractTest {
    private static final String DISPATCHED = "{\"incidentId\":\"4e10c1ec-55c4-4ad2-8abc-ed467b3b2a0f\","
            + "\"number\":\"SJ-2026-035345\",\"categoryCode\":\"FIGHT\",\"categoryGroup\":\"PUBLIC_ORDER\",\"severity\":\"GENERAL\",\"source\":\"GRID_WORKER\","
            + "\"areaCode\":\"X99-T01-V01-G01\",\"path\":[\"X99\",\"X99-T01\",\"X99-T01-V01\",\"X99-T01-V01-G01\"],"
            + "\"state\":\"DISPATCHED\",\"level\":\"VILLAGE\",\"assignedUnit\":\"unit-X99-T01-V01\","
            + "\"dueAt\":\"2026-12-06T06:59:51.311813Z\",\"duplicateOf\":null,\"reportCount\":1,\"version\":2,"
            + "\"occurredAt\":\"2026-12-05T06:59:51.317959067Z\",\"reportedAt\":\"2026-12-05T06:59:51.311813Z\"}";

    @Test
    void documentsExactlyTheTypesTheCodeWrites() {
        Set<String> written = new TreeSet<>(IncidentEvents.types());
        written.add(AreaService.UPSERTED);
        written.add(UnitService.UPSERTED);
        assertEquals(written, EventContract.types());
    }

    @Test
    void everyMessageHasExamplesThatMatchItsSchemas() {
        List<String> problems = new ArrayList<>();
        EventContract.document().path("components").path("messages").properties().forEach(m -> {
            JsonNode examples = m.getValue().path("examples");
            if (examples.isEmpty()) {
                problems.add(m.getKey() + " has no example");
            }
            for (JsonNode example : examples) {
                for (String part : List.of("headers", "payload")) {
                    List<String> errors = EventContract.errors(m.getKey(), part, example.path(part).toString());
                    if (!errors.isEmpty()) {
                        problems.add(m.getKey() + " " + example.path("name").asText() + " " + part + ": " + errors);
                    }
                }
                if (!m.getValue().path("name").asText().equals(example.path("headers").path("ce_type").asText())) {
                    problems.add(m.getKey() + " " + example.path("name").asText() + ": ce_type is not the name");
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void aConformingRecordPasses() {
        EventContract.validate(record("civicsafety.grid.v1", "org.civicsafety.incident.dispatched.v1", DISPATCHED));
    }

    @Test
    void aRecordThatBreaksItsSchemaFails() {
        String unitless = DISPATCHED.replace("\"assignedUnit\":\"unit-X99-T01-V01\"", "\"assignedUnit\":null");
        AssertionError e = assertThrows(AssertionError.class, () -> EventContract
                .validate(record("civicsafety.grid.v1", "org.civicsafety.incident.dispatched.v1", unitless)));
        assertTrue(e.getMessage().contains("assignedUnit"), e.getMessage());
        String badState = DISPATCHED.replace("\"state\":\"DISPATCHED\"", "\"state\":\"OPEN\"");
        assertThrows(AssertionError.class, () -> EventContract
                .validate(record("civicsafety.grid.v1", "org.civicsafety.incident.dispatched.v1", badState)));
        String noVersion = DISPATCHED.replace("\"version\":2,", "");
        assertThrows(AssertionError.class, () -> EventContract
                .validate(record("civicsafety.grid.v1", "org.civicsafety.incident.dispatched.v1", noVersion)));
    }

    @Test
    void anUndocumentedTypeOrTheWrongTopicOrHeadersFail() {
        assertThrows(AssertionError.class, () -> EventContract
                .validate(record("civicsafety.grid.v1", "org.civicsafety.incident.teleported.v1", DISPATCHED)));
        assertThrows(AssertionError.class, () -> EventContract
                .validate(record("civicsafety.areas.v1", "org.civicsafety.incident.dispatched.v1", DISPATCHED)));
        ConsumerRecord<String, String> r = record("civicsafety.grid.v1", "org.civicsafety.incident.dispatched.v1",
                DISPATCHED);
        r.headers().remove("ce_source").add("ce_source", "/cases-service".getBytes(StandardCharsets.UTF_8));
        assertThrows(AssertionError.class, () -> EventContract.validate(r));
    }

    private static ConsumerRecord<String, String> record(String topic, String type, String value) {
        String key = "4e10c1ec-55c4-4ad2-8abc-ed467b3b2a0f";
        RecordHeaders headers = new RecordHeaders();
        Map.of("ce_specversion", "1.0", "ce_id", "9bab4eb0-adb1-4333-94ff-3ca2e635e464", "ce_source", "/grid-service",
                "ce_type", type, "ce_time", "2026-12-05T06:59:51.254493Z", "ce_subject", key, "content-type",
                "application/json", "traceparent", "00-cd462604576b28272eae01a9f7b3f865-a0754ba7906e3caf-01")
                .forEach((k, v) -> headers.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        return new ConsumerRecord<>(topic, 0, 0L, 0L, TimestampType.CREATE_TIME, -1, -1, key, value, headers,
                Optional.empty());
    }
}
