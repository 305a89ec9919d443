package org.civicsafety.cases.workflow;

import static org.civicsafety.cases.workflow.Action.*;
import static org.civicsafety.cases.workflow.CaseState.*;
import static org.civicsafety.cases.workflow.Role.*;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one explicit table of the petition workflow: state × action → next state, with the roles
 * allowed to take the action. Contextual guards (time windows, "once only", area levels) live in
 * {@link TransitionGuards}; this table is the legal skeleton.
 */
public final class TransitionTable {

    public record Transition(CaseState from, Action action, CaseState to, Set<Role> roles) { }

    private static final Map<CaseState, Map<Action, Transition>> TABLE = new EnumMap<>(CaseState.class);

    static {
        // Petition office triage (Art. 22).
        add(REGISTERED, ASSIGN, ASSIGNED, PETITION_OFFICER);
        add(REGISTERED, DIVERT, DIVERTED, PETITION_OFFICER);
        add(REGISTERED, NOT_ACCEPT, NOT_ACCEPTED, PETITION_OFFICER);
        add(REGISTERED, MERGE, MERGED, PETITION_OFFICER);
        // A repeat recorded as not accepted can still be taken up when there are new facts.
        add(NOT_ACCEPTED, OVERRIDE_REPEAT, REGISTERED, PETITION_OFFICER);
        // The unit's acceptance decision (Art. 23).
        add(ASSIGNED, ACCEPT, IN_HANDLING, HANDLER);
        add(ASSIGNED, DECLINE, DECLINED, HANDLER);
        add(ASSIGNED, OBJECT, REGISTERED, HANDLER);
        // Handling (Art. 32, 34).
        add(IN_HANDLING, ANSWER, ANSWERED, HANDLER);
        add(IN_HANDLING, EXTEND, IN_HANDLING, SUPERVISOR);
        // The petitioner's window after the answer (Art. 35); an officer may record it on their behalf.
        add(ANSWERED, REQUEST_REVIEW, IN_REVIEW, CITIZEN, PETITION_OFFICER);
        add(ANSWERED, ACCEPT_ANSWER, FINAL, CITIZEN, PETITION_OFFICER);
        add(ANSWERED, RATE, ANSWERED, CITIZEN, PETITION_OFFICER);
        // Review (复查) by the body one level up.
        add(IN_REVIEW, ANSWER_REVIEW, REVIEW_ANSWERED, SUPERVISOR);
        add(REVIEW_ANSWERED, REQUEST_RE_REVIEW, IN_RE_REVIEW, CITIZEN, PETITION_OFFICER);
        add(REVIEW_ANSWERED, ACCEPT_ANSWER, FINAL, CITIZEN, PETITION_OFFICER);
        add(REVIEW_ANSWERED, RATE, REVIEW_ANSWERED, CITIZEN, PETITION_OFFICER);
        // Re-review (复核) two levels up; hearings pause its clock (Art. 36).
        add(IN_RE_REVIEW, ANSWER_RE_REVIEW, FINAL, SUPERVISOR);
        add(IN_RE_REVIEW, START_HEARING, IN_RE_REVIEW, SUPERVISOR);
        add(IN_RE_REVIEW, END_HEARING, IN_RE_REVIEW, SUPERVISOR);
        // The last answer of a finalised case can still be rated once.
        add(FINAL, RATE, FINAL, CITIZEN, PETITION_OFFICER);
    }

    private TransitionTable() { }

    private static void add(CaseState from, Action action, CaseState to, Role... roles) {
        TABLE.computeIfAbsent(from, s -> new LinkedHashMap<>())
                .put(action, new Transition(from, action, to, Set.copyOf(EnumSet.of(roles[0], roles))));
    }

    public static Optional<Transition> find(CaseState from, Action action) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(action));
    }

    /** Every action the table allows from {@code state}, whoever takes it. */
    public static Set<Action> actionsFrom(CaseState state) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        actions.addAll(TABLE.getOrDefault(state, Map.of()).keySet());
        return actions;
    }

    /** The actions from {@code state} that at least one of {@code roles} may take. */
    public static Set<Action> actionsFor(CaseState state, Collection<Role> roles) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (Transition t : TABLE.getOrDefault(state, Map.of()).values()) {
            if (roles.stream().anyMatch(t.roles()::contains)) {
                actions.add(t.action());
            }
        }
        return actions;
    }
}
