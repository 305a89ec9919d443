package org.civicsafety.cases.mediation;

/** What a mediator asks for in {@code POST /api/v1/mediations/{id}/transitions}; {@code OVERDUE} is the clock's. */
public enum MediationAction {
    RECORD_CONSENT,
    REFUSE,
    ADD_SESSION,
    EXTEND,
    CONCLUDE_AGREEMENT,
    CONCLUDE_FAILED,
    WITHDRAW,
    RECORD_JUDICIAL_CONFIRMATION,
    FOLLOW_UP,
    REOPEN,
    /** The clock's step: the deadline passed while the mediation was still running. */
    OVERDUE;

    public boolean bySystem() {
        return this == OVERDUE;
    }
}
