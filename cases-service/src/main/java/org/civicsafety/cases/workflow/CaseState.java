package org.civicsafety.cases.workflow;

public enum CaseState {
    REGISTERED,
    ASSIGNED,
    IN_HANDLING,
    ANSWERED,
    IN_REVIEW,
    REVIEW_ANSWERED,
    IN_RE_REVIEW,
    FINAL,
    NOT_ACCEPTED,
    DIVERTED,
    DECLINED,
    MERGED;

    /** Still being worked on: neither FINAL nor one of the terminal refusals. */
    public boolean isOpen() {
        return this != FINAL && !isTerminalRefusal();
    }

    public boolean isTerminalRefusal() {
        return this == NOT_ACCEPTED || this == DIVERTED || this == DECLINED || this == MERGED;
    }
}
