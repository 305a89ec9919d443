package org.civicsafety.cases.workflow;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The statutory clock of each open state (cases.md "States and statutory limits"): the stage's name as the API and
 * the {@code case.overdue} event name it, and the field of its deadline (whose column is named after the stage). A
 * hearing stops the re-review clock.
 */
public enum Stage {
    TRIAGE(CaseState.REGISTERED, c -> c.triageDueAt),
    ACCEPTANCE(CaseState.ASSIGNED, c -> c.acceptanceDueAt),
    HANDLING(CaseState.IN_HANDLING, c -> c.handlingDueAt),
    ANSWER_WINDOW(CaseState.ANSWERED, c -> c.answerWindowDueAt),
    REVIEW(CaseState.IN_REVIEW, c -> c.reviewDueAt),
    REVIEW_WINDOW(CaseState.REVIEW_ANSWERED, c -> c.reviewWindowDueAt),
    RE_REVIEW(CaseState.IN_RE_REVIEW, c -> c.reReviewDueAt);

    private final CaseState state;
    private final Function<CaseEntity, OffsetDateTime> due;

    Stage(CaseState state, Function<CaseEntity, OffsetDateTime> due) {
        this.state = state;
        this.due = due;
    }

    public CaseState state() {
        return state;
    }

    /** The {@code petition_case} column holding the deadline: the stage's name, as {@code triage_due_at}. */
    public String column() {
        return name().toLowerCase(Locale.ROOT) + "_due_at";
    }

    /** The petitioner's windows lapse (the case becomes FINAL); the other stages' deadlines are flagged overdue. */
    public boolean lapses() {
        return this == ANSWER_WINDOW || this == REVIEW_WINDOW;
    }

    /** The handling unit's own deadlines: it is warned three working days before them (notices.md). */
    public boolean unitsDeadline() {
        return this == ACCEPTANCE || this == HANDLING;
    }

    public boolean pausedByHearing() {
        return this == RE_REVIEW;
    }

    /** The deadline of the case in this stage; null while a hearing stops the clock. */
    public OffsetDateTime dueAt(CaseEntity c) {
        return pausedByHearing() && c.hearing ? null : due.apply(c);
    }

    public static Optional<Stage> of(CaseState state) {
        for (Stage s : values()) {
            if (s.state == state) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
