package org.civicsafety.cases.workflow;

import static org.civicsafety.cases.workflow.Action.*;
import static org.civicsafety.cases.workflow.CaseState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.civicsafety.cases.calendar.DeadlineCalendar;
import org.civicsafety.cases.calendar.StatutoryDeadlines;
import org.civicsafety.cases.common.FieldMessages;
import org.civicsafety.cases.dispute.MediationType;
import org.civicsafety.cases.dispute.PartyBody;
import org.civicsafety.cases.dispute.PartyRole;
import org.civicsafety.cases.workflow.Enums.BacklogReason;
import org.civicsafety.cases.workflow.Enums.Decision;
import org.civicsafety.cases.workflow.Enums.DivertChannel;
import org.civicsafety.cases.workflow.Enums.Satisfaction;
import org.civicsafety.cases.workflow.TransitionTable.Transition;
import org.junit.jupiter.api.Test;

/** The rows' required fields, effects and events, and the clock's own rows — plain Java, no Quarkus. */
class TransitionRowsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final StatutoryDeadlines DEADLINES = new StatutoryDeadlines(new DeadlineCalendar(Map.of()));
    private static final TransitionBody EMPTY = body(null, null, null, null, null, null, null, null);

    private static TransitionBody body(String unitId, String unitAreaCode, DivertChannel channel, String reason,
            Decision decision, String text, Integer days, Satisfaction satisfaction) {
        return new TransitionBody(null, null, unitId, unitAreaCode, channel, reason, decision, text, days, satisfaction,
                null, null, null, null, null, null, null);
    }

    private static Set<String> missing(Transition t, TransitionBody b) {
        return t.missing(b).stream().map(TransitionTable.Required::field).collect(Collectors.toSet());
    }

    @Test
    void everyActionRequiresItsFieldsAndOnlyThose() {
        Map<Action, Set<String>> required = new HashMap<>(Map.of(
                ASSIGN, Set.of("unitId", "unitAreaCode"), DIVERT, Set.of("channel"), NOT_ACCEPT, Set.of("reason"),
                MERGE, Set.of("mergeInto"), OVERRIDE_REPEAT, Set.of("reason"), DECLINE, Set.of("reason"),
                OBJECT, Set.of("reason"), EXTEND, Set.of("days", "reason"), RATE, Set.of("satisfaction"),
                REFER_TO_MEDIATION, Set.of("type", "respondent", "mediators")));
        for (Action a : List.of(ANSWER, ANSWER_REVIEW, ANSWER_RE_REVIEW)) {
            required.put(a, Set.of("decision", "text"));
        }
        TransitionBody full = new TransitionBody(null, null, "unit", "area", DivertChannel.LITIGATION, "why",
                Decision.SUPPORT, "text", 30, Satisfaction.SATISFIED, null, UUID.randomUUID(), MediationType.PEOPLES,
                null, new PartyBody(PartyRole.RESPONDENT, "王芳", null, null, null), List.of(UUID.randomUUID()), null);
        for (Transition t : TransitionTable.rows()) {
            if (t.step() instanceof Action a) {
                assertEquals(required.getOrDefault(a, Set.of()), missing(t, EMPTY), t.from() + " × " + a);
                assertTrue(missing(t, full).isEmpty(), t.from() + " × " + a);
                t.required().forEach(r -> assertTrue(FieldMessages.has(r.key()), "message for " + r.key()));
            } else {
                assertTrue(t.required().isEmpty(), "the clock sends no body");
            }
        }
        Transition extend = TransitionTable.find(IN_HANDLING, EXTEND).orElseThrow();
        assertEquals(Set.of("days"), missing(extend, body(null, null, null, "why", null, null, 31, null)));
        assertEquals(Set.of("days"), missing(extend, body(null, null, null, "why", null, null, 0, null)));
        assertEquals(Set.of("reason"), missing(TransitionTable.find(ASSIGNED, DECLINE).orElseThrow(),
                body(null, null, null, "  ", null, null, null, null)));
    }

    @Test
    void theClockHasARowForEveryDeadlineAndNoRoleTakesIt() {
        Map<CaseState, Stage> overdue = TransitionTable.system(SystemAction.OVERDUE).stream()
                .collect(Collectors.toMap(Transition::from, Transition::deadline));
        assertEquals(Map.of(REGISTERED, Stage.TRIAGE, ASSIGNED, Stage.ACCEPTANCE, IN_HANDLING, Stage.HANDLING,
                IN_REVIEW, Stage.REVIEW, IN_RE_REVIEW, Stage.RE_REVIEW), overdue);
        Map<CaseState, Stage> lapse = TransitionTable.system(SystemAction.LAPSE).stream()
                .collect(Collectors.toMap(Transition::from, Transition::deadline));
        assertEquals(Map.of(ANSWERED, Stage.ANSWER_WINDOW, REVIEW_ANSWERED, Stage.REVIEW_WINDOW), lapse);
        assertEquals("re_review_due_at", Stage.RE_REVIEW.column());
        assertEquals("answer_window_due_at", Stage.ANSWER_WINDOW.column());
        assertEquals(EnumSet.of(REGISTERED, ASSIGNED, IN_HANDLING, ANSWERED, IN_REVIEW, REVIEW_ANSWERED, IN_RE_REVIEW),
                TransitionTable.system(SystemAction.BACKLOG).stream().map(Transition::from)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(CaseState.class))));
        for (Transition t : TransitionTable.rows()) {
            if (t.bySystem()) {
                assertTrue(t.roles().isEmpty(), t.from() + " × " + t.step());
                assertEquals(t.step() == SystemAction.LAPSE ? FINAL : t.from(), t.to(), t.from() + " × " + t.step());
            } else {
                assertFalse(t.roles().isEmpty(), t.from() + " × " + t.step());
                assertNotNull(t.guard());
            }
        }
        assertEquals(List.of(CaseEvent.OVERDUE),
                TransitionTable.find(IN_HANDLING, SystemAction.OVERDUE).orElseThrow().events());
        assertEquals(List.of(CaseEvent.FINALIZED),
                TransitionTable.find(ANSWERED, SystemAction.LAPSE).orElseThrow().events());
    }

    @Test
    void anOverdueFlagPutsTheCaseOnTheBacklogOnce() {
        Transition t = TransitionTable.find(IN_HANDLING, SystemAction.OVERDUE).orElseThrow();
        CaseEntity c = caseIn(IN_HANDLING);
        Change first = new Change(null, NOW, DEADLINES, null, null);
        t.effect().accept(c, first);
        assertTrue(c.overdue && c.backlog);
        assertEquals(BacklogReason.OVERDUE, c.backlogReason);
        assertEquals(Map.of("stage", "HANDLING"), first.data());
        assertEquals(List.of(new Change.Emitted(CaseEvent.BACKLOGGED, Map.of("reason", "OVERDUE"))),
                first.alsoEmitted());
        Change again = new Change(null, NOW, DEADLINES, null, null);
        TransitionTable.find(IN_HANDLING, SystemAction.OVERDUE).orElseThrow().effect().accept(c, again);
        assertTrue(again.alsoEmitted().isEmpty(), "already on the backlog");
    }

    @Test
    void aLapsedWindowFinalisesAndALongOpenCaseIsBacklogged() {
        CaseEntity answered = caseIn(ANSWERED);
        Change lapse = new Change(null, NOW, DEADLINES, null, null);
        TransitionTable.find(ANSWERED, SystemAction.LAPSE).orElseThrow().effect().accept(answered, lapse);
        assertNotNull(answered.finalizedAt);
        assertEquals("the petitioner's 30-day window lapsed", lapse.note());
        CaseEntity old = caseIn(ASSIGNED);
        Change backlog = new Change(null, NOW, DEADLINES, null, null);
        TransitionTable.find(ASSIGNED, SystemAction.BACKLOG).orElseThrow().effect().accept(old, backlog);
        assertEquals(BacklogReason.OPEN_OVER_90_DAYS, old.backlogReason);
        assertEquals(List.of(new Change.Emitted(CaseEvent.BACKLOGGED, Map.of("reason", "OPEN_OVER_90_DAYS"))),
                backlog.alsoEmitted());
    }

    @Test
    void answeringSetsTheDecisionTheWindowAndWhetherItWasOnTime() {
        CaseEntity c = caseIn(IN_HANDLING);
        c.handlingDueAt = NOW.plusSeconds(60).atOffset(java.time.ZoneOffset.UTC);
        TransitionBody b = new TransitionBody(ANSWER, "called them", null, null, null, null, Decision.EXPLAIN,
                "the answer", null, null, null, null, null, null, null, null, null);
        Change ch = new Change(b, NOW, DEADLINES, null, null);
        Transition t = TransitionTable.find(IN_HANDLING, ANSWER).orElseThrow();
        t.effect().accept(c, ch);
        assertEquals(Decision.EXPLAIN, c.decision);
        assertEquals(TransitionGuards.AnswerStage.ANSWER, c.answerStage);
        assertEquals(DEADLINES.answerWindowDue(NOW), c.answerWindowDueAt);
        assertEquals(Map.of("decision", Decision.EXPLAIN, "onTime", true), ch.data());
        assertEquals("called them", ch.note());
        assertEquals(List.of(CaseEvent.ANSWERED), t.events());
    }

    private static CaseEntity caseIn(CaseState state) {
        CaseEntity c = new CaseEntity();
        c.id = UUID.randomUUID();
        c.state = state;
        return c;
    }
}
