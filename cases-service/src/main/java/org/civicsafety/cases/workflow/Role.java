package org.civicsafety.cases.workflow;

import java.util.Locale;
import java.util.Optional;

/** The platform roles (JWT {@code groups}). */
public enum Role {
    CITIZEN, GRID_WORKER, HANDLER, PETITION_OFFICER, MEDIATOR, SUPERVISOR, ANALYST, PARTNER, ADMIN;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String group) {
        for (Role r : values()) {
            if (r.claim().equals(group)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
