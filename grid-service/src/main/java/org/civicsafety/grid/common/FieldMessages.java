package org.civicsafety.grid.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Texts of field errors ({@code errors[].message}) from the {@code messages/fields} bundle: {@code fields.properties}
 * is English, {@code fields_zh_CN.properties} Chinese; the language is chosen by {@link ProblemType#locale}.
 */
public final class FieldMessages {
    static final String BUNDLE = "messages.fields";
    /** Without this, a missing English bundle would silently fall back to the JVM's default locale. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private FieldMessages() {}

    public static String message(String key, Locale locale, Object... args) {
        String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        return new MessageFormat(pattern, locale).format(args);
    }
}
