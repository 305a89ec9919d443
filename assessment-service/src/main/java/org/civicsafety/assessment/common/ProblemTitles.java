package org.civicsafety.assessment.common;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Problem titles in the caller's language, from the {@code messages/problems} bundle: zh-CN unless
 * {@code Accept-Language} prefers English (conventions.md, "Language").
 */
public final class ProblemTitles {

    public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;
    private static final String BUNDLE = "messages.problems";
    /** Without this, a missing English bundle would silently fall back to the JVM's default locale. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemTitles() {}

    public static String title(ProblemType type, String acceptLanguage) {
        return title(type, locale(acceptLanguage));
    }

    public static String title(ProblemType type, Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(type.slug());
    }

    /** The first of zh / en by the header's weights; zh-CN when neither is asked for or the header is unreadable. */
    public static Locale locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ZH_CN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return ZH_CN;
        }
        for (Locale.LanguageRange r : ranges) {
            String range = r.getRange().toLowerCase(Locale.ROOT);
            if (r.getWeight() == 0) {
                continue;
            }
            if (range.equals("en") || range.startsWith("en-")) {
                return Locale.ENGLISH;
            }
            if (range.equals("zh") || range.startsWith("zh-") || range.equals("*")) {
                return ZH_CN;
            }
        }
        return ZH_CN;
    }
}
