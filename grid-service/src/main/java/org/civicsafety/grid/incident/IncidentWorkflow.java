package org.civicsafety.grid.incident;

import org.civicsafety.grid.area.AreaLevel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The incident workflow as one table: state x action -> next state, with the roles allowed.
 * Dispatch (REPORTED -> DISPATCHED) is automatic and not an action people take. admin may take
 * every action. ESCALATE keeps the state and moves the handling level up, so it is only allowed
 * below the county.
 */
public final class IncidentWorkflow {
    public record Rule(IncidentState next, Set<String> roles, boolean needsReason) {
    }

    private static final Map<IncidentState, Map<Action, Rule>> TABLE = new EnumMap<>(IncidentState.class);

    static {
        put(IncidentState.DISPATCHED, Action.START, IncidentState.IN_PROGRESS, Set.of("handler"), false);
        put(IncidentState.DISPATCHED, Action.REJECT, IncidentState.REJECTED, Set.of("handler", "supervisor"), true);
        put(IncidentState.DISPATCHED, Action.ESCALATE, IncidentState.DISPATCHED, Set.of("supervisor"), true);
        put(IncidentState.IN_PROGRESS, Action.RESOLVE, IncidentState.RESOLVED, Set.of("handler"), true);
        put(IncidentState.IN_PROGRESS, Action.ESCALATE, IncidentState.IN_PROGRESS, Set.of("supervisor"), true);
        put(IncidentState.RESOLVED, Action.VERIFY, IncidentState.CLOSED, Set.of("grid_worker", "supervisor"), false);
        put(IncidentState.RESOLVED, Action.REOPEN, IncidentState.IN_PROGRESS, Set.of("grid_worker", "supervisor"),
                true);
    }

    private IncidentWorkflow() {
    }

    private static void put(IncidentState from, Action action, IncidentState to, Set<String> roles, boolean reason) {
        TABLE.computeIfAbsent(from, k -> new EnumMap<>(Action.class)).put(action, new Rule(to, roles, reason));
    }

    /** The rule for an action in a state, if the table has one (ignoring roles). */
    public static Optional<Rule> rule(IncidentState state, Action action) {
        return Optional.ofNullable(TABLE.getOrDefault(state, Map.of()).get(action));
    }

    public static boolean permits(Rule rule, Set<String> roles) {
        return roles.contains("admin") || rule.roles().stream().anyMatch(roles::contains);
    }

    /** Actions the given roles may take now, in table order. */
    public static List<Action> allowed(IncidentState state, AreaLevel level, Set<String> roles) {
        List<Action> out = new ArrayList<>();
        TABLE.getOrDefault(state, Map.of()).forEach((action, rule) -> {
            if (permits(rule, roles) && (action != Action.ESCALATE || EscalationPolicy.up(level) != null)) {
                out.add(action);
            }
        });
        return out;
    }

    /** Actions anyone may take in the state (for 409 messages). */
    public static List<Action> actionsOf(IncidentState state) {
        return new ArrayList<>(TABLE.getOrDefault(state, Map.of()).keySet());
    }
}
