package org.civicsafety.assessment.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Every message key of the code is in both languages' bundles, and the bundles have no other keys. */
class FieldMessagesTest {
    static final Set<String> KEYS = Arrays.stream(FieldMessage.Key.values()).map(FieldMessage.Key::key)
            .collect(Collectors.toSet());

    @Test
    void everyKeyInBothLanguagesAndNoStrayKeys() throws IOException {
        for (String file : List.of("/messages/fields.properties", "/messages/fields_zh_CN.properties")) {
            try (InputStream in = FieldMessagesTest.class.getResourceAsStream(file)) {
                assertEquals(KEYS, new PropertyResourceBundle(in).keySet(), file);
            }
        }
    }

    @Test
    void renderedInTheRequestedLanguageWithArguments() {
        for (FieldMessage.Key key : FieldMessage.Key.values()) {
            String en = FieldMessage.text(key, Locale.ENGLISH, 1, 5);
            String zh = FieldMessage.text(key, ProblemType.ZH_CN, 1, 5);
            assertFalse(en.isBlank(), key.key());
            assertFalse(zh.isBlank(), key.key());
            assertNotEquals(en, zh, key.key());
        }
        assertEquals("must be between 1 and 500",
                FieldMessage.of("limit", FieldMessage.Key.RANGE, 1, 500).text(Locale.ENGLISH));
        assertEquals(new Problem.FieldError("limit", "必须在 1 到 500 之间"),
                FieldMessage.of("limit", FieldMessage.Key.RANGE, 1, 500).render(ProblemType.locale(null)));
        assertEquals(FieldMessage.Key.SURVEY_PERIOD, FieldMessage.Key.ofTemplate("{survey.period}"));
        assertNull(FieldMessage.Key.ofTemplate("{jakarta.validation.constraints.NotNull.message}"));
    }
}
