package org.civicsafety.grid.category;

import org.civicsafety.grid.category.Severity;

import java.util.List;
import java.util.Map;

/** A category in the requested language; {@code active} false = kept for its incidents, takes no reports. */
public record CategoryView(String code, String name, Group group, List<String> keywords, Severity defaultSeverity,
        int dedupeRadiusMeters, Map<Severity, Integer> slaHours,
        @com.fasterxml.jackson.annotation.JsonProperty("private") boolean isPrivate, List<Attribute> attributes,
        boolean active, long version) {

    public record Group(String code, String name) {}

    public record Attribute(String code, String datatype, boolean required, String description, List<Value> values) {}

    public record Value(String key, String name) {}

    public static CategoryView of(Category c, Lang lang) {
        List<Attribute> attrs = c.attributes().stream().map(a -> new Attribute(a.code(), a.datatype(), a.required(),
                text(a.description(), lang),
                a.values() == null ? List.of()
                        : a.values().stream().map(v -> new Value(v.key(), text(v.name(), lang))).toList()))
                .toList();
        return new CategoryView(c.code(), c.name(lang), new Group(c.groupCode(), c.group(lang)), c.keywords(),
                c.defaultSeverity(), c.dedupeRadiusMeters(), c.slaHours(), c.isPrivate(), attrs, c.active(),
                c.version());
    }

    static String text(Map<String, String> texts, Lang lang) {
        if (texts == null) {
            return null;
        }
        return texts.getOrDefault(lang.key(), texts.get("zh"));
    }
}
