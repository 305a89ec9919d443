package org.civicsafety.cases.workflow;

import static org.civicsafety.cases.workflow.Action.*;
import static org.civicsafety.cases.workflow.CaseState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.civicsafety.cases.workflow.TransitionGuards.AnswerStage;
import org.civicsafety.cases.workflow.TransitionGuards.CaseFacts;
import org.junit.jupiter.api.Test;

class TransitionTableTest {

    private static void expect(CaseState from, Action action, CaseState to, Role... roles) {
        TransitionTable.Transition t = TransitionTable.find(from, action).orElseThrow(
                () -> new AssertionError(from + " × " + action + " missing"));
        assertEquals(to, t.to(), from + " × " + action);
        assertEquals(Set.of(roles), t.roles(), from + " × " + action + " roles");
    }

    @Test
    void everyTransitionOfTheStatute() {
        expect(REGISTERED, ASSIGN, ASSIGNED, Role.PETITION_OFFICER);
        expect(REGISTERED, DIVERT, DIVERTED, Role.PETITION_OFFICER);
        expect(REGISTERED, REFER_TO_MEDIATION, DIVERTED, Role.PETITION_OFFICER);
        expect(REGISTERED, NOT_ACCEPT, NOT_ACCEPTED, Role.PETITION_OFFICER);
        expect(REGISTERED, MERGE, MERGED, Role.PETITION_OFFICER);
        expect(NOT_ACCEPTED, OVERRIDE_REPEAT, REGISTERED, Role.PETITION_OFFICER);
        expect(ASSIGNED, ACCEPT, IN_HANDLING, Role.HANDLER);
        expect(ASSIGNED, DECLINE, DECLINED, Role.HANDLER);
        expect(ASSIGNED, OBJECT, REGISTERED, Role.HANDLER);
        expect(IN_HANDLING, ANSWER, ANSWERED, Role.HANDLER);
        expect(IN_HANDLING, EXTEND, IN_HANDLING, Role.SUPERVISOR);
        expect(ANSWERED, REQUEST_REVIEW, IN_REVIEW, Role.CITIZEN, Role.PETITION_OFFICER);
        expect(ANSWERED, ACCEPT_ANSWER, FINAL, Role.CITIZEN, Role.PETITION_OFFICER);
        expect(ANSWERED, RATE, ANSWERED, Role.CITIZEN, Role.PETITION_OFFICER);
        expect(IN_REVIEW, ANSWER_REVIEW, REVIEW_ANSWERED, Role.SUPERVISOR);
        expect(REVIEW_ANSWERED, REQUEST_RE_REVIEW, IN_RE_REVIEW, Role.CITIZEN, Role.PETITION_OFFICER);
        expect(REVIEW_ANSWERED, ACCEPT_ANSWER, FINAL, Role.CITIZEN, Role.PETITION_OFFICER);
        expect(REVIEW_ANSWERED, RATE, REVIEW_ANSWERED, Role.CITIZEN, Role.PETITION_OFFICER);
        expect(IN_RE_REVIEW, ANSWER_RE_REVIEW, FINAL, Role.SUPERVISOR);
        expect(IN_RE_REVIEW, START_HEARING, IN_RE_REVIEW, Role.SUPERVISOR);
        expect(IN_RE_REVIEW, END_HEARING, IN_RE_REVIEW, Role.SUPERVISOR);
        expect(FINAL, RATE, FINAL, Role.CITIZEN, Role.PETITION_OFFICER);
    }

    @Test
    void theTableHasNothingElse() {
        assertEquals(EnumSet.of(ASSIGN, DIVERT, REFER_TO_MEDIATION, NOT_ACCEPT, MERGE),
                TransitionTable.actionsFrom(REGISTERED));
        assertEquals(EnumSet.of(ACCEPT, DECLINE, OBJECT), TransitionTable.actionsFrom(ASSIGNED));
        assertEquals(EnumSet.of(ANSWER, EXTEND), TransitionTable.actionsFrom(IN_HANDLING));
        assertEquals(EnumSet.of(REQUEST_REVIEW, ACCEPT_ANSWER, RATE), TransitionTable.actionsFrom(ANSWERED));
        assertEquals(EnumSet.of(ANSWER_REVIEW), TransitionTable.actionsFrom(IN_REVIEW));
        assertEquals(EnumSet.of(REQUEST_RE_REVIEW, ACCEPT_ANSWER, RATE), TransitionTable.actionsFrom(REVIEW_ANSWERED));
        assertEquals(EnumSet.of(ANSWER_RE_REVIEW, START_HEARING, END_HEARING),
                TransitionTable.actionsFrom(IN_RE_REVIEW));
        assertEquals(EnumSet.of(RATE), TransitionTable.actionsFrom(FINAL));
        assertEquals(EnumSet.of(OVERRIDE_REPEAT), TransitionTable.actionsFrom(NOT_ACCEPTED));
        for (CaseState terminal : List.of(DIVERTED, DECLINED, MERGED)) {
            assertTrue(TransitionTable.actionsFrom(terminal).isEmpty(), terminal + " is terminal");
        }
    }

