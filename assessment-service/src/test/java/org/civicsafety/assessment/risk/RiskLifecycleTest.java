package org.civicsafety.assessment.risk;

import org.civicsafety.assessment.outbox.EventType;
import org.civicsafety.assessment.risk.RiskLifecycle.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.civicsafety.assessment.risk.RiskApi.Action.*;
import static org.civicsafety.assessment.risk.RiskLifecycle.State.*;
import static org.junit.jupiter.api.Assertions.*;

/** The transition table in plain Java: the spec's states and actions, guards, effects and events. */
class RiskLifecycleTest {
    static final Instant AT = Instant.parse("2026-11-21T01:00:00Z");

    static RiskAssessment draft() {
        return new RiskAssessment(UUID.randomUUID(), "t", "o", new String[]{"C01-T03"}, new String[]{"C01", "C01-T03"},
                null, "alice", AT.minusSeconds(60));
    }

    static RiskLifecycle.Context context(RiskAssessment a, int factors) {
        return new RiskLifecycle.Context(a,
                new RiskLifecycle.Evaluation(factors, RiskRules.Level.HIGH, RiskRules.Level.LOW,
                        RiskRules.Decision.PROCEED),
                "bob", AT);
    }

    @Test
    void theSpecsTransitionsAndNoOthers() {
        assertEquals(DECIDED, RiskLifecycle.find(DRAFT, DECIDE).orElseThrow().to());
        assertEquals(DRAFT, RiskLifecycle.find(DECIDED, REOPEN).orElseThrow().to());
        assertEquals(WITHDRAWN, RiskLifecycle.find(DRAFT, WITHDRAW).orElseThrow().to());
        assertEquals(List.of(DECIDE, WITHDRAW), RiskLifecycle.allowed(DRAFT));
        assertEquals(List.of(REOPEN), RiskLifecycle.allowed(DECIDED));
        assertEquals(List.of(), RiskLifecycle.allowed(WITHDRAWN));
        Set<String> keys = new HashSet<>();
        for (RiskLifecycle.Transition t : RiskLifecycle.TABLE) {
            assertTrue(keys.add(t.from() + "/" + t.action()), "one row per state and action: " + t);
            assertEquals(Set.of("supervisor", "analyst", "admin"), t.roles());
            assertEquals(List.of("action"), t.requires());
        }
        assertTrue(DRAFT.editable());
        assertFalse(DECIDED.editable());
        assertFalse(WITHDRAWN.editable());
    }

    @Test
    void decideNeedsAFactorRecordsTheImpliedDecisionAndEmitsDecided() {
        RiskLifecycle.Transition decide = RiskLifecycle.find(DRAFT, DECIDE).orElseThrow();
        RiskAssessment a = draft();
        assertFalse(decide.guard().holds().test(context(a, 0)));
        assertEquals("Add at least one factor before DECIDE", decide.guard().failure());

        List<RiskLifecycle.Event> events = RiskLifecycle.apply(decide, context(a, 2));
        assertEquals(DECIDED, a.state);
        assertEquals(2, a.version);
        assertEquals(RiskRules.Decision.PROCEED, a.decision);
        assertEquals(RiskRules.Level.HIGH, a.inherentLevel);
        assertEquals(RiskRules.Level.LOW, a.residualLevel);
        assertEquals("bob", a.decidedBy);
        assertEquals(AT, a.decidedAt);
        assertEquals(1, events.size());
        assertEquals(EventType.RISK_ASSESSMENT_DECIDED, events.get(0).type());
        assertEquals("PROCEED", events.get(0).data().get("decision"));
        assertEquals(List.of("C01-T03"), events.get(0).data().get("areaCodes"));

        RiskLifecycle.apply(RiskLifecycle.find(DECIDED, REOPEN).orElseThrow(), context(a, 2));
        assertEquals(DRAFT, a.state);
        assertEquals(3, a.version);
        assertNull(a.decision);
        assertNull(a.decidedAt);
        assertNull(a.decidedBy);
    }

    @Test
    void aTransitionOnlyAppliesFromItsState() {
        RiskAssessment a = draft();
        RiskLifecycle.Transition reopen = RiskLifecycle.find(DECIDED, REOPEN).orElseThrow();
        assertThrows(IllegalStateException.class, () -> RiskLifecycle.apply(reopen, context(a, 1)));
        assertEquals(State.DRAFT, a.state);
        assertTrue(RiskLifecycle.apply(RiskLifecycle.find(DRAFT, WITHDRAW).orElseThrow(), context(a, 1)).isEmpty());
        assertEquals(WITHDRAWN, a.state);
    }
}
