package org.civicsafety.grid.category;

import java.util.Locale;
import org.civicsafety.grid.common.ProblemType;

/** Response language from Accept-Language: zh-CN by default, English when preferred. */
public enum Lang {
    ZH, EN;

    public String key() {
        return this == EN ? "en" : "zh";
    }

    /** Read the same way as for problem titles, so a response and its errors never disagree on the language. */
    public static Lang of(String acceptLanguage) {
        return Locale.ENGLISH.equals(ProblemType.locale(acceptLanguage)) ? EN : ZH;
    }
}
