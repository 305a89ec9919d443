package org.civicsafety.grid.incident;

import org.civicsafety.grid.security.Caller;

import java.util.ArrayList;
import java.util.List;

/**
 * Which incidents a caller may see, as a SQL condition on alias {@code i}: admin all; partner what it
 * posted; handler its unit's; staff their area subtree; citizen their own reports. Several roles add up.
 * {@code area} names the subtree when that is the whole scope (a staff member in no other role), so that lists
 * can read it as an area range of their indexes; the condition says the same.
 */
public record IncidentScope(String sql, List<Object> args, String area) {

    public static IncidentScope of(Caller caller) {
        if (caller.is("admin")) {
            return new IncidentScope("TRUE", List.of(), null);
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
        String area = null;
        if (staff && caller.area() != null) {
            area = caller.area();
            parts.add("i.path @> ARRAY[?::text]");
            args.add(caller.area());
        }
        if (caller.subject() != null && (caller.is("citizen") || caller.is("grid_worker") || caller.is("handler"))) {
            parts.add("i.reporter_sub = ?");
            args.add(caller.subject());
        }
        if (parts.isEmpty()) {
            return new IncidentScope("FALSE", List.of(), null);
        }
        return new IncidentScope("(" + String.join(" OR ", parts) + ")", args, parts.size() == 1 ? area : null);
    }
}
