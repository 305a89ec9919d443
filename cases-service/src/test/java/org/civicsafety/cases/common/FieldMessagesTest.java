package org.civicsafety.cases.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.io.InputStream;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every field message key has its text in both languages, and every key the code raises is in the bundle. */
class FieldMessagesTest {

    /** {@code badField("f", "key"}, {@code Invalid.of("f", "key"}, {@code message = "{key}"}. */
    private static final Pattern RAISED = Pattern.compile(
            "(?:badField|Invalid\\.of)\\([^,]+, \"([a-z0-9.-]+)\"|message = \"\\{([a-z0-9.-]+)}\"");

    @Test
    void bothBundlesHaveTheSameKeysAndNoEmptyText() throws IOException {
        ResourceBundle en = bundle("fields.properties");
        ResourceBundle zh = bundle("fields_zh_CN.properties");
        assertEquals(en.keySet(), zh.keySet());
        for (String key : en.keySet()) {
            assertFalse(en.getString(key).isBlank(), key);
            assertFalse(zh.getString(key).isBlank(), key);
            assertTrue(
                    zh.getString(key).codePoints()
                            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    "zh-CN text of " + key + " is Chinese");
        }
    }

    @Test
    void everyKeyTheCodeRaisesIsInTheBundle() throws IOException {
        Set<String> raised = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = RAISED.matcher(Files.readString(f));
                while (m.find()) {
                    raised.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        assertTrue(raised.size() > 10, "the scan finds the raised keys: " + raised);
        Set<String> known = bundle("fields.properties").keySet();
        for (String key : raised) {
            assertTrue(known.contains(key), "no text for " + key);
        }
    }

    @Test
    void rendersInTheChosenLanguageWithArguments() {
        String en = FieldMessages.message("out-of-range", Locale.ENGLISH, 1, 30);
        String zh = FieldMessages.message("out-of-range", ProblemType.ZH_CN, 1, 30);
        assertEquals("must be between 1 and 30", en);
        assertNotEquals(en, zh);
        assertTrue(zh.contains("30"), zh);
        assertEquals("a file part named 'file' is required",
                FieldMessages.message("attachment.file-missing", ProblemType.locale("en-GB")));
    }

    /** A bundle file of messages/ on its own (the zh-CN one without the English parent's keys). */
    private static ResourceBundle bundle(String file) throws IOException {
        try (InputStream in = FieldMessagesTest.class.getResourceAsStream("/messages/" + file)) {
            return new PropertyResourceBundle(in);
        }
    }
}
