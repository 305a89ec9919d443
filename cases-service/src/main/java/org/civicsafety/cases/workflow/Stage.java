package org.civicsafety.cases.workflow;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Function;

/**
 * The statutory clock of each open state (cases.md "States and statutory limits"): the stage's name as the API and
 * the {@code case.overdue} event name it, the column and field of its deadline. A hearing stops the re-review clock.
 */
public enum Stage {
    TRIAGE(CaseState.REGISTERED, "triage_due_at", c -> c.triageDueAt),
    ACCEPTANCE(CaseState.ASSIGNED, "acceptance_due_at", c -> c.acceptanceDueAt),
    HANDLING(CaseState.IN_HANDLING, "handling_due_at", c -> c.handlingDueAt),
    ANSWER_WINDOW(CaseState.ANSWERED, "answer_window_due_at", c -> c.answerWindowDueAt),
    REVIEW(CaseState.IN_REVIEW, "review_due_at", c -> c.reviewDueAt),
    REVIEW_WINDOW(CaseState.REVIEW_ANSWERED, "review_window_due_at", c -> c.reviewWindowDueAt),
    RE_REVIEW(CaseState.IN_RE_REVIEW, "re_review_due_at", c -> c.reReviewDueAt);

    private final CaseState state;
    private final String column;
    private final Function<CaseEntity, OffsetDateTime> due;

    Stage(CaseState state, String column, Function<CaseEntity, OffsetDateTime> due) {
        this.state = state;
        this.column = column;
        this.due = due;
    }

    public CaseState state() {
        return state;
    }

    /** The {@code petition_case} column holding the deadline. */
    public String column() {
        return column;
    }

    /** The petitioner's windows lapse (the case becomes FINAL); the other stages' deadlines are flagged overdue. */
    public boolean lapses() {
        return this == ANSWER_WINDOW || this == REVIEW_WINDOW;
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
