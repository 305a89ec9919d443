package org.civicsafety.grid.notice;

import org.civicsafety.grid.security.Caller;

import java.util.ArrayList;
import java.util.List;

/**
 * Whose notices a caller reads as their own, as a SQL condition on alias {@code n} (notice-design.md): USER ones
 * addressed to their {@code sub}; UNIT ones of their {@code unit} (handlers); AREA ones whose area path holds their
 * {@code area} (supervisors; admins every AREA one); PARTNER ones of their {@code partner}. Several add up.
 */
record NoticeScope(String sql, List<Object> args) {

    static NoticeScope of(Caller caller) {
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (caller.subject() != null) {
            parts.add("(n.recipient_type = 'USER' AND n.recipient = ?)");
            args.add(caller.subject());
        }
        if (caller.is("handler") && caller.unit() != null) {
            parts.add("(n.recipient_type = 'UNIT' AND n.recipient = ?)");
            args.add(caller.unit());
        }
        if (caller.is("admin")) {
            parts.add("n.recipient_type = 'AREA'");
        } else if (caller.is("supervisor") && caller.area() != null) {
            parts.add("(n.recipient_type = 'AREA' AND n.area_path @> ARRAY[?::text])");
            args.add(caller.area());
        }
        if (caller.is("partner") && caller.partner() != null) {
            parts.add("(n.recipient_type = 'PARTNER' AND n.recipient = ?)");
            args.add(caller.partner());
        }
        return parts.isEmpty() ? new NoticeScope("FALSE", List.of())
                : new NoticeScope("(" + String.join(" OR ", parts) + ")", List.copyOf(args));
    }
}
