package org.civicsafety.cases.notice;

import java.util.Locale;

/**
 * A channel a notice is delivered through besides the inbox (which every notice reaches): a person's SMS and e-mail,
 * a unit's e-mail and webhook URL.
 */
public enum Channel {
    SMS, EMAIL, WEBHOOK;

    /** The {@code channel} tag of the notice metrics. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
