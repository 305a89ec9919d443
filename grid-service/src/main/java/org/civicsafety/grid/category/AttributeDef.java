package org.civicsafety.grid.category;

import java.util.List;
import java.util.Map;

/** An Open311-style extra question of a category. Texts are keyed by language ("zh", "en"). */
public record AttributeDef(String code, String datatype, boolean required, Map<String, String> description,
        List<Value> values) {

    public record Value(String key, Map<String, String> name) {}
}
