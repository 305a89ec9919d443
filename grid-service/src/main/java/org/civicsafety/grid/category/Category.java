package org.civicsafety.grid.category;

import org.civicsafety.grid.category.Severity;

import java.util.List;
import java.util.Map;

/** An incident category; an inactive one stays readable for its incidents but takes no new reports. */
public record Category(String code, String nameZh, String nameEn, String groupCode, String groupZh, String groupEn,
        List<String> keywords, Severity defaultSeverity, int dedupeRadiusMeters, Map<Severity, Integer> slaHours,
        boolean isPrivate, List<AttributeDef> attributes, boolean active, long version) {

    public String name(Lang lang) {
        return lang == Lang.EN ? nameEn : nameZh;
    }

    public String group(Lang lang) {
        return lang == Lang.EN ? groupEn : groupZh;
    }
}
