package org.civicsafety.cases.notice;

/**
 * Every notice cases-service sends (notices.md "Who is told what", the cases rows), with whom it goes to, whether it
 * is one of the statutory written notices of the 《信访工作条例》 (Arts. 21–23, 32–36: receipt, acceptance decision,
 * not accepted or diverted with the legal channel, extension, answer with the review right, review and re-review
 * decisions, finality) and whether it is urgent (urgent SMS ignore quiet hours). Templates: {@code <TYPE>.title} and
 * {@code <TYPE>.body} in {@code messages/notices*.properties}.
 */
public enum NoticeType {
    CASE_REGISTERED(RecipientType.USER, true, false),
    CASE_REPEAT_REFUSED(RecipientType.USER, true, false),
    CASE_NOT_ACCEPTED(RecipientType.USER, true, false),
    CASE_DIVERTED(RecipientType.USER, true, false),
    CASE_ACCEPTED(RecipientType.USER, true, false),
    CASE_DECLINED(RecipientType.USER, true, false),
    CASE_RETRIAGED(RecipientType.USER, false, false),
    CASE_EXTENDED(RecipientType.USER, true, false),
    CASE_ANSWERED(RecipientType.USER, true, false),
    CASE_REVIEW_ANSWERED(RecipientType.USER, true, false),
    CASE_RE_REVIEW_ANSWERED(RecipientType.USER, true, false),
    CASE_FINALIZED(RecipientType.USER, true, false),
    UNIT_CASE_ASSIGNED(RecipientType.UNIT, false, false),
    UNIT_DUE_SOON(RecipientType.UNIT, false, false),
    UNIT_OVERDUE(RecipientType.UNIT, false, true),
    UNIT_REVIEW_REQUESTED(RecipientType.UNIT, false, false),
    AREA_OVERDUE(RecipientType.AREA, false, true),
    AREA_BACKLOG(RecipientType.AREA, false, false),
    AREA_SUPERVISION_NOTE(RecipientType.AREA, false, false),
    RECEPTION_BOOKED(RecipientType.USER, false, false),
    RECEPTION_CANCELLED(RecipientType.USER, false, false),
    /** A mediation's deadline passed: its mediators' units (mediation.md "Deadline"), else the area's supervisors. */
    UNIT_MEDIATION_OVERDUE(RecipientType.UNIT, false, true),
    AREA_MEDIATION_OVERDUE(RecipientType.AREA, false, true);

    private final RecipientType recipientType;
    private final boolean statutory;
    private final boolean urgent;

    NoticeType(RecipientType recipientType, boolean statutory, boolean urgent) {
        this.recipientType = recipientType;
        this.statutory = statutory;
        this.urgent = urgent;
    }

    public RecipientType recipientType() {
        return recipientType;
    }

    /** A statutory notice: it always reaches the inbox and a given mobile, and it is also a written notice (PDF). */
    public boolean statutory() {
        return statutory;
    }

    public boolean urgent() {
        return urgent;
    }
}
