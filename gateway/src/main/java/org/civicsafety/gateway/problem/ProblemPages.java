package org.civicsafety.gateway.problem;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** Renders the problem-type pages from {@code messages/problem-pages*.properties}; plain HTML, no scripts. */
final class ProblemPages {

    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemPages() {}

    /** {@code ?lang=} (en or zh-CN) when given, else the Accept-Language choice of problem titles. */
    static Locale language(String lang, String acceptLanguage) {
        if (lang == null) {
            return ProblemType.locale(acceptLanguage);
        }
        if ("en".equalsIgnoreCase(lang)) {
            return Locale.ENGLISH;
        }
        if ("zh-CN".equalsIgnoreCase(lang) || "zh".equalsIgnoreCase(lang)) {
            return ProblemType.ZH_CN;
        }
        throw ProblemException.invalid(List.of(new ProblemException.FieldError("lang", "wrong-type")));
    }

    static String page(ProblemType type, Locale locale) {
        ResourceBundle text = bundle(locale);
        String title = type.title(locale);
        StringBuilder body = new StringBuilder()
                .append("<h1>").append(escape(title)).append("</h1>\n")
                .append("<p><code>").append(escape(type.uri())).append("</code> · ")
                .append(escape(text.getString("page.status")))
                .append(' ').append(type.status()).append("</p>\n")
                .append("<h2>").append(escape(text.getString("page.meaning"))).append("</h2>\n")
                .append("<p>").append(escape(text.getString(type.slug() + ".meaning"))).append("</p>\n")
                .append("<h2>").append(escape(text.getString("page.action"))).append("</h2>\n")
                .append("<p>").append(escape(text.getString(type.slug() + ".action"))).append("</p>\n")
                .append("<p><a href=\"/problems?lang=").append(tag(locale)).append("\">")
                .append(escape(text.getString("page.all"))).append("</a> · ")
                .append(otherLanguageLink(text, type.slug())).append("</p>\n");
        return document(locale, title, body);
    }

    static String index(Locale locale) {
        ResourceBundle text = bundle(locale);
        StringBuilder body = new StringBuilder()
                .append("<h1>").append(escape(text.getString("page.heading"))).append("</h1>\n<ul>\n");
        for (ProblemType type : ProblemType.values()) {
            body.append("<li><a href=\"/problems/").append(type.slug()).append("?lang=").append(tag(locale))
                    .append("\">")
                    .append(escape(type.title(locale))).append("</a> (").append(type.status()).append(", <code>")
                    .append(type.slug()).append("</code>)</li>\n");
        }
        body.append("</ul>\n<p>").append(otherLanguageLink(text, "")).append("</p>\n");
        return document(locale, text.getString("page.heading"), body);
    }

    private static String otherLanguageLink(ResourceBundle text, String slug) {
        String href = slug.isEmpty() ? "/problems" : "/problems/" + slug;
        return "<a href=\"" + href + "?lang=" + text.getString("page.other-language-tag") + "\">"
                + escape(text.getString("page.other-language")) + "</a>";
    }

    private static String document(Locale locale, String title, CharSequence body) {
        return "<!doctype html>\n<html lang=\"" + tag(locale) + "\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title></head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    private static String tag(Locale locale) {
        return Locale.ENGLISH.equals(locale) ? "en" : "zh-CN";
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("messages.problem-pages", locale, NO_FALLBACK);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
