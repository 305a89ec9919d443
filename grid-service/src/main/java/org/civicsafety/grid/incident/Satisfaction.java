package org.civicsafety.grid.incident;

/** A reporter's rating of a resolution (回访), as 12345 hotlines record it. */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

    /** Whether it counts toward the satisfaction rate: satisfied or basically satisfied. */
    public boolean satisfied() {
        return this != DISSATISFIED;
    }
}
