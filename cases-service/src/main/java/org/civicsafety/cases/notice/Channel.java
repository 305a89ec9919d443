package org.civicsafety.cases.notice;

import java.util.Locale;

/** A channel a notice is delivered through besides the inbox (which every notice reaches). */
public enum Channel {
    SMS, EMAIL;

    /** The {@code channel} tag of the notice metrics. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
