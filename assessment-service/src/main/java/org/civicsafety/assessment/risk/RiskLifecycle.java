package org.civicsafety.assessment.risk;

import org.civicsafety.assessment.outbox.EventType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.civicsafety.assessment.risk.RiskApi.Action.DECIDE;
import static org.civicsafety.assessment.risk.RiskApi.Action.REOPEN;
import static org.civicsafety.assessment.risk.RiskApi.Action.WITHDRAW;

/**
 * The life cycle of a risk assessment as one table: each row is a transition with the state it leaves, the action,
 * the state it reaches, the roles that may take it, the request fields it needs, its guard, its effect on the
 * assessment and the events it emits. Plain Java: the service looks transitions up here and applies them.
 */
public final class RiskLifecycle {
    private RiskLifecycle() {}

    @Schema(name = "RiskAssessmentState")
    public enum State {
        DRAFT, DECIDED, WITHDRAWN;

        /** Factors and mitigations are added only while the assessment is a draft. */
        public boolean editable() {
            return this == DRAFT;
        }
    }

    /** What the rules say about the assessment now (its GET shows the same). */
    public record Evaluation(int factors, RiskRules.Level inherent, RiskRules.Level residual,
            RiskRules.Decision implied) {}

    /** What a guard, an effect and an event see. */
    public record Context(RiskAssessment assessment, Evaluation evaluation, String actor, Instant at) {}

    /** A condition beyond the state; failure names what is missing (409). */
    public record Guard(Predicate<Context> holds, String failure) {
        static final Guard NONE = new Guard(c -> true, null);
    }

    /** An event a transition emits, with its data (the outbox adds version and occurredAt). */
    public record Emit(EventType type, Function<Context, Map<String, Object>> data) {}

    public record Transition(State from, RiskApi.Action action, State to, Set<String> roles, List<String> requires,
            Guard guard, Consumer<Context> effect, List<Emit> emits) {}

    /** Who assesses risks (the API's roles). */
    static final Set<String> ASSESSORS = Set.of("supervisor", "analyst", "admin");

    public static final List<Transition> TABLE = List.of(
            new Transition(State.DRAFT, DECIDE, State.DECIDED, ASSESSORS, List.of("action"),
                    new Guard(c -> c.evaluation().factors() > 0, "Add at least one factor before DECIDE"),
                    RiskLifecycle::recordDecision,
                    List.of(new Emit(EventType.RISK_ASSESSMENT_DECIDED, RiskLifecycle::decided))),
            new Transition(State.DECIDED, REOPEN, State.DRAFT, ASSESSORS, List.of("action"), Guard.NONE,
                    c -> c.assessment().clearDecision(), List.of()), // the levels are recomputed on every read
            new Transition(State.DRAFT, WITHDRAW, State.WITHDRAWN, ASSESSORS, List.of("action"), Guard.NONE,
                    c -> {}, List.of()));

    public static Optional<Transition> find(State from, RiskApi.Action action) {
        return TABLE.stream().filter(t -> t.from() == from && t.action() == action).findFirst();
    }

    /** The actions the table allows from a state, in table order. */
    public static List<RiskApi.Action> allowed(State from) {
        return TABLE.stream().filter(t -> t.from() == from).map(Transition::action).toList();
    }

    /** Applies a transition whose guard holds: its effect, the new state and version. @return the events to emit */
    public static List<Event> apply(Transition t, Context c) {
        RiskAssessment a = c.assessment();
        if (a.state != t.from())
            throw new IllegalStateException(t.action() + " does not start from " + a.state);
        t.effect().accept(c);
        a.moveTo(t.to());
        a.changed(c.at());
        return t.emits().stream().map(e -> new Event(e.type(), e.data().apply(c))).toList();
    }

    public record Event(EventType type, Map<String, Object> data) {}

    /** DECIDE records the decision the levels imply, with the levels it was taken on. */
    private static void recordDecision(Context c) {
        Evaluation e = c.evaluation();
        c.assessment().recordDecision(e.implied(), e.inherent(), e.residual(), c.actor(), c.at());
    }

    private static Map<String, Object> decided(Context c) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assessmentId", c.assessment().id.toString());
        data.put("inherentLevel", c.evaluation().inherent().name());
        data.put("residualLevel", c.evaluation().residual().name());
        data.put("decision", c.evaluation().implied().name());
        data.put("areaCodes", Arrays.asList(c.assessment().areaCodes));
        return data;
    }
}
