package org.civicsafety.grid.notice;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Waiting for the relay (first try or a retry at next_attempt_at). */
    PENDING,
    /** Accepted by the SMTP server, SMS provider or webhook receiver. */
    SENT,
    /** Given up after retrying for 24 hours. */
    FAILED,
    /** Held back until next_attempt_at (quiet hours for a non-urgent SMS). */
    DEFERRED,
    /** Not sent and never will be (its webhook subscription was deleted or disabled). */
    SUPPRESSED
}
