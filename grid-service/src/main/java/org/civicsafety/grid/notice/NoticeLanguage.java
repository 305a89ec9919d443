package org.civicsafety.grid.notice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/** The language a notice is written in: zh-CN unless its recipient chose English. */
public enum NoticeLanguage {
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE), EN("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    NoticeLanguage(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    Locale locale() {
        return locale;
    }

    /** The language of a tag as stored and sent ({@code zh-CN}, {@code en}); anything else is refused. */
    @JsonCreator
    public static NoticeLanguage of(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equals(tag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a notice language: " + tag));
    }
}
