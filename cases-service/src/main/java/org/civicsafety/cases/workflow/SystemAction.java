package org.civicsafety.cases.workflow;

/** What the statute's clock does by itself (DeadlineJobs), named as the history records it. */
public enum SystemAction implements Step {
    /** A stage's deadline passed: flag it once (and put the case on the backlog). */
    OVERDUE,
    /** The petitioner's window after an answer lapsed: the answer is final. */
    LAPSE,
    /** Open for longer than the backlog limit. */
    BACKLOG
}
