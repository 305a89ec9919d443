package org.civicsafety.grid.incident;

/** Actions of the incident workflow that people take through POST .../transitions. */
public enum Action {
    START, REJECT, RESOLVE, VERIFY, REOPEN, ESCALATE, CONFIRM, RATE
}
