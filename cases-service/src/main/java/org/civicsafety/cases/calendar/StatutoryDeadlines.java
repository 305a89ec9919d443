package org.civicsafety.cases.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** The time limits of the 《信访工作条例》 (2022), computed on a {@link DeadlineCalendar}. */
public final class StatutoryDeadlines {

    /** Art. 22: triage within 15 days of registration. */
    public static final int TRIAGE_DAYS = 15;
    /** Art. 23: acceptance decision within 15 days of assignment. */
    public static final int ACCEPTANCE_DAYS = 15;
    /** An objection to an assignment only within 5 working days. */
    public static final int OBJECTION_WORKING_DAYS = 5;
    /** Art. 34: answer within 60 days of acceptance. */
    public static final int HANDLING_DAYS = 60;
    /** Art. 34: one extension of at most 30 days. */
    public static final int MAX_EXTENSION_DAYS = 30;
    /** Art. 35/36: petitioner's windows and the review/re-review limits. */
    public static final int WINDOW_DAYS = 30;
    public static final int REVIEW_DAYS = 30;
    public static final int RE_REVIEW_DAYS = 30;

    private final DeadlineCalendar calendar;

    public StatutoryDeadlines(DeadlineCalendar calendar) {
        this.calendar = calendar;
    }

    public OffsetDateTime triageDue(Instant registeredAt) {
        return calendarDays(registeredAt, TRIAGE_DAYS);
    }

    public OffsetDateTime acceptanceDue(Instant assignedAt) {
        return calendarDays(assignedAt, ACCEPTANCE_DAYS);
    }

    public OffsetDateTime objectionDue(Instant assignedAt) {
        return DeadlineCalendar
                .endOfDay(calendar.addWorkingDays(DeadlineCalendar.localDate(assignedAt), OBJECTION_WORKING_DAYS));
    }

    /** The extension is added to the statutory 60 days, so the limit counts from acceptance as a whole. */
    public OffsetDateTime handlingDue(Instant acceptedAt, int extensionDays) {
        if (extensionDays < 0 || extensionDays > MAX_EXTENSION_DAYS) {
            throw new IllegalArgumentException("extension must be between 0 and " + MAX_EXTENSION_DAYS + " days");
        }
        return calendarDays(acceptedAt, HANDLING_DAYS + extensionDays);
    }

    public OffsetDateTime answerWindowDue(Instant answeredAt) {
        return calendarDays(answeredAt, WINDOW_DAYS);
    }

    public OffsetDateTime reviewDue(Instant requestedAt) {
        return calendarDays(requestedAt, REVIEW_DAYS);
    }

    public OffsetDateTime reviewWindowDue(Instant reviewAnsweredAt) {
        return calendarDays(reviewAnsweredAt, WINDOW_DAYS);
    }

    /** Art. 36: hearing time is not counted, so the paused days are added to the 30. */
    public OffsetDateTime reReviewDue(Instant requestedAt, int pausedDays) {
        return calendarDays(requestedAt, RE_REVIEW_DAYS + pausedDays);
    }

    /** Calendar days a hearing stopped the clock: from the day it started to the day it ended. */
    public static int hearingPausedDays(Instant startedAt, Instant endedAt) {
        LocalDate start = DeadlineCalendar.localDate(startedAt);
        LocalDate end = DeadlineCalendar.localDate(endedAt);
        return (int) Math.max(0, ChronoUnit.DAYS.between(start, end));
    }

    private OffsetDateTime calendarDays(Instant from, int days) {
        return DeadlineCalendar.endOfDay(calendar.addCalendarDays(DeadlineCalendar.localDate(from), days));
    }
}
