package org.civicsafety.cases.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The messages of invalid fields ({@code errors[].message}) from the {@code messages/fields} bundle, in the language
 * {@link ProblemType#locale(String)} chose: English in {@code fields.properties}, zh-CN (the default) in
 * {@code fields_zh_CN.properties}.
 */
public final class FieldMessages {

    static final String BUNDLE = "messages.fields";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private FieldMessages() {}

    public static boolean has(String key) {
        return ResourceBundle.getBundle(BUNDLE, ProblemType.ZH_CN, NO_FALLBACK).containsKey(key);
    }

    public static String message(String key, Locale locale, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            // A key without text is a bug of ours; the client still learns which field is wrong.
            return key;
        }
    }
}
