package org.civicsafety.grid.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.AttributeDef;
import org.civicsafety.grid.category.AttributeRules;
import org.civicsafety.grid.category.Severity;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.incident.IncidentWorkflow.Assignment;
import org.civicsafety.grid.incident.IncidentWorkflow.Role;
import org.civicsafety.grid.incident.IncidentWorkflow.Step;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain unit tests of the workflow table, escalation and attribute rules. */
class IncidentRulesTest {

    /** An incident in a state at a level, as the workflow sees it (no database). */
    static Incident incident(IncidentState state, AreaLevel level) {
        OffsetDateTime now = OffsetDateTime.parse("2026-05-01T08:00:00Z");
        Incident i = new Incident(UUID.randomUUID(), "SJ-2026-000001", "STREET_LIGHT", Severity.GENERAL, "dark",
                30.1, 120.1, null, "G1", List.of("C1", "T1", "V1", "G1"), Source.CITIZEN, "u1", null, null, "{}",
                level, null, now, null);
        i.state = state;
        i.dueAt = now.plusHours(24);
        return i;
    }

    private static IncidentState next(IncidentState from, Action action) {
        return IncidentWorkflow.rule(incident(from, AreaLevel.VILLAGE), Step.of(action)).orElseThrow().to();
    }

    private static List<Action> allowed(IncidentState state, AreaLevel level, String... roles) {
        return IncidentWorkflow.allowed(incident(state, level), Role.of(Set.of(roles)));
    }

    @Test
    void workflowTableMatchesTheSpec() {
        assertEquals(IncidentState.IN_PROGRESS, next(IncidentState.DISPATCHED, Action.START));
        assertEquals(IncidentState.REJECTED, next(IncidentState.DISPATCHED, Action.REJECT));
        assertEquals(IncidentState.RESOLVED, next(IncidentState.IN_PROGRESS, Action.RESOLVE));
        assertEquals(IncidentState.CLOSED, next(IncidentState.RESOLVED, Action.VERIFY));
        assertEquals(IncidentState.IN_PROGRESS, next(IncidentState.RESOLVED, Action.REOPEN));
        for (IncidentState terminal : List.of(IncidentState.CLOSED, IncidentState.REJECTED, IncidentState.DUPLICATE)) {
            for (Step s : Step.values()) {
                assertTrue(IncidentWorkflow.rule(incident(terminal, AreaLevel.VILLAGE), s).isEmpty(),
                        terminal + " " + s);
            }
        }
        assertTrue(IncidentWorkflow.rule(incident(IncidentState.REPORTED, AreaLevel.VILLAGE), Step.START).isEmpty());
        assertTrue(IncidentWorkflow.rule(incident(IncidentState.IN_PROGRESS, AreaLevel.VILLAGE), Step.VERIFY)
                .isEmpty());
    }

    @Test
    void rolesDecideTheAllowedActions() {
        assertEquals(List.of(Action.START, Action.REJECT),
                allowed(IncidentState.DISPATCHED, AreaLevel.VILLAGE, "handler"));
        assertEquals(List.of(Action.REJECT, Action.ESCALATE),
                allowed(IncidentState.DISPATCHED, AreaLevel.VILLAGE, "supervisor"));
        assertEquals(List.of(Action.REJECT), allowed(IncidentState.DISPATCHED, AreaLevel.COUNTY, "supervisor"));
        assertEquals(List.of(Action.VERIFY, Action.REOPEN, Action.CONFIRM),
                allowed(IncidentState.RESOLVED, AreaLevel.VILLAGE, "grid_worker"));
        assertEquals(List.of(), allowed(IncidentState.RESOLVED, AreaLevel.VILLAGE, "citizen"));
        assertEquals(List.of(Action.RESOLVE, Action.ESCALATE),
                allowed(IncidentState.IN_PROGRESS, AreaLevel.TOWNSHIP, "admin"));
        Incident dispatched = incident(IncidentState.DISPATCHED, AreaLevel.VILLAGE);
        assertEquals("reason", IncidentWorkflow.rule(dispatched, Step.REJECT).orElseThrow().requires());
        assertFalse(IncidentWorkflow.rule(dispatched, Step.START).orElseThrow().permits(Set.of(Role.GRID_WORKER)));
    }

