package org.civicsafety.cases.mediation;

import java.util.Locale;

/** Every mediation event on {@code civicsafety.cases.v1} (the shared design); asyncapi.yaml documents exactly these. */
public enum MediationEvent {
    OPENED, CONSENTED, CONCLUDED, FOLLOWED_UP, OVERDUE;

    /** The CloudEvents type, e.g. {@code org.civicsafety.mediation.followed-up.v1}. */
    public String ceType() {
        return "org.civicsafety.mediation." + name().toLowerCase(Locale.ROOT).replace('_', '-') + ".v1";
    }
}
