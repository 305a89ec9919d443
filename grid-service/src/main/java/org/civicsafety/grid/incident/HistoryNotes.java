package org.civicsafety.grid.incident;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The audit trail's notes written by the system for people to read ({@code messages/history}: zh-CN base, English
 * {@code history_en}). The trail stores text, so a note is written once, in the platform's language.
 */
final class HistoryNotes {
    private static final String BUNDLE = "messages.history";
    /** The base file is zh-CN: without this a missing key would silently come from the JVM's default locale. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private HistoryNotes() {}

    /** RESOLVE_BY_MEDIATION's note: the mediation whose agreement settled the incident, by its number. */
    static String resolvedByMediation(Locale locale, String mediationNumber) {
        return format(locale, "RESOLVE_BY_MEDIATION", mediationNumber);
    }

    private static String format(Locale locale, String key, Object... args) {
        return new MessageFormat(ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key), locale)
                .format(args);
    }
}