    @Test
    void systemStepsAreRowsTakenOnlyByTheService() {
        Incident reported = incident(IncidentState.REPORTED, AreaLevel.VILLAGE);
        IncidentWorkflow.Transition dispatch = IncidentWorkflow.rule(reported, Step.DISPATCH).orElseThrow();
        assertFalse(dispatch.permits(Set.of(Role.ADMIN)), "admin takes every step people take, not the automatic ones");
        assertTrue(dispatch.permits(Set.of(Role.SYSTEM)));
        OffsetDateTime now = reported.reportedAt();
        dispatch.take(reported, new Assignment(AreaLevel.VILLAGE, "unit-v1", now.plusHours(72)), now);
        assertEquals(IncidentState.DISPATCHED, reported.state());
        assertEquals("unit-v1", reported.assignedUnit());
        assertEquals(2, reported.version());
        assertEquals(now, reported.dispatchedAt, "the response rate counts from the first dispatch");
        assertEquals("dispatched", dispatch.event());

        // late below the county: escalated one level up with a new unit and deadline; at the county: flagged overdue
        Incident late = incident(IncidentState.IN_PROGRESS, AreaLevel.VILLAGE);
        IncidentWorkflow.Transition escalate = IncidentWorkflow.rule(late, Step.ESCALATE).orElseThrow();
        assertTrue(escalate.permits(Set.of(Role.SYSTEM)) && escalate.permits(Set.of(Role.SUPERVISOR)));
        Map<String, Object> data = escalate.take(late, new Assignment(AreaLevel.TOWNSHIP, "unit-t1",
                now.plusHours(96)), now);
        assertEquals(Map.of("fromLevel", "VILLAGE", "toLevel", "TOWNSHIP"), data);
        assertEquals(1, late.escalationCount());
        Incident atCounty = incident(IncidentState.DISPATCHED, AreaLevel.COUNTY);
        assertTrue(IncidentWorkflow.rule(atCounty, Step.ESCALATE).isEmpty());
        IncidentWorkflow.rule(atCounty, Step.OVERDUE).orElseThrow().take(atCounty, Assignment.NONE, now);
        assertTrue(atCounty.overdue());
        assertTrue(IncidentWorkflow.rule(atCounty, Step.OVERDUE).isEmpty(), "flagged once");
    }

    @Test
    void aMediationAgreementResolvesAnOpenIncidentOnlyAndOnlyTheSystemTakesIt() {
        for (IncidentState open : List.of(IncidentState.REPORTED, IncidentState.DISPATCHED,
                IncidentState.IN_PROGRESS)) {
            Incident i = incident(open, AreaLevel.VILLAGE);
            IncidentWorkflow.Transition t = IncidentWorkflow.rule(i, Step.RESOLVE_BY_MEDIATION).orElseThrow();
            assertFalse(t.permits(Set.of(Role.ADMIN, Role.HANDLER, Role.SUPERVISOR)), open + ": no person's action");
            assertEquals(Map.of("onTime", true), t.take(i, Assignment.NONE, i.dueAt().minusHours(1)), open.name());
            assertEquals(IncidentState.RESOLVED, i.state());
            assertEquals("resolved", t.event(), "the same event as a handler's RESOLVE");
        }
        for (IncidentState done : List.of(IncidentState.RESOLVED, IncidentState.CLOSED, IncidentState.REJECTED,
                IncidentState.DUPLICATE)) {
            assertTrue(IncidentWorkflow.rule(incident(done, AreaLevel.VILLAGE), Step.RESOLVE_BY_MEDIATION).isEmpty(),
                    done.name());
        }
        assertTrue(IncidentWorkflow.allowed(incident(IncidentState.DISPATCHED, AreaLevel.VILLAGE),
                Role.of(Set.of("admin"))).stream().noneMatch(a -> a.name().equals("RESOLVE_BY_MEDIATION")));
    }

