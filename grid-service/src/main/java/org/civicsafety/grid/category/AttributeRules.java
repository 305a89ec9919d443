package org.civicsafety.grid.category;

import com.fasterxml.jackson.databind.JsonNode;
import org.civicsafety.grid.common.FieldError;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks submitted attribute answers against a category's attribute definitions. */
public final class AttributeRules {
    private AttributeRules() {}

    public static List<FieldError> validate(List<AttributeDef> defs, JsonNode answers, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (answers != null && !answers.isNull() && !answers.isObject()) {
            errors.add(FieldError.of(prefix, "attribute.not-a-map"));
            return errors;
        }
        Map<String, AttributeDef> byCode = defs.stream().collect(Collectors.toMap(AttributeDef::code, d -> d));
        if (answers != null && answers.isObject()) {
            Iterator<String> names = answers.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!byCode.containsKey(name)) {
                    errors.add(FieldError.of(prefix + "." + name, "attribute.unknown"));
                }
            }
        }
        for (AttributeDef def : defs) {
            JsonNode v = answers == null ? null : answers.get(def.code());
            String field = prefix + "." + def.code();
            boolean missing = v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())
                    || (v.isArray() && v.isEmpty());
            if (missing) {
                if (def.required()) {
                    errors.add(FieldError.of(field, "required"));
                }
                continue;
            }
            FieldError problem = check(def, v, field);
            if (problem != null) {
                errors.add(problem);
            }
        }
        return errors;
    }

    private static FieldError check(AttributeDef def, JsonNode v, String field) {
        Set<String> keys = def.values() == null ? Set.of()
                : def.values().stream().map(AttributeDef.Value::key).collect(Collectors.toSet());
        switch (def.datatype()) {
            case "string", "text" -> {
                if (!v.isTextual()) {
                    return FieldError.of(field, "not-a-string");
                }
                int max = def.datatype().equals("string") ? 200 : 4000;
                return v.asText().length() > max ? FieldError.of(field, "too-long", Integer.toString(max)) : null;
            }
            case "number" -> {
                if (v.isNumber()) {
                    return null;
                }
                if (v.isTextual()) {
                    try {
                        Double.parseDouble(v.asText().trim());
                        return null;
                    } catch (NumberFormatException e) {
                        return FieldError.of(field, "not-a-number");
                    }
                }
                return FieldError.of(field, "not-a-number");
            }
            case "datetime" -> {
                try {
                    OffsetDateTime.parse(v.asText());
                    return v.isTextual() ? null : FieldError.of(field, "not-a-date-time");
                } catch (DateTimeParseException e) {
                    return FieldError.of(field, "not-a-date-time");
                }
            }
            case "singlevaluelist" -> {
                return v.isValueNode() && keys.contains(v.asText()) ? null
                        : FieldError.of(field, "one-of", keys.toString());
            }
            case "multivaluelist" -> {
                List<JsonNode> items = new ArrayList<>();
                if (v.isArray()) {
                    v.forEach(items::add);
                } else {
                    items.add(v);
                }
                for (JsonNode item : items) {
                    if (!item.isValueNode() || !keys.contains(item.asText())) {
                        return FieldError.of(field, "every-one-of", keys.toString());
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
