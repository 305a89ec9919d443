package org.civicsafety.cases.mediation;

/** Where a mediation stands (mediation.md's table). */
public enum MediationState {
    OPEN, IN_MEDIATION, AGREED, FULFILLED, ENDED;

    /** Still being mediated: its deadline runs (once in mediation) and it can be overdue. */
    public boolean running() {
        return this == OPEN || this == IN_MEDIATION;
    }
}
