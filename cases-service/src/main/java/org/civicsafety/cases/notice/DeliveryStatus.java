package org.civicsafety.cases.notice;

/**
 * Where a delivery stands: waiting ({@code PENDING}, or {@code DEFERRED} by quiet hours), {@code SENT}, given up
 * after 24 h of failures ({@code FAILED}), or {@code SUPPRESSED} — a statutory notice with no address to send to.
 */
public enum DeliveryStatus {
    PENDING, SENT, FAILED, DEFERRED, SUPPRESSED
}
