package org.civicsafety.cases.workflow;

/** What a caller asks for in {@code POST /api/v1/cases/{id}/transitions}. */
public enum Action implements Step {
    ASSIGN,
    DIVERT,
    /** Refer the petition to dispute mediation (mediation.md): DIVERTED with channel MEDIATION, a mediation opened. */
    REFER_TO_MEDIATION,
    NOT_ACCEPT,
    MERGE,
    OVERRIDE_REPEAT,
    ACCEPT,
    DECLINE,
    OBJECT,
    ANSWER,
    EXTEND,
    ACCEPT_ANSWER,
    RATE,
    REQUEST_REVIEW,
    ANSWER_REVIEW,
    REQUEST_RE_REVIEW,
    ANSWER_RE_REVIEW,
    START_HEARING,
    END_HEARING
}
