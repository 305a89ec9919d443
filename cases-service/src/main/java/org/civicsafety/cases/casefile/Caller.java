package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;
import org.civicsafety.cases.workflow.Role;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller as the JWT describes it: subject, roles, area scope, unit. */
@RequestScoped
public class Caller {

    @Inject JsonWebToken jwt;

    public String sub() {
        return jwt.getSubject();
    }

    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> groups = jwt.getGroups();
        if (groups != null) {
            groups.forEach(g -> Role.fromClaim(g).ifPresent(roles::add));
        }
        return roles;
    }

    public boolean has(Role role) {
        return roles().contains(role);
    }

    public String area() {
        Object a = jwt.getClaim("area");
        return a == null ? null : a.toString().replace("\"", "");
    }

    public String unit() {
        Object u = jwt.getClaim("unit");
        return u == null ? null : u.toString().replace("\"", "");
    }

    /** The caller as the pure access rules take it. */
    public Access.Who who() {
        return new Access.Who(sub(), roles(), area(), unit());
    }

    /**
     * Whose Idempotency-Keys a request uses, as in every service: a partner system's (all its users share them)
     * when acting in the partner role, else the user's.
     */
    public String idempotencyClient() {
        Object p = jwt.getClaim("partner");
        return has(Role.PARTNER) && p != null ? "partner:" + p.toString().replace("\"", "") : "sub:" + sub();
    }
}
