package org.civicsafety.grid.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Set;

/** The authenticated caller of the current request, read from the verified JWT. */
@RequestScoped
public class Caller {
    public static final Set<String> STAFF = Set.of("grid_worker", "handler", "petition_officer", "supervisor",
            "analyst");

    @Inject
    SecurityIdentity identity;

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

    public String area() {
        return claim("area");
    }

    public String unit() {
        return claim("unit");
    }

    public String partner() {
        return claim("partner");
    }

    private String claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object v = jwt.getClaim(name);
            return v == null ? null : v.toString().replace("\"", "");
        }
        return null;
    }
}
