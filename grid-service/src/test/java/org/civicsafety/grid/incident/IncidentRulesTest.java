package org.civicsafety.grid.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.AttributeDef;
import org.civicsafety.grid.category.AttributeRules;
import org.civicsafety.grid.category.Severity;
import org.civicsafety.grid.common.FieldError;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain unit tests of the workflow table, escalation and attribute rules. */
class IncidentRulesTest {

    @Test
    void workflowTableMatchesTheSpec() {
        assertEquals(IncidentState.IN_PROGRESS,
                IncidentWorkflow.rule(IncidentState.DISPATCHED, Action.START).orElseThrow().next());
        assertEquals(IncidentState.REJECTED,
                IncidentWorkflow.rule(IncidentState.DISPATCHED, Action.REJECT).orElseThrow().next());
        assertEquals(IncidentState.RESOLVED,
                IncidentWorkflow.rule(IncidentState.IN_PROGRESS, Action.RESOLVE).orElseThrow().next());
        assertEquals(IncidentState.CLOSED,
                IncidentWorkflow.rule(IncidentState.RESOLVED, Action.VERIFY).orElseThrow().next());
        assertEquals(IncidentState.IN_PROGRESS,
                IncidentWorkflow.rule(IncidentState.RESOLVED, Action.REOPEN).orElseThrow().next());
        for (IncidentState terminal : List.of(IncidentState.CLOSED, IncidentState.REJECTED, IncidentState.DUPLICATE)) {
            for (Action a : Action.values()) {
                assertTrue(IncidentWorkflow.rule(terminal, a).isEmpty(), terminal + " " + a);
            }
        }
        assertTrue(IncidentWorkflow.rule(IncidentState.REPORTED, Action.START).isEmpty());
        assertTrue(IncidentWorkflow.rule(IncidentState.IN_PROGRESS, Action.VERIFY).isEmpty());
    }

    @Test
    void rolesDecideTheAllowedActions() {
        assertEquals(List.of(Action.START, Action.REJECT),
                IncidentWorkflow.allowed(IncidentState.DISPATCHED, AreaLevel.VILLAGE, Set.of("handler")));
        assertEquals(List.of(Action.REJECT, Action.ESCALATE),
                IncidentWorkflow.allowed(IncidentState.DISPATCHED, AreaLevel.VILLAGE, Set.of("supervisor")));
        assertEquals(List.of(Action.REJECT),
                IncidentWorkflow.allowed(IncidentState.DISPATCHED, AreaLevel.COUNTY, Set.of("supervisor")));
        assertEquals(List.of(Action.VERIFY, Action.REOPEN),
                IncidentWorkflow.allowed(IncidentState.RESOLVED, AreaLevel.VILLAGE, Set.of("grid_worker")));
        assertEquals(List.of(), IncidentWorkflow.allowed(IncidentState.RESOLVED, AreaLevel.VILLAGE, Set.of("citizen")));
        assertEquals(List.of(Action.RESOLVE, Action.ESCALATE),
                IncidentWorkflow.allowed(IncidentState.IN_PROGRESS, AreaLevel.TOWNSHIP, Set.of("admin")));
        assertTrue(IncidentWorkflow.rule(IncidentState.DISPATCHED, Action.REJECT).orElseThrow().needsReason());
        assertFalse(IncidentWorkflow.permits(IncidentWorkflow.rule(IncidentState.DISPATCHED, Action.START)
                .orElseThrow(), Set.of("grid_worker")));
    }

    @Test
    void startingLevelAndEscalationLadder() {
        assertEquals(AreaLevel.VILLAGE, EscalationPolicy.startLevel(Severity.GENERAL));
        assertEquals(AreaLevel.TOWNSHIP, EscalationPolicy.startLevel(Severity.SERIOUS));
        assertEquals(AreaLevel.COUNTY, EscalationPolicy.startLevel(Severity.MAJOR));
        assertEquals(AreaLevel.COUNTY, EscalationPolicy.startLevel(Severity.CRITICAL));
        assertEquals(AreaLevel.TOWNSHIP, EscalationPolicy.up(AreaLevel.VILLAGE));
        assertEquals(AreaLevel.COUNTY, EscalationPolicy.up(AreaLevel.TOWNSHIP));
        assertNull(EscalationPolicy.up(AreaLevel.COUNTY));
        OffsetDateTime t = OffsetDateTime.parse("2026-11-21T08:00:00+08:00");
        assertEquals(t.plusHours(24), EscalationPolicy.dueAt(t, Map.of(Severity.SERIOUS, 24), Severity.SERIOUS));
        List<String> path = List.of("C", "C-T", "C-T-V", "C-T-V-G");
        assertEquals("C-T", EscalationPolicy.areaAt(path, AreaLevel.TOWNSHIP));
        assertEquals("C-T-V", EscalationPolicy.areaAt(path, AreaLevel.VILLAGE));
    }

    @Test
    void attributesAreCheckedAgainstTheCategory() throws Exception {
        List<AttributeDef> defs = List.of(
                new AttributeDef("injured", "singlevaluelist", true, Map.of(),
                        List.of(new AttributeDef.Value("yes", Map.of()), new AttributeDef.Value("no", Map.of()))),
                new AttributeDef("count", "number", false, Map.of(), null),
                new AttributeDef("when", "datetime", false, Map.of(), null),
                new AttributeDef("kinds", "multivaluelist", false, Map.of(),
                        List.of(new AttributeDef.Value("a", Map.of()), new AttributeDef.Value("b", Map.of()))));
        ObjectMapper json = new ObjectMapper();
        assertTrue(AttributeRules.validate(defs, json.readTree(
                "{\"injured\":\"yes\",\"count\":\"3\",\"when\":\"2026-01-01T10:00:00+08:00\",\"kinds\":[\"a\",\"b\"]}"),
                "attributes").isEmpty());
        List<FieldError> errors = AttributeRules.validate(defs, json.readTree(
                "{\"count\":\"x\",\"when\":\"yesterday\",\"kinds\":[\"c\"],\"extra\":1}"), "attributes");
        assertEquals(Set.of("attributes.injured", "attributes.count", "attributes.when", "attributes.kinds",
                "attributes.extra"), Set.copyOf(errors.stream().map(FieldError::field).toList()));
        assertEquals("attributes.injured", AttributeRules.validate(defs, null, "attributes").get(0).field());
    }
}
