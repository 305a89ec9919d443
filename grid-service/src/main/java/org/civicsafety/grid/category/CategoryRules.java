package org.civicsafety.grid.category;

import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.incident.Severity;

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

    private CategoryRules() {
    }

    /** @param create a new category's body needs its code; a PUT's may leave it out */
    public static List<FieldError> validate(CategoryRequest r, boolean create) {
        List<FieldError> errors = new ArrayList<>();
        code(r.code(), "code", CODE, "upper snake case (A-Z, 0-9, _)", create, errors);
        text(r.name(), "name", 200, errors);
        text(r.nameEn(), "nameEn", 200, errors);
        if (r.group() == null) {
            errors.add(new FieldError("group", "is required"));
        } else {
            code(r.group().code(), "group.code", CODE, "upper snake case (A-Z, 0-9, _)", true, errors);
            text(r.group().name(), "group.name", 200, errors);
            text(r.group().nameEn(), "group.nameEn", 200, errors);
        }
        if (r.keywords() != null) {
            if (r.keywords().size() > 50) {
                errors.add(new FieldError("keywords", "at most 50 keywords"));
            }
            for (int i = 0; i < r.keywords().size(); i++) {
                text(r.keywords().get(i), "keywords[" + i + "]", 100, errors);
            }
        }
        if (r.defaultSeverity() == null) {
            errors.add(new FieldError("defaultSeverity", "is required"));
        }
        if (r.dedupeRadiusMeters() != null && (r.dedupeRadiusMeters() < 1 || r.dedupeRadiusMeters() > 10_000)) {
            errors.add(new FieldError("dedupeRadiusMeters", "must be between 1 and 10000"));
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
            errors.add(new FieldError("slaHours", "is required: hours for each of " + List.of(Severity.values())));
            return;
        }
        for (Severity s : Severity.values()) {
            Integer h = hours.get(s);
            if (h == null) {
                errors.add(new FieldError("slaHours." + s, "is required"));
            } else if (h < 1 || h > MAX_SLA_HOURS) {
                errors.add(new FieldError("slaHours." + s, "must be between 1 and " + MAX_SLA_HOURS));
            }
        }
    }

    private static void attribute(AttributeDef a, String field, Set<String> codes, List<FieldError> errors) {
        if (a == null) {
            errors.add(new FieldError(field, "must be an object"));
            return;
        }
        if (code(a.code(), field + ".code", ATTRIBUTE_CODE, "lower snake case (a-z, 0-9, _)", true, errors)
                && !codes.add(a.code())) {
            errors.add(new FieldError(field + ".code", "is used by another attribute"));
        }
        texts(a.description(), field + ".description", 500, errors);
        if (a.datatype() == null || !DATATYPES.contains(a.datatype())) {
            errors.add(new FieldError(field + ".datatype", "must be one of " + DATATYPES.stream().sorted().toList()));
            return;
        }
        boolean list = a.datatype().endsWith("valuelist");
        if (!list) {
            if (a.values() != null && !a.values().isEmpty()) {
                errors.add(new FieldError(field + ".values", "only list datatypes have values"));
            }
            return;
        }
        if (a.values() == null || a.values().isEmpty()) {
            errors.add(new FieldError(field + ".values", "is required for a " + a.datatype()));
            return;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < a.values().size(); i++) {
            AttributeDef.Value v = a.values().get(i);
            String vf = field + ".values[" + i + "]";
            if (v == null) {
                errors.add(new FieldError(vf, "must be an object"));
                continue;
            }
            if (code(v.key(), vf + ".key", ATTRIBUTE_CODE, "lower snake case (a-z, 0-9, _)", true, errors)
                    && !keys.add(v.key())) {
                errors.add(new FieldError(vf + ".key", "is used by another value"));
            }
            if (v.name() == null || v.name().get("zh") == null) {
                errors.add(new FieldError(vf + ".name.zh", "is required"));
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
                errors.add(new FieldError(field + "." + lang, "language must be zh or en"));
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
                errors.add(new FieldError(field, "is required"));
            }
            return false;
        }
        if (!pattern.matcher(code).matches()) {
            errors.add(new FieldError(field, "must be " + shape + ", at most 64 characters"));
            return false;
        }
        return true;
    }

    private static void text(String text, String field, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (text.length() > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
        }
    }
}
