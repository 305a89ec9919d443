package org.civicsafety.gateway.problem;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The {@code errors[].message} of a problem in the caller's language, from the {@code messages/fields}
 * bundle (conventions.md, "Errors": titles and field messages are localized in every service).
 */
public final class FieldMessages {

    /** One entry of a problem's {@code errors} as it goes on the wire. */
    public record Rendered(String field, String message) {}

    private static final String BUNDLE = "messages.fields";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private FieldMessages() {}

    public static Rendered render(ProblemException.FieldError error, Locale locale) {
        return new Rendered(error.field(), message(error.key(), locale, error.args()));
    }

    public static String message(String key, Locale locale, Object... args) {
        String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        return new MessageFormat(pattern, locale).format(args);
    }
}
