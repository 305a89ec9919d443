package org.civicsafety.grid.incident;

import org.civicsafety.grid.security.Caller;

import java.util.ArrayList;
import java.util.List;

/**
 * Which incidents a caller may see, as a SQL condition on alias {@code i}: admin all; partner what it
 * posted; handler its unit's; staff their area subtree; citizen their own reports. Several roles add up.
 */
public record IncidentScope(String sql, List<Object> args) {

    public static IncidentScope of(Caller caller) {
        if (caller.is("admin")) {
            return new IncidentScope("TRUE", List.of());
        }
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (caller.is("partner") && caller.partner() != null) {
            parts.add("i.partner_id = ?");
            args.add(caller.partner());
        }
        if (caller.is("handler") && caller.unit() != null) {
            parts.add("i.assigned_unit = ?");
            args.add(caller.unit());
        }
        boolean staff = Caller.STAFF.stream().anyMatch(r -> !r.equals("handler") && caller.is(r));
        if (staff && caller.area() != null) {
            parts.add("i.path @> ARRAY[?::text]");
            args.add(caller.area());
        }
        if (caller.subject() != null && (caller.is("citizen") || caller.is("grid_worker") || caller.is("handler"))) {
            parts.add("i.reporter_sub = ?");
            args.add(caller.subject());
        }
        if (parts.isEmpty()) {
            return new IncidentScope("FALSE", List.of());
        }
        return new IncidentScope("(" + String.join(" OR ", parts) + ")", args);
    }
}
