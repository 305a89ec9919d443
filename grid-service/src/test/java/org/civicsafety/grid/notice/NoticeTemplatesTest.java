package org.civicsafety.grid.notice;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every notice type has its title and body in zh-CN and English, and they render their arguments. */
class NoticeTemplatesTest {

    @Test
    void bothLanguagesHaveExactlyATitleAndBodyPerType() {
        Set<String> expected = new TreeSet<>();
        for (NoticeType t : NoticeType.values()) {
            expected.add(t.name() + ".title");
            expected.add(t.name() + ".body");
        }
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            ResourceBundle bundle = ResourceBundle.getBundle(NoticeTemplates.BUNDLE, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            assertEquals(expected, new TreeSet<>(bundle.keySet()), locale.toString());
        }
    }

    @Test
    void rendersNumbersTimesInShanghaiAndArgumentsInEachLanguage() {
        OffsetDateTime due = OffsetDateTime.parse("2026-12-06T06:59:51Z");
        NoticeTemplates.Rendered zh = NoticeTemplates.render(NoticeType.INCIDENT_DISPATCHED, NoticeLanguage.ZH_CN,
                "SJ-2026-000123", List.of(due));
        assertEquals("事件 SJ-2026-000123 已受理并派发", zh.title());
        assertEquals("您上报的事件 SJ-2026-000123 已派发给责任单位处理，处理时限为 2026-12-06 14:59。", zh.body());
        NoticeTemplates.Rendered en = NoticeTemplates.render(NoticeType.INCIDENT_REJECTED, NoticeLanguage.EN,
                "SJ-2026-000123", List.of("not a public matter"));
        assertEquals("Your report SJ-2026-000123 was not accepted. Reason: not a public matter", en.body());
        for (NoticeType t : NoticeType.values()) {
            for (NoticeLanguage l : NoticeLanguage.values()) {
                NoticeTemplates.Rendered r = NoticeTemplates.render(t, l, "SJ-1", List.of(due, "x", "y"));
                assertFalse(r.title().contains("{") || r.body().contains("{"), t + " " + l + ": " + r);
            }
        }
    }
}
