package org.civicsafety.grid.notice;

import java.util.Locale;

/** The outside channels a notice is delivered through; the inbox is the notice row itself and always there. */
public enum Channel {
    EMAIL, SMS, WEBHOOK;

    /** The {@code channel} tag of the notice metrics ({@code inbox} for the inbox). */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static final String INBOX_TAG = "inbox";
}