    @Test
    void theReporterConfirmsReopensAndRatesEachResolutionOnce() {
        Incident i = incident(IncidentState.IN_PROGRESS, AreaLevel.VILLAGE);
        OffsetDateTime resolvedAt = i.dueAt().minusHours(1);
        IncidentWorkflow.rule(i, Step.RESOLVE).orElseThrow().take(i, Assignment.NONE, resolvedAt);
        Set<Role> reporter = Role.of(Set.of("citizen"), true);
        assertEquals(List.of(Action.REOPEN, Action.CONFIRM, Action.RATE), IncidentWorkflow.allowed(i, reporter));
        assertEquals(List.of(), IncidentWorkflow.allowed(i, Role.of(Set.of("citizen"), false)), "not the reporter");
        assertEquals(List.of(Action.REOPEN, Action.CONFIRM, Action.RATE),
                IncidentWorkflow.allowed(i, Role.of(Set.of("handler"))), "a handler recording a call-back");
        assertFalse(IncidentWorkflow.rule(i, Step.AUTO_CLOSE).orElseThrow().permits(Set.of(Role.ADMIN)),
                "only the feedback job closes an unanswered resolution");

        // RATE needs a satisfaction, keeps the state, and is taken once per resolution
        IncidentWorkflow.Transition rate = IncidentWorkflow.rule(i, Step.RATE).orElseThrow();
        assertFalse(rate.satisfiedBy(new TransitionRequest(Action.RATE, "fine", "fine", null)));
        assertTrue(rate.satisfiedBy(new TransitionRequest(Action.RATE, null, null, Satisfaction.DISSATISFIED)));
        long version = i.version();
        assertEquals(Map.of("satisfaction", "DISSATISFIED"), rate.take(i, new IncidentWorkflow.Input(
                Assignment.NONE, Satisfaction.DISSATISFIED, "citizen"), resolvedAt.plusHours(1)));
        assertEquals(IncidentState.RESOLVED, i.state());
        assertEquals(Satisfaction.DISSATISFIED, i.satisfaction());
        assertEquals(version + 1, i.version());
        assertEquals("rated", rate.event());
        assertTrue(IncidentWorkflow.rule(i, Step.RATE).isEmpty(), "a second RATE of the resolution is a 409");

        // REOPEN sends it back; the next resolution can be rated again, also after CONFIRM closed it
        IncidentWorkflow.Transition reopen = IncidentWorkflow.rule(i, Step.REOPEN).orElseThrow();
        assertTrue(reopen.permits(reporter));
        reopen.take(i, Assignment.NONE, resolvedAt.plusHours(2));
        assertEquals(IncidentState.IN_PROGRESS, i.state());
        IncidentWorkflow.rule(i, Step.RESOLVE).orElseThrow().take(i, Assignment.NONE, resolvedAt.plusHours(3));
        IncidentWorkflow.Transition confirm = IncidentWorkflow.rule(i, Step.CONFIRM).orElseThrow();
        assertEquals(Map.of("closedBy", "CONFIRM", "actorRole", "citizen"), confirm.take(i,
                new IncidentWorkflow.Input(Assignment.NONE, null, "citizen"), resolvedAt.plusHours(4)));
        assertEquals(IncidentState.CLOSED, i.state());
        assertEquals("verified", confirm.event());
        assertEquals(List.of(Action.RATE), IncidentWorkflow.allowed(i, reporter));
        IncidentWorkflow.rule(i, Step.RATE).orElseThrow().take(i, new IncidentWorkflow.Input(Assignment.NONE,
                Satisfaction.SATISFIED, "citizen"), resolvedAt.plusHours(5));
        assertEquals(IncidentState.CLOSED, i.state());
        assertTrue(IncidentWorkflow.rule(i, Step.RATE).isEmpty());
        assertEquals(List.of(), IncidentWorkflow.allowed(i, reporter));

        // nobody answered: the feedback job closes it
        Incident unanswered = incident(IncidentState.IN_PROGRESS, AreaLevel.VILLAGE);
        IncidentWorkflow.rule(unanswered, Step.RESOLVE).orElseThrow().take(unanswered, Assignment.NONE, resolvedAt);
        assertEquals(Map.of("closedBy", "AUTO_CLOSE", "actorRole", "system"), IncidentWorkflow
                .rule(unanswered, Step.AUTO_CLOSE).orElseThrow().take(unanswered, Assignment.NONE, resolvedAt));
        assertEquals(IncidentState.CLOSED, unanswered.state());
        assertTrue(Satisfaction.BASICALLY_SATISFIED.satisfied() && !Satisfaction.DISSATISFIED.satisfied());
    }

    @Test
    void theStateListsOfTheSqlComeFromTheEnumAndTheTable() {
        assertEquals("('REPORTED', 'DISPATCHED', 'IN_PROGRESS')", IncidentRepository.OPEN_STATES);
        assertEquals("('DISPATCHED', 'IN_PROGRESS')", IncidentRepository.LATE_STATES);
    }

    @Test
    void resolvingRecordsWhetherItWasOnTime() {
        Incident i = incident(IncidentState.IN_PROGRESS, AreaLevel.VILLAGE);
        IncidentWorkflow.Transition resolve = IncidentWorkflow.rule(i, Step.RESOLVE).orElseThrow();
        assertEquals("note", resolve.requires());
        assertEquals(Map.of("onTime", false), resolve.take(i, Assignment.NONE, i.dueAt().plusMinutes(1)));
        IncidentWorkflow.rule(i, Step.REOPEN).orElseThrow().take(i, Assignment.NONE, i.dueAt().plusHours(1));
        assertEquals(IncidentState.IN_PROGRESS, i.state());
        assertEquals(null, i.resolvedAt());
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
