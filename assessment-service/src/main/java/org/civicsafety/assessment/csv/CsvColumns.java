package org.civicsafety.assessment.csv;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a list's item type and a row's cells: the JSON property names in the order JSON writes them, taken
 * from the type (so an empty list has its header too). A nested object becomes {@code parent.child} columns; a
 * collection of scalars is one cell joined with {@code "; "}; a map or a collection of objects one cell of compact JSON.
 */
public final class CsvColumns {
    /** Deeper than any item type nests: a type that refers to itself stops being flattened here. */
    private static final int MAX_DEPTH = 4;

    private final List<List<String>> paths;

    private CsvColumns(List<List<String>> paths) {
        this.paths = List.copyOf(paths);
    }

    /** The columns of {@code type} as {@code mapper} (the one the JSON answers use) writes it. */
    public static CsvColumns of(ObjectMapper mapper, JavaType type) {
        List<List<String>> paths = new ArrayList<>();
        collect(mapper, type, List.of(), paths);
        return new CsvColumns(paths);
    }

    private static void collect(ObjectMapper mapper, JavaType type, List<String> prefix, List<List<String>> out) {
        BeanDescription bean = mapper.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (!p.couldSerialize()) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(p.getName());
            if (path.size() < MAX_DEPTH && isObject(mapper, p.getPrimaryType())) {
                collect(mapper, p.getPrimaryType(), path, out);
            } else {
                out.add(path);
            }
        }
    }

    /**
     * A record or POJO Jackson writes property by property: not a scalar of the JDK (text, number, time, UUID, ...),
     * an enum, a collection, a map or a type written as one value ({@code @JsonValue}).
     */
    private static boolean isObject(ObjectMapper mapper, JavaType type) {
        if (type.isContainerType() || type.isEnumType() || type.isPrimitive() || type.isJavaLangObject()
                || type.getRawClass().getName().startsWith("java.")
                || JsonNode.class.isAssignableFrom(type.getRawClass())) {
            return false;
        }
        BeanDescription bean = mapper.getSerializationConfig().introspect(type);
        return bean.findJsonValueAccessor() == null && !bean.findProperties().isEmpty();
    }

    /** Columns named by their paths, as the OpenAPI document's example finds them in the item's schema. */
    static CsvColumns ofPaths(List<List<String>> paths) {
        return new CsvColumns(paths);
    }

    /** The header row's names: {@code id}, {@code flags.overdue}, ... */
    public List<String> names() {
        return paths.stream().map(p -> String.join(".", p)).toList();
    }

    /** One item's cells, from the tree JSON writes for it; text cells already guarded against formulas. */
    public List<String> cells(JsonNode item) {
        List<String> cells = new ArrayList<>(paths.size());
        for (List<String> path : paths) {
            JsonNode node = item;
            for (String name : path) {
                node = node.path(name);
            }
            cells.add(cell(node));
        }
        return cells;
    }

    private static String cell(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return CsvFormat.text(node.textValue());
        }
        if (node.isArray() && allScalar(node)) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.isNull() ? "" : v.asText()));
            return CsvFormat.text(values.stream().collect(Collectors.joining("; ")));
        }
        // numbers and booleans as JSON writes them; an object or a list of objects as compact JSON
        return node.toString();
    }

    private static boolean allScalar(JsonNode array) {
        for (JsonNode v : array) {
            if (v.isContainerNode()) {
                return false;
            }
        }
        return true;
    }
}
