package org.civicsafety.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every field message exists in zh-CN and en, and renders its arguments. */
class FieldMessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeysAndDifferentTexts() throws IOException {
        Properties en = ProblemCatalogueTest.bundle("messages/fields.properties");
        Properties zh = ProblemCatalogueTest.bundle("messages/fields_zh_CN.properties");
        assertEquals(en.stringPropertyNames(), zh.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            String english = FieldMessages.message(key, Locale.ENGLISH, 1, 2);
            assertFalse(english.isBlank(), key);
            assertNotEquals(english, FieldMessages.message(key, ProblemType.ZH_CN, 1, 2), key);
        }
    }

    @Test
    void argumentsAndQuotesRender() {
        assertEquals("must be between 1 and 500", FieldMessages.message("out-of-range", Locale.ENGLISH, 1, 500));
        assertEquals("必须在 1 到 500 之间", FieldMessages.message("out-of-range", ProblemType.ZH_CN, 1, 500));
        assertEquals("is required: 1–64 letters, digits, '.', '_' or '-'",
                FieldMessages.message("partner-key.partner-id", Locale.ENGLISH));
    }
}
