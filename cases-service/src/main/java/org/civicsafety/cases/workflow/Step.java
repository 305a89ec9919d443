package org.civicsafety.cases.workflow;

/** What moves a case along a row of the table: a caller's {@link Action} or the clock's {@link SystemAction}. */
public sealed interface Step permits Action, SystemAction {
    /** As the history records it. */
    String name();
}
