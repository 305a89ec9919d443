package org.civicsafety.assessment.common;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/** The authenticated caller: roles and data scope (the `area` claim; admin sees everything). */
@RequestScoped
public class Caller {
    public static final Set<String> SCORE_READERS = Set.of("grid_worker", "handler", "petition_officer", "supervisor",
            "analyst", "admin");

    @Inject JsonWebToken jwt;

    public String subject() {
        String s = jwt.getSubject();
        return s == null ? jwt.getClaim("partner") : s;
    }

    /**
     * Whose Idempotency-Keys a request uses, as in every service: a partner system's (all its users share them) when
     * acting in the partner role, else the user's.
     */
    public String idempotencyClient() {
        Object p = jwt.getClaim("partner");
        return has("partner") && p != null ? "partner:" + p.toString().replace("\"", "") : "sub:" + subject();
    }

    public boolean has(String role) {
        return jwt.getGroups() != null && jwt.getGroups().contains(role);
    }

    public boolean isAdmin() {
        return has("admin");
    }

    /** 403 unless the caller holds one of the roles. */
    public void require(Collection<String> roles) {
        if (roles.stream().noneMatch(this::has))
            throw ApiException.forbidden("Your role does not allow this");
    }

    public void require(String... roles) {
        require(Arrays.asList(roles));
    }

    public String area() {
        Object a = jwt.getClaim("area");
        return a == null ? null : a.toString();
    }

    /** An area (given by its path from the county down) is visible when the caller's area is on that path. */
    public boolean sees(String[] path) {
        if (isAdmin())
            return true;
        String mine = area();
        if (mine == null || path == null)
            return false;
        for (String p : path)
            if (mine.equals(p))
                return true;
        return false;
    }
}
