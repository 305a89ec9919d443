package org.civicsafety.gateway.auth;

import java.util.List;
import java.util.Set;

/**
 * Who is calling, as the gateway established it: a user with a valid bearer token, a partner
 * system with a valid API key, or anonymous (public paths only).
 */
public record Caller(Kind kind, String id, Set<String> roles, List<String> categories) {

    public enum Kind {
        USER, PARTNER, ANONYMOUS
    }

    public static Caller user(String sub, Set<String> roles) {
        return new Caller(Kind.USER, sub, roles, List.of());
    }

    public static Caller partner(String partnerId, List<String> categories) {
        return new Caller(Kind.PARTNER, partnerId, Set.of("partner"), categories);
    }

    public static Caller anonymous() {
        return new Caller(Kind.ANONYMOUS, null, Set.of(), List.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
