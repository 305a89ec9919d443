package org.civicsafety.grid.open311;

import java.util.List;
import java.util.Map;

/**
 * Writes GeoReport v2 XML: a root element holding one element per item; nested lists become a
 * wrapper element with one child per entry (e.g. attributes/attribute, values/value, notes/note).
 */
public final class Xml {
    private Xml() {
    }

    private static final Map<String, String> ITEM_OF_LIST = Map.of("attributes", "attribute", "values", "value",
            "notes", "note", "endpoints", "endpoint", "formats", "format", "extended_attributes", "attribute");

    public static String document(String root, String item, List<Map<String, Object>> items) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        sb.append('<').append(root).append('>');
        for (Map<String, Object> m : items) {
            element(sb, item, m);
        }
        sb.append("</").append(root).append('>');
        return sb.toString();
    }

    public static String single(String root, Map<String, Object> fields) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        element(sb, root, fields);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void element(StringBuilder sb, String name, Object value) {
        if (value == null) {
            sb.append('<').append(name).append("/>");
            return;
        }
        sb.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> element(sb, k.toString(), v));
        } else if (value instanceof List<?> list) {
            String child = ITEM_OF_LIST.getOrDefault(name, "item");
            for (Object o : list) {
                element(sb, child, o);
            }
        } else {
            escape(sb, value.toString());
        }
        sb.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
