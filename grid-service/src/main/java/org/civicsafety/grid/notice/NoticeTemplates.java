package org.civicsafety.grid.notice;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * Renders a notice's title and body from the {@code messages/notices} bundle ({@code notices.properties} zh-CN,
 * {@code notices_en.properties} English): argument {0} is the subject's number, the rest the request's; times are
 * written as Asia/Shanghai local time.
 */
public final class NoticeTemplates {
    static final String BUNDLE = "messages.notices";
    /** The base file is zh-CN: without this a missing key would silently come from the JVM's default locale. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(QuietHours.SHANGHAI);

    /** A rendered notice. */
    public record Rendered(String title, String body) {}

    private NoticeTemplates() {}

    public static Rendered render(NoticeType type, NoticeLanguage language, String subjectNumber, List<Object> args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(), NO_FALLBACK);
        List<Object> all = new ArrayList<>();
        all.add(subjectNumber == null ? "" : subjectNumber);
        args.forEach(a -> all.add(text(a)));
        Object[] values = all.toArray();
        return new Rendered(format(bundle.getString(type.name() + ".title"), language, values),
                format(bundle.getString(type.name() + ".body"), language, values));
    }

    private static String format(String pattern, NoticeLanguage language, Object[] values) {
        return new MessageFormat(pattern, language.locale()).format(values);
    }

    /** Times as local time in Shanghai; everything else as text (MessageFormat would group a number's digits). */
    private static String text(Object arg) {
        if (arg instanceof OffsetDateTime || arg instanceof Instant) {
            return TIME.format((TemporalAccessor) arg);
        }
        return arg == null ? "" : arg.toString();
    }
}
