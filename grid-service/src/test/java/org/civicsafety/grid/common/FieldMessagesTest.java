package org.civicsafety.grid.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every field message exists in both languages, and every key the code raises is in the bundle. */
class FieldMessagesTest {

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        assertEquals(keys("messages/fields.properties"), keys("messages/fields_zh_CN.properties"));
        assertEquals(keys("ValidationMessages.properties"), keys("ValidationMessages_zh_CN.properties"));
    }

    @Test
    void everyKeyRaisedInCodeIsInTheBundle() throws IOException {
        Set<String> known = keys("messages/fields.properties");
        List<String> used = usedKeys();
        assertTrue(used.size() > 20, "the scan finds the keys: " + used);
        List<String> missing = used.stream().filter(k -> !known.contains(k)).toList();
        assertTrue(missing.isEmpty(), "keys without a text: " + missing);
    }

    @Test
    void rendersInTheRequestedLanguageWithArguments() {
        FieldError e = FieldError.of("areaCode", "unknown-area", "T03");
        assertEquals("unknown area T03", e.in(Locale.ENGLISH).message());
        assertEquals("未知区域 T03", e.message());
        assertEquals("a citizen's report has source CITIZEN",
                FieldError.of("source", "incident.citizen-source").in(Locale.ENGLISH).message());
        assertNotEquals(e.message(), e.in(ProblemType.locale("en-GB,en;q=0.9")).message());
        assertEquals("as given", new FieldError("f", "as given").in(Locale.ENGLISH).message());
    }

    private static Set<String> keys(String resource) throws IOException {
        try (InputStream in = FieldMessagesTest.class.getResourceAsStream("/" + resource)) {
            return new TreeSet<>(new PropertyResourceBundle(in).keySet());
        }
    }

    /** The second argument of every {@code FieldError.of(...)} in the main sources that is a string literal. */
    private static List<String> usedKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                for (int at = src.indexOf("FieldError.of("); at >= 0; at = src.indexOf("FieldError.of(", at + 1)) {
                    String second = arguments(src, at + "FieldError.of(".length()).get(1).strip();
                    if (second.startsWith("\"")) {
                        keys.add(second.substring(1, second.length() - 1));
                    }
                }
            }
        }
        return keys;
    }

    private static List<String> arguments(String src, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (quoted) {
                quoted = c != '"' || src.charAt(i - 1) == '\\';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0) {
                args.add(current.toString());
                return args;
            } else if (c == ',' && depth == 0) {
                args.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        throw new IllegalStateException("unbalanced FieldError.of(");
    }
}
