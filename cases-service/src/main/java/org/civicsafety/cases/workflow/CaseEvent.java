package org.civicsafety.cases.workflow;

import java.util.Locale;

/**
 * Every event the service publishes on {@code civicsafety.cases.v1} (events.md), one per {@code ce_type}. The contract
 * for consumers is {@code asyncapi.yaml}; tests check that it documents exactly these.
 */
public enum CaseEvent {
    REGISTERED,
    ASSIGNED,
    NOT_ACCEPTED,
    DIVERTED,
    ACCEPTED,
    DECLINED,
    OBJECTED,
    EXTENDED,
    ANSWERED,
    RATED,
    REVIEW_REQUESTED,
    REVIEW_ANSWERED,
    RE_REVIEW_REQUESTED,
    RE_REVIEW_ANSWERED,
    FINALIZED,
    OVERDUE,
    BACKLOGGED,
    MERGED,
    /** Not in events.md's list: a repeat petition taken up again on new facts (cases.md "Repeat petitions"). */
    REPEAT_OVERRIDDEN;

    /** The CloudEvents type, e.g. {@code org.civicsafety.case.review-requested.v1}. */
    public String ceType() {
        return "org.civicsafety.case." + name().toLowerCase(Locale.ROOT).replace('_', '-') + ".v1";
    }
}
