package org.civicsafety.grid.incident;

import org.civicsafety.grid.area.AreaLevel;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The incident workflow as one table: from state, step, to state, the roles that may take it, the field it needs,
 * its guard, its effect and the event it emits. The automatic steps (dispatch by routing rules, escalation and the
 * overdue flag by {@link EscalationJob}, closing a resolution nobody answered by {@link FeedbackJob}) are rows too,
 * taken by {@link Role#SYSTEM}; admin may take every step people take. ESCALATE keeps the state and moves the
 * handling level up, so it is only possible below the county. The reporter's feedback (notices.md, 回访): after
 * RESOLVE the reporter — or a handler or grid worker recording a call-back — CONFIRMs (closed, like VERIFY) or
 * REOPENs, and RATEs each resolution once (the state stays; also after it was closed). A dispute settled by an
 * agreement in the mediation it was referred to (mediation.md) is resolved by the system from any open state
 * (RESOLVE_BY_MEDIATION), with the same effect and event as a handler's RESOLVE.
 */
public final class IncidentWorkflow {

    /** Steps of the workflow: the actions people take ({@link Action}) and the automatic ones. */
    public enum Step {
        DISPATCH,
        START,
        REJECT,
        RESOLVE,
        VERIFY,
        REOPEN,
        ESCALATE,
        OVERDUE,
        CONFIRM,
        RATE,
        AUTO_CLOSE,
        RESOLVE_BY_MEDIATION;

        public static Step of(Action action) {
            return valueOf(action.name());
        }

        /** The action people take for this step, if they can take it at all. */
        Optional<Action> action() {
            return Arrays.stream(Action.values()).filter(a -> a.name().equals(name())).findFirst();
        }
    }

    /**
     * Who takes a step: the token roles of people, the incident's reporter (whoever reported it, in any role), and
     * the service itself for automatic steps.
     */
    public enum Role {
        GRID_WORKER, HANDLER, SUPERVISOR, ADMIN, REPORTER, SYSTEM;

        /** The role as the token's {@code groups} claim and the audit trail name it. */
        public String claim() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The workflow roles among a caller's token roles (others play no part in the workflow). */
        public static Set<Role> of(Set<String> claims) {
            return of(claims, false);
        }

        /** The caller's workflow roles on an incident: its token roles, and REPORTER when it reported the incident. */
        public static Set<Role> of(Set<String> claims, boolean reporter) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Role r : values()) {
                if (r != SYSTEM && r != REPORTER && claims.contains(r.claim())) {
                    roles.add(r);
                }
            }
            if (reporter) {
                roles.add(REPORTER);
            }
            return roles;
        }
    }

    /** Where a dispatched or escalated incident goes; unused by the other steps. */
    public record Assignment(AreaLevel level, String unit, OffsetDateTime dueAt) {
        static final Assignment NONE = new Assignment(null, null, null);
    }

    /**
     * What a step is taken with: where a dispatch or escalation goes, a rating, and the role of whoever takes it (as
     * the audit trail records it).
     */
    public record Input(Assignment to, Satisfaction satisfaction, String actorRole) {
        static Input of(Assignment to) {
            return new Input(to, null, Role.SYSTEM.claim());
        }
    }

    /** What a step changes besides the state; returns what its event carries besides the incident. */
    @FunctionalInterface
    interface Effect {
        Map<String, Object> apply(Incident i, Input in, OffsetDateTime now);
    }

    /**
     * One row. {@code requires} names the field the step needs: "reason" or "note" (either text satisfies it), or
     * "satisfaction"; null if none. {@code event} is the kind of {@code org.civicsafety.incident.<event>.v1}.
     */
    public record Transition(IncidentState from, Step step, IncidentState to, Set<Role> roles, String requires,
            Predicate<IncidentData> guard, Effect effect, String event) {

        public boolean permits(Set<Role> callerRoles) {
            return (callerRoles.contains(Role.ADMIN) && step.action().isPresent())
                    || roles.stream().anyMatch(callerRoles::contains);
        }

        /** Whether the request carries what the step needs. */
        public boolean satisfiedBy(TransitionRequest req) {
            if (requires == null) {
                return true;
            }
            return SATISFACTION.equals(requires) ? req.satisfaction() != null
                    : !IncidentService.blank(req.reason()) || !IncidentService.blank(req.note());
        }

        /** Takes the step: the new state, the effect, one version more; returns the event's extra data. */
        Map<String, Object> take(Incident i, Input in, OffsetDateTime now) {
            i.state = this.to;
            Map<String, Object> extra = effect.apply(i, in, now);
            i.touch(now);
            return extra;
        }

        /** Takes an automatic step (dispatch, escalation, the overdue flag, closing an unanswered resolution). */
        Map<String, Object> take(Incident i, Assignment to, OffsetDateTime now) {
            return take(i, Input.of(to), now);
        }
    }

    static final String SATISFACTION = "satisfaction";
    private static final Predicate<IncidentData> ALWAYS = i -> true;
    /** Each resolution is rated once: a rating given before the current resolution was of an earlier one. */
    private static final Predicate<IncidentData> RESOLUTION_NOT_RATED = i -> i.resolvedAt() != null
            && (i.ratedAt() == null || i.ratedAt().isBefore(i.resolvedAt()));
    private static final Predicate<IncidentData> BELOW_COUNTY = i -> EscalationPolicy.up(i.level()) != null;
    private static final Predicate<IncidentData> LATE_AT_COUNTY = i -> EscalationPolicy.up(i.level()) == null
            && !i.overdue();
    private static final Effect NOTHING = (i, in, now) -> Map.of();
    private static final Effect ASSIGN = (i, in, now) -> {
        i.level = in.to().level();
        i.assignedUnit = in.to().unit();
        i.dueAt = in.to().dueAt();
        return Map.of();
    };
    private static final Effect DISPATCH = (i, in, now) -> {
        i.dispatchedAt = now;
        ASSIGN.apply(i, in, now);
        return Map.of("reportedAt", i.reportedAt.toString());
    };
    private static final Effect ESCALATE = (i, in, now) -> {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("fromLevel", i.level.name());
        extra.put("toLevel", in.to().level().name());
        ASSIGN.apply(i, in, now);
        i.overdue = false;
        i.escalationCount++;
        return extra;
    };
    private static final Effect RESOLVE = (i, in, now) -> {
        i.resolvedAt = now;
        i.resolvedOnTime = i.dueAt == null || !now.isAfter(i.dueAt);
        return Map.of("onTime", i.resolvedOnTime);
    };
    private static final Effect REOPEN = (i, in, now) -> {
        i.resolvedAt = null;
        i.resolvedOnTime = null;
        return Map.of();
    };
    private static final Effect FLAG_OVERDUE = (i, in, now) -> {
        i.overdue = true;
        return Map.of();
    };
    private static final Effect RATE = (i, in, now) -> {
        i.satisfaction = in.satisfaction();
        i.ratedAt = now;
        return Map.of(SATISFACTION, in.satisfaction().name());
    };

    /** Closing a resolution: the verified event says which step closed it and in which role. */
    private static Effect closedBy(Step step) {
        return (i, in, now) -> Map.of("closedBy", step.name(), "actorRole", in.actorRole());
    }

    private static final List<Transition> TABLE = List.of(
            row(IncidentState.REPORTED, Step.DISPATCH, IncidentState.DISPATCHED, Set.of(Role.SYSTEM), null, ALWAYS,
                    DISPATCH, "dispatched"),
            row(IncidentState.DISPATCHED, Step.START, IncidentState.IN_PROGRESS, Set.of(Role.HANDLER), null, ALWAYS,
                    NOTHING, "started"),
            row(IncidentState.DISPATCHED, Step.REJECT, IncidentState.REJECTED, Set.of(Role.HANDLER, Role.SUPERVISOR),
                    "reason", ALWAYS, NOTHING, "rejected"),
            row(IncidentState.DISPATCHED, Step.ESCALATE, IncidentState.DISPATCHED,
                    Set.of(Role.SUPERVISOR, Role.SYSTEM), "reason", BELOW_COUNTY, ESCALATE, "escalated"),
            row(IncidentState.DISPATCHED, Step.OVERDUE, IncidentState.DISPATCHED, Set.of(Role.SYSTEM), null,
                    LATE_AT_COUNTY, FLAG_OVERDUE, "overdue"),
            row(IncidentState.IN_PROGRESS, Step.RESOLVE, IncidentState.RESOLVED, Set.of(Role.HANDLER), "note", ALWAYS,
                    RESOLVE, "resolved"),
            row(IncidentState.IN_PROGRESS, Step.ESCALATE, IncidentState.IN_PROGRESS,
                    Set.of(Role.SUPERVISOR, Role.SYSTEM), "reason", BELOW_COUNTY, ESCALATE, "escalated"),
            row(IncidentState.IN_PROGRESS, Step.OVERDUE, IncidentState.IN_PROGRESS, Set.of(Role.SYSTEM), null,
                    LATE_AT_COUNTY, FLAG_OVERDUE, "overdue"),
            row(IncidentState.RESOLVED, Step.VERIFY, IncidentState.CLOSED, Set.of(Role.GRID_WORKER, Role.SUPERVISOR),
                    null, ALWAYS, closedBy(Step.VERIFY), "verified"),
            row(IncidentState.RESOLVED, Step.REOPEN, IncidentState.IN_PROGRESS,
                    Set.of(Role.GRID_WORKER, Role.SUPERVISOR, Role.REPORTER, Role.HANDLER), "reason", ALWAYS, REOPEN,
                    "reopened"),
            row(IncidentState.RESOLVED, Step.CONFIRM, IncidentState.CLOSED,
                    Set.of(Role.REPORTER, Role.HANDLER, Role.GRID_WORKER), null, ALWAYS, closedBy(Step.CONFIRM),
                    "verified"),
            row(IncidentState.RESOLVED, Step.RATE, IncidentState.RESOLVED,
                    Set.of(Role.REPORTER, Role.HANDLER, Role.GRID_WORKER), SATISFACTION, RESOLUTION_NOT_RATED, RATE,
                    "rated"),
            row(IncidentState.CLOSED, Step.RATE, IncidentState.CLOSED,
                    Set.of(Role.REPORTER, Role.HANDLER, Role.GRID_WORKER), SATISFACTION, RESOLUTION_NOT_RATED, RATE,
                    "rated"),
            row(IncidentState.RESOLVED, Step.AUTO_CLOSE, IncidentState.CLOSED, Set.of(Role.SYSTEM), null, ALWAYS,
                    closedBy(Step.AUTO_CLOSE), "verified"),
            row(IncidentState.REPORTED, Step.RESOLVE_BY_MEDIATION, IncidentState.RESOLVED, Set.of(Role.SYSTEM), null,
                    ALWAYS, RESOLVE, "resolved"),
            row(IncidentState.DISPATCHED, Step.RESOLVE_BY_MEDIATION, IncidentState.RESOLVED, Set.of(Role.SYSTEM),
                    null, ALWAYS, RESOLVE, "resolved"),
            row(IncidentState.IN_PROGRESS, Step.RESOLVE_BY_MEDIATION, IncidentState.RESOLVED, Set.of(Role.SYSTEM),
                    null, ALWAYS, RESOLVE, "resolved"));

    private IncidentWorkflow() {}

    private static Transition row(IncidentState from, Step step, IncidentState to, Set<Role> roles, String requires,
            Predicate<IncidentData> guard, Effect effect, String event) {
        return new Transition(from, step, to, roles, requires, guard, effect, event);
    }

    /** The kinds of event the steps emit. */
    static Stream<String> events() {
        return TABLE.stream().map(Transition::event).distinct();
    }

    /** The row of a step in the incident's current state whose guard holds (ignoring roles). */
    public static Optional<Transition> rule(Incident i, Step step) {
        return TABLE.stream().filter(t -> t.from() == i.state() && t.step() == step && t.guard().test(i)).findFirst();
    }

    /** Actions the given roles may take now, in table order. */
    public static List<Action> allowed(IncidentData i, Set<Role> roles) {
        List<Action> out = new ArrayList<>();
        for (Transition t : TABLE) {
            if (t.from() == i.state() && t.guard().test(i) && t.permits(roles)) {
                t.step().action().ifPresent(out::add);
            }
        }
        return out;
    }

    /** The rows, for tests and documentation. */
    public static List<Transition> table() {
        return TABLE;
    }
}
