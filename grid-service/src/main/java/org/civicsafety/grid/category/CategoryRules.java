package org.civicsafety.grid.category;

import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.category.Severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of category writes, independent of storage; every invalid field is reported. */
public final class CategoryRules {
    /** Category and group codes are upper snake case like the seed catalogue (FIGHT, PUBLIC_ORDER). */
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    /** Attribute codes and value keys are lower snake case like the seeds (people_count). */
    static final Pattern ATTRIBUTE_CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final Set<String> DATATYPES = Set.of("string", "number", "datetime", "text", "singlevaluelist",
            "multivaluelist");
    static final Set<String> LANGUAGES = Set.of("zh", "en");
    static final int DEFAULT_DEDUPE_RADIUS = 50;
    static final int MAX_SLA_HOURS = 24 * 365;

    private CategoryRules() {}

    /** @param create a new category's body needs its code; a PUT's may leave it out */
    public static List<FieldError> validate(CategoryRequest r, boolean create) {
        List<FieldError> errors = new ArrayList<>();
        code(r.code(), "code", CODE, "upper snake case (A-Z, 0-9, _)", create, errors);
        text(r.name(), "name", 200, errors);
        text(r.nameEn(), "nameEn", 200, errors);
        if (r.group() == null) {
            errors.add(FieldError.of("group", "required"));
        } else {
            code(r.group().code(), "group.code", CODE, "upper snake case (A-Z, 0-9, _)", true, errors);
            text(r.group().name(), "group.name", 200, errors);
            text(r.group().nameEn(), "group.nameEn", 200, errors);
        }
        if (r.keywords() != null) {
            if (r.keywords().size() > 50) {
                errors.add(FieldError.of("keywords", "category.keywords", "50"));
            }
            for (int i = 0; i < r.keywords().size(); i++) {
                text(r.keywords().get(i), "keywords[" + i + "]", 100, errors);
            }
        }
        if (r.defaultSeverity() == null) {
            errors.add(FieldError.of("defaultSeverity", "required"));
        }
        if (r.dedupeRadiusMeters() != null && (r.dedupeRadiusMeters() < 1 || r.dedupeRadiusMeters() > 10_000)) {
            errors.add(FieldError.of("dedupeRadiusMeters", "not-in-range", "1", "10000"));
        }
        sla(r.slaHours(), errors);
        if (r.attributes() != null) {
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < r.attributes().size(); i++) {
                attribute(r.attributes().get(i), "attributes[" + i + "]", codes, errors);
            }
        }
        return errors;
    }

    private static void sla(Map<Severity, Integer> hours, List<FieldError> errors) {
        if (hours == null) {
            errors.add(FieldError.of("slaHours", "category.sla-hours", List.of(Severity.values()).toString()));
            return;
        }
        for (Severity s : Severity.values()) {
            Integer h = hours.get(s);
            if (h == null) {
                errors.add(FieldError.of("slaHours." + s, "required"));
            } else if (h < 1 || h > MAX_SLA_HOURS) {
                errors.add(FieldError.of("slaHours." + s, "not-in-range", "1", Integer.toString(MAX_SLA_HOURS)));
            }
        }
    }

    private static void attribute(AttributeDef a, String field, Set<String> codes, List<FieldError> errors) {
        if (a == null) {
            errors.add(FieldError.of(field, "not-an-object"));
            return;
        }
        if (code(a.code(), field + ".code", ATTRIBUTE_CODE, "lower snake case (a-z, 0-9, _)", true, errors)
                && !codes.add(a.code())) {
            errors.add(FieldError.of(field + ".code", "category.attribute-code-used"));
        }
        texts(a.description(), field + ".description", 500, errors);
        if (a.datatype() == null || !DATATYPES.contains(a.datatype())) {
            errors.add(FieldError.of(field + ".datatype", "one-of", DATATYPES.stream().sorted().toList().toString()));
            return;
        }
        boolean list = a.datatype().endsWith("valuelist");
        if (!list) {
            if (a.values() != null && !a.values().isEmpty()) {
                errors.add(FieldError.of(field + ".values", "category.values-only-lists"));
            }
            return;
        }
        if (a.values() == null || a.values().isEmpty()) {
            errors.add(FieldError.of(field + ".values", "category.values-required", a.datatype()));
            return;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < a.values().size(); i++) {
            AttributeDef.Value v = a.values().get(i);
            String vf = field + ".values[" + i + "]";
            if (v == null) {
                errors.add(FieldError.of(vf, "not-an-object"));
                continue;
            }
            if (code(v.key(), vf + ".key", ATTRIBUTE_CODE, "lower snake case (a-z, 0-9, _)", true, errors)
                    && !keys.add(v.key())) {
                errors.add(FieldError.of(vf + ".key", "category.value-key-used"));
            }
            if (v.name() == null || v.name().get("zh") == null) {
                errors.add(FieldError.of(vf + ".name.zh", "required"));
            }
            texts(v.name(), vf + ".name", 200, errors);
        }
    }

    /** Texts by language: only "zh" and "en", each non-blank and at most {@code max} characters. */
    private static void texts(Map<String, String> texts, String field, int max, List<FieldError> errors) {
        if (texts == null) {
            return;
        }
        texts.forEach((lang, text) -> {
            if (!LANGUAGES.contains(lang)) {
                errors.add(FieldError.of(field + "." + lang, "category.language"));
            } else {
                text(text, field + "." + lang, max, errors);
            }
        });
    }

    /** @return whether the code is present and well formed */
    private static boolean code(String code, String field, Pattern pattern, String shape, boolean required,
            List<FieldError> errors) {
        if (code == null) {
            if (required) {
                errors.add(FieldError.of(field, "required"));
            }
            return false;
        }
        if (!pattern.matcher(code).matches()) {
            errors.add(FieldError.of(field, "category.code-shape", shape));
            return false;
        }
        return true;
    }

    private static void text(String text, String field, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(FieldError.of(field, "required"));
        } else if (text.length() > max) {
            errors.add(FieldError.of(field, "too-long", Integer.toString(max)));
        }
    }
}
