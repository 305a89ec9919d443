package org.civicsafety.cases.workflow;

/** The closed vocabularies of a case (unknown values in a request are a 400). */
public final class Enums {
    private Enums() {}

    public enum Channel {
        VISIT, LETTER, PHONE, HOTLINE_12345, ONLINE, FAX
    }

    public enum CaseType {
        REQUEST_GRIEVANCE, SUGGESTION, MISCONDUCT_REPORT
    }

    public enum Decision {
        SUPPORT, EXPLAIN, NOT_SUPPORT
    }

    public enum Satisfaction {
        SATISFIED, BASICALLY_SATISFIED, DISSATISFIED
    }

    public enum DivertChannel {
        LITIGATION,
        ARBITRATION,
        ADMINISTRATIVE_REVIEW,
        DISCIPLINE_INSPECTION,
        /** Only by REFER_TO_MEDIATION, which opens the mediation. */
        MEDIATION
    }

    /** Why a case is on the backlog ledger (cases.md "Backlog and supervision"). */
    public enum BacklogReason {
        OVERDUE, OPEN_OVER_90_DAYS, REPEATED_PETITIONS, SUPERVISOR
    }
}
