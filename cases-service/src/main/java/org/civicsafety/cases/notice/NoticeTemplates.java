package org.civicsafety.cases.notice;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicsafety.cases.common.ApiException;

/**
 * The texts of notices, per type and language, from {@code messages/notices.properties} (zh-CN, the default) and
 * {@code notices_en.properties}: {@code <TYPE>.title} and {@code <TYPE>.body}, with {@code {name}} placeholders.
 * An argument's value is shown as the bundle's {@code value.<name>.<value>} when there is one (a decision, a legal
 * channel, a stage), a timestamp as a date in the language's {@code format.date}, anything else as it is.
 */
public final class NoticeTemplates {

    public static final String ZH_CN = "zh-CN";
    public static final String EN = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public record Text(String title, String body) {}

    private NoticeTemplates() {}

    /** {@code en} for English, otherwise the default zh-CN. */
    public static String language(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en") ? EN : ZH_CN;
    }

    /** A document's {@code lang} parameter: zh-CN when absent, else zh-CN or en (another value is a 400). */
    public static String documentLanguage(String lang) {
        if (lang != null && !lang.equals(ZH_CN) && !lang.equals(EN)) {
            throw ApiException.badField("lang", "unknown-value", "[zh-CN, en]");
        }
        return lang == null ? ZH_CN : lang;
    }

    public static Text render(NoticeType type, String lang, Map<String, String> args) {
        ResourceBundle bundle = bundle(lang);
        return new Text(fill(bundle, bundle.getString(type.name() + ".title"), args),
                fill(bundle, bundle.getString(type.name() + ".body"), args));
    }

    /** Any text of the bundle (the written notices' headings), its placeholders filled. */
    public static String text(String key, String lang, Map<String, String> args) {
        ResourceBundle bundle = bundle(lang);
        return fill(bundle, bundle.getString(key), args);
    }

    static ResourceBundle bundle(String lang) {
        return ResourceBundle.getBundle("messages.notices",
                EN.equals(lang) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE,
                NO_FALLBACK);
    }

    private static String fill(ResourceBundle bundle, String template, Map<String, String> args) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = args.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "—" : shown(bundle, name, value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String shown(ResourceBundle bundle, String name, String value) {
        String key = "value." + name + "." + value;
        if (bundle.containsKey(key)) {
            return bundle.getString(key);
        }
        if (value.length() >= 20 && Character.isDigit(value.charAt(0)) && value.charAt(10) == 'T') {
            try {
                OffsetDateTime t = OffsetDateTime.parse(value);
                return t.format(DateTimeFormatter.ofPattern(bundle.getString("format.date"), Locale.ENGLISH));
            } catch (DateTimeParseException | MissingResourceException e) {
                return value;
            }
        }
        return value;
    }
}