    @Test
    void illegalPairsAreAbsent() {
        assertTrue(TransitionTable.find(REGISTERED, ANSWER).isEmpty());
        assertTrue(TransitionTable.find(IN_HANDLING, ACCEPT).isEmpty());
        assertTrue(TransitionTable.find(FINAL, REQUEST_REVIEW).isEmpty());
        assertTrue(TransitionTable.find(IN_REVIEW, REQUEST_RE_REVIEW).isEmpty());
    }

    @Test
    void actionsForFiltersByRole() {
        assertEquals(EnumSet.of(ACCEPT, DECLINE, OBJECT), TransitionTable.actionsFor(ASSIGNED, Set.of(Role.HANDLER)));
        assertTrue(TransitionTable.actionsFor(ASSIGNED, Set.of(Role.CITIZEN)).isEmpty());
        assertEquals(EnumSet.of(EXTEND), TransitionTable.actionsFor(IN_HANDLING, Set.of(Role.SUPERVISOR)));
        assertEquals(EnumSet.of(ANSWER, EXTEND),
                TransitionTable.actionsFor(IN_HANDLING, Set.of(Role.SUPERVISOR, Role.HANDLER)));
    }

    private static CaseFacts facts(CaseState s, Instant objectionDue, boolean extended, AnswerStage answered,
            Set<AnswerStage> rated, boolean hearing, String reason) {
        return new CaseFacts(s, objectionDue, extended, answered, rated, hearing, reason, false);
    }

    @Test
    void objectionOnlyWithinItsWindow() {
        Instant due = Instant.parse("2026-03-13T15:59:59Z");
        CaseFacts f = facts(ASSIGNED, due, false, null, Set.of(), false, null);
        assertTrue(TransitionGuards.violation(OBJECT, f, Instant.parse("2026-03-13T15:00:00Z")).isEmpty());
        assertTrue(TransitionGuards.violation(OBJECT, f, Instant.parse("2026-03-13T16:00:00Z")).isPresent());
        assertEquals(EnumSet.of(ACCEPT, DECLINE), TransitionGuards.available(EnumSet.of(ACCEPT, DECLINE, OBJECT), f,
                Instant.parse("2026-03-14T00:00:00Z")));
    }

    @Test
    void extensionOnlyOnce() {
        Instant now = Instant.now();
        assertTrue(TransitionGuards.violation(EXTEND, facts(IN_HANDLING, null, false, null, Set.of(), false, null), now)
                .isEmpty());
        assertTrue(TransitionGuards.violation(EXTEND, facts(IN_HANDLING, null, true, null, Set.of(), false, null), now)
                .isPresent());
    }

    @Test
    void ratingOncePerAnswerStage() {
        Instant now = Instant.now();
        assertTrue(TransitionGuards
                .violation(RATE, facts(ANSWERED, null, false, AnswerStage.ANSWER, Set.of(), false, null), now)
                .isEmpty());
        assertTrue(TransitionGuards.violation(RATE, facts(ANSWERED, null, false, AnswerStage.ANSWER,
                Set.of(AnswerStage.ANSWER), false, null), now).isPresent());
        // A new answer stage may be rated again.
        assertTrue(TransitionGuards.violation(RATE, facts(REVIEW_ANSWERED, null, false, AnswerStage.REVIEW,
                Set.of(AnswerStage.ANSWER), false, null), now).isEmpty());
        assertTrue(TransitionGuards.violation(RATE, facts(FINAL, null, false, null, Set.of(), false, null), now)
                .isPresent());
    }

    @Test
    void hearingStartsEndsAndBlocksTheAnswer() {
        Instant now = Instant.now();
        CaseFacts idle = facts(IN_RE_REVIEW, null, false, AnswerStage.REVIEW, Set.of(), false, null);
        CaseFacts hearing = facts(IN_RE_REVIEW, null, false, AnswerStage.REVIEW, Set.of(), true, null);
        assertEquals(EnumSet.of(ANSWER_RE_REVIEW, START_HEARING),
                TransitionGuards.available(TransitionTable.actionsFrom(IN_RE_REVIEW), idle, now));
        assertEquals(EnumSet.of(END_HEARING),
                TransitionGuards.available(TransitionTable.actionsFrom(IN_RE_REVIEW), hearing, now));
    }

    @Test
    void overrideOnlyForRepeats() {
        Instant now = Instant.now();
        assertTrue(TransitionGuards.violation(OVERRIDE_REPEAT, facts(NOT_ACCEPTED, null, false, null, Set.of(), false,
                TransitionGuards.REPEAT_IN_HANDLING), now).isEmpty());
        assertTrue(TransitionGuards.violation(OVERRIDE_REPEAT, facts(NOT_ACCEPTED, null, false, null, Set.of(), false,
                TransitionGuards.FINALIZED), now).isEmpty());
        assertTrue(TransitionGuards.violation(OVERRIDE_REPEAT, facts(NOT_ACCEPTED, null, false, null, Set.of(), false,
                "outside our remit"), now).isPresent());
    }
}
