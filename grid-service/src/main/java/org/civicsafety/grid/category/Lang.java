package org.civicsafety.grid.category;

/** Response language from Accept-Language: zh-CN by default, English when asked for first. */
public enum Lang {
    ZH, EN;

    public String key() {
        return this == EN ? "en" : "zh";
    }

    public static Lang of(String acceptLanguage) {
        if (acceptLanguage == null) {
            return ZH;
        }
        for (String part : acceptLanguage.split(",")) {
            String tag = part.split(";")[0].trim().toLowerCase();
            if (tag.startsWith("en")) {
                return EN;
            }
            if (tag.startsWith("zh")) {
                return ZH;
            }
        }
        return ZH;
    }
}
