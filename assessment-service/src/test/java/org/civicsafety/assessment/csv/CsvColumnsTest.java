package org.civicsafety.assessment.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CsvColumnsTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    enum Kind {
        VISIT, APPOINTMENT
    }

    record Code(String value) {
        @JsonValue
        String json() {
            return value;
        }
    }

    record Flags(boolean overdue, Boolean backlog) {}

    record Leader(String name, Flags flags) {}

    record Item(UUID id, String title, Kind kind, int count, double rate, LocalDate day, Code code, Flags flags,
            Leader leader, List<String> tags, List<Flags> history, Map<String, Long> byState,
            @JsonInclude(JsonInclude.Include.NON_NULL) String optional, @JsonIgnore String secret) {}

    private CsvColumns columns() {
        return CsvColumns.of(mapper, mapper.constructType(Item.class));
    }

    @Test
    void columnsAreTheJsonPropertiesInOrderWithNestedObjectsFlattened() {
        assertEquals(List.of("id", "title", "kind", "count", "rate", "day", "code", "flags.overdue", "flags.backlog",
                "leader.name", "leader.flags.overdue", "leader.flags.backlog", "tags", "history", "byState",
                "optional"),
                columns().names());
    }

    @Test
    void cellsAreWhatJsonWritesForTheItem() {
        UUID id = UUID.randomUUID();
        Item item = new Item(id, "=1+2 路灯", Kind.VISIT, -3, 0.25, LocalDate.of(2026, 12, 5), new Code("C01"),
                new Flags(true, null), new Leader("王*", new Flags(false, true)), List.of("a", "-b"),
                List.of(new Flags(true, false)), Map.of("REGISTERED", 2L), null, "never");
        assertEquals(List.of(id.toString(), "'=1+2 路灯", "VISIT", "-3", "0.25", "2026-12-05", "C01", "true", "",
                "王*", "false", "true", "a; -b", "[{\"overdue\":true,\"backlog\":false}]", "{\"REGISTERED\":2}", ""),
                columns().cells(mapper.valueToTree(item)));
    }

    @Test
    void aNullNestedObjectIsEmptyCells() {
        Item item = new Item(null, null, null, 0, 0, null, null, null, null, List.of(), List.of(), Map.of(), null,
                null);
        List<String> cells = columns().cells(mapper.valueToTree(item));
        assertEquals(16, cells.size());
        assertEquals(List.of("", "", "", "", "", "", ""), cells.subList(7, 14));
        assertEquals("", cells.get(12), "an empty list of scalars is an empty cell");
    }
}
