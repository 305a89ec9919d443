package org.civicsafety.cases.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoticeTemplatesTest {

    @Test
    void everyTypeHasATitleAndBodyInBothLanguagesWithTheSamePlaceholders() {
        ResourceBundle zh = NoticeTemplates.bundle(NoticeTemplates.ZH_CN);
        ResourceBundle en = NoticeTemplates.bundle(NoticeTemplates.EN);
        assertEquals(zh.keySet(), en.keySet(), "the two bundles have the same keys");
        for (NoticeType t : NoticeType.values()) {
            for (String part : Set.of(".title", ".body")) {
                String key = t.name() + part;
                assertTrue(zh.containsKey(key), key);
                assertEquals(placeholders(zh.getString(key)), placeholders(en.getString(key)), key);
            }
        }
    }

    private static Set<String> placeholders(String template) {
        return new java.util.TreeSet<>(java.util.regex.Pattern.compile("\\{([A-Za-z]+)}").matcher(template).results()
                .map(m -> m.group(1)).toList());
    }

    @Test
    void fillsArgumentsLabelsValuesAndShowsDeadlinesAsDates() {
        Map<String, String> args = Map.of("number", "XF-2026-000123", "decision", "SUPPORT", "text", "已修复。",
                "reviewDue", "2027-01-04T23:59:59+08:00");
        NoticeTemplates.Text zh = NoticeTemplates.render(NoticeType.CASE_ANSWERED, "zh-CN", args);
        assertEquals("信访事项处理意见书：XF-2026-000123", zh.title());
        assertTrue(zh.body().contains("处理意见：支持。已修复。"), zh.body());
        assertTrue(zh.body().contains("至 2027年1月4日"), zh.body());
        NoticeTemplates.Text en = NoticeTemplates.render(NoticeType.CASE_ANSWERED, "en", args);
        assertTrue(en.body().contains("Decision: supported."), en.body());
        assertTrue(en.body().contains("by 4 January 2027"), en.body());
        assertFalse(en.body().contains("{"), en.body());
    }

    @Test
    void aMissingArgumentIsADash() {
        assertTrue(NoticeTemplates.render(NoticeType.AREA_OVERDUE, "en", Map.of("number", "XF-1", "stage", "TRIAGE"))
                .body().contains("handling unit: —"));
    }
}
