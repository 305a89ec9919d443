package org.civicsafety.cases.notice;

import java.util.Set;

/**
 * Who reads notices, from their token: a user's own ({@code sub}), a handler's unit's ({@code unit}), a supervisor's
 * area subtree's ({@code area}); an admin reads every area's.
 */
public record Reader(String sub, Set<String> roles, String area, String unit) {

    boolean has(String role) {
        return roles.contains(role);
    }
}
