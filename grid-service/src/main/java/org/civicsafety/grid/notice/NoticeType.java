package org.civicsafety.grid.notice;

/**
 * What a notice says; each type has a title and body template per language in {@code messages/notices*.properties}
 * ({@code <TYPE>.title}, {@code <TYPE>.body}), whose argument {0} is the subject's number and the further ones are
 * the type's own (see the bundle). {@code urgent} notices are sent by SMS in quiet hours too.
 */
public enum NoticeType {
    /** To the reporter: {1} the handling unit's deadline. */
    INCIDENT_DISPATCHED(false),
    /** To the reporter: {1} the new deadline. */
    INCIDENT_ESCALATED(false),
    /** To the reporter, asking for feedback. */
    INCIDENT_RESOLVED(false),
    /** To the reporter. */
    INCIDENT_CLOSED(false),
    /** To the reporter: {1} the reason. */
    INCIDENT_REJECTED(false),
    /** To the reporter of a duplicate report: {1} the original's number. */
    INCIDENT_DUPLICATE_LINKED(false),
    /** To the unit it was dispatched to: {1} the deadline. */
    UNIT_DISPATCHED(false),
    /** To the unit it was escalated to: {1} the deadline. */
    UNIT_ESCALATED(true),
    /**
     * To the handling unit when its resolution is reopened (by the reporter, a supervisor or a call-back): {1} the
     * deadline. The reason, free text of whoever reopened it, stays in the incident's history.
     */
    UNIT_REOPENED(false),
    /** To the handling unit when 75 % of the stage's time has passed: {1} the deadline. */
    UNIT_DUE_SOON(false),
    /** To the handling unit past the county deadline: {1} the deadline. */
    UNIT_OVERDUE(true),
    /** To the supervisors of the area past the county deadline: {1} the deadline, {2} the unit. */
    AREA_OVERDUE(true),
    /** To a partner whose webhook subscription failed for 24 hours and was disabled: {0} its URL's host. */
    WEBHOOK_DISABLED(false);

    private final boolean urgent;

    NoticeType(boolean urgent) {
        this.urgent = urgent;
    }

    public boolean urgent() {
        return urgent;
    }
}
