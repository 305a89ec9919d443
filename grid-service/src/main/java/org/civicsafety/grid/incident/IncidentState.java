package org.civicsafety.grid.incident;

public enum IncidentState {
    REPORTED, DISPATCHED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED, DUPLICATE;

    /** Open311 "open": still being worked on. */
    public boolean open() {
        return this == REPORTED || this == DISPATCHED || this == IN_PROGRESS;
    }
}
