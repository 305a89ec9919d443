package org.civicsafety.grid.category;

import org.civicsafety.grid.category.Severity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** A category in the requested language; {@code active} false = kept for its incidents, takes no reports. */
@Schema(name = "Category", description = "An incident category in the requested language")
public record CategoryView(String code, String name, Group group, List<String> keywords, Severity defaultSeverity,
        int dedupeRadiusMeters,
        @Schema(description = "Hours to resolve at each level, by severity") Map<Severity, Integer> slaHours,
        @Schema(description = "Reports not listed publicly") @com.fasterxml.jackson.annotation.JsonProperty("private") boolean isPrivate,
        @Schema(description = "Extra questions a report answers in its attributes") List<Attribute> attributes,
        @Schema(description = "false: kept for its incidents, takes no new reports") boolean active,
        @Schema(description = "Also the ETag") long version) {

    @Schema(name = "CategoryGroup")
    public record Group(String code, String name) {}

    @Schema(name = "CategoryAttribute", description = "A question; an incident answers it in attributes[code]")
    public record Attribute(String code,
            @Schema(enumeration = {"string", "number", "datetime", "text", "singlevaluelist",
                    "multivaluelist"}) String datatype,
            boolean required, String description, List<Value> values){}

    @Schema(name = "CategoryAttributeValue")
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
