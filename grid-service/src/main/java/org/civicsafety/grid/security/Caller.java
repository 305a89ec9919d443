package org.civicsafety.grid.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The authenticated caller of the current request, read from the verified JWT. */
@RequestScoped
public class Caller {
    public static final Set<String> STAFF = Set.of("grid_worker", "handler", "petition_officer", "supervisor",
            "analyst");

    @Inject SecurityIdentity identity;

    public String subject() {
        Principal p = identity.getPrincipal();
        return p == null ? null : p.getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /**
     * The role the caller acts in for an action open to {@code permitted} (admin may take any), recorded in
     * audit trails; with several permitted roles the first in alphabetical order, so it is deterministic.
     */
    public String actingRole(Collection<String> permitted) {
        return permitted.stream().filter(this::is).sorted().findFirst()
                .orElse(is("admin") ? "admin" : roles().stream().sorted().findFirst().orElse("unknown"));
    }

    /** Whose Idempotency-Keys a request uses: a partner system's (all its users share them), else the user's. */
    public String idempotencyClient() {
        return is("partner") && partner() != null ? "partner:" + partner() : "sub:" + subject();
    }

    public String area() {
        return claim("area");
    }

    public String unit() {
        return claim("unit");
    }

    public String partner() {
        return claim("partner");
    }

    /**
     * The categories a partner key may report ({@code categories} claim of the gateway's internal token); empty
     * when the token does not restrict them (identity-provider tokens).
     */
    public Optional<Set<String>> partnerCategories() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getClaim("categories") instanceof Collection<?> c) {
            return Optional.of(c.stream().map(v -> v.toString().replace("\"", "")).collect(Collectors.toSet()));
        }
        return Optional.empty();
    }

    private String claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object v = jwt.getClaim(name);
            return v == null ? null : v.toString().replace("\"", "");
        }
        return null;
    }
}
