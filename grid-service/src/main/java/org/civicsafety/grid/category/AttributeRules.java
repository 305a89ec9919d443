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
    private AttributeRules() {
    }

    public static List<FieldError> validate(List<AttributeDef> defs, JsonNode answers, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (answers != null && !answers.isNull() && !answers.isObject()) {
            errors.add(new FieldError(prefix, "must be an object of attribute code to value"));
            return errors;
        }
        Map<String, AttributeDef> byCode = defs.stream().collect(Collectors.toMap(AttributeDef::code, d -> d));
        if (answers != null && answers.isObject()) {
            Iterator<String> names = answers.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!byCode.containsKey(name)) {
                    errors.add(new FieldError(prefix + "." + name, "is not an attribute of this category"));
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
                    errors.add(new FieldError(field, "is required"));
                }
                continue;
            }
            String problem = check(def, v);
            if (problem != null) {
                errors.add(new FieldError(field, problem));
            }
        }
        return errors;
    }

    private static String check(AttributeDef def, JsonNode v) {
        Set<String> keys = def.values() == null ? Set.of()
                : def.values().stream().map(AttributeDef.Value::key).collect(Collectors.toSet());
        switch (def.datatype()) {
            case "string", "text" -> {
                if (!v.isTextual()) {
                    return "must be a string";
                }
                int max = def.datatype().equals("string") ? 200 : 4000;
                return v.asText().length() > max ? "at most " + max + " characters" : null;
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
                        return "must be a number";
                    }
                }
                return "must be a number";
            }
            case "datetime" -> {
                try {
                    OffsetDateTime.parse(v.asText());
                    return v.isTextual() ? null : "must be an ISO 8601 date-time";
                } catch (DateTimeParseException e) {
                    return "must be an ISO 8601 date-time";
                }
            }
            case "singlevaluelist" -> {
                return v.isValueNode() && keys.contains(v.asText()) ? null : "must be one of " + keys;
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
                        return "every value must be one of " + keys;
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
