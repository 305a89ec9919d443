package org.civicsafety.grid.unit;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.common.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitRulesTest {
    private static List<String> fields(NoticeChannels c, boolean loopbackHttp) {
        return UnitRules.channels(c, "noticeChannels.", loopbackHttp).stream().map(FieldError::field).toList();
    }

    @Test
    void ids() {
        assertTrue(UnitRules.validId("unit-C01-T01"));
        assertTrue(UnitRules.validId("城关镇综治中心"));
        assertFalse(UnitRules.validId(""));
        assertFalse(UnitRules.validId(" unit"));
        assertFalse(UnitRules.validId("a/b"));
        assertFalse(UnitRules.validId("a\u0000b"));
        assertFalse(UnitRules.validId("u".repeat(101)));
        assertTrue(UnitRules.validId("u".repeat(100)));
    }

    @Test
    void emailAddresses() {
        assertEquals(List.of(), fields(new NoticeChannels("office@t01.example.org", null), false));
        assertEquals(List.of(), fields(NoticeChannels.NONE, false));
        for (String bad : List.of("office", "office@", "@example.org", "a@b", "Office <o@example.org>",
                "a@example.org,b@example.org", "a b@example.org", "x".repeat(250) + "@example.org")) {
            assertEquals(List.of("noticeChannels.email"), fields(new NoticeChannels(bad, null), false), bad);
        }
    }

    @Test
    void webhookUrlsAreHttpsOrLoopbackHttpWhereAllowed() {
        assertEquals(List.of(), fields(new NoticeChannels(null, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"
                + "?key=abc"), false));
        for (String loopback : List.of("http://127.0.0.1:18126/hook", "http://localhost/hook", "http://[::1]:80/")) {
            assertEquals(List.of(), fields(new NoticeChannels(null, loopback), true), loopback);
            assertEquals(List.of("noticeChannels.webhookUrl"), fields(new NoticeChannels(null, loopback), false),
                    loopback);
        }
        for (String bad : List.of("http://robot.example.org/hook", "http://10.0.0.1/hook", "ftp://example.org/x",
                "https:///nohost", "/relative", "https://user:pw@example.org/", "https://example.org/#frag",
                "not a url", "https://example.org/" + "x".repeat(2000))) {
            assertEquals(List.of("noticeChannels.webhookUrl"), fields(new NoticeChannels(null, bad), true), bad);
        }
        assertEquals(List.of("noticeChannels.email", "noticeChannels.webhookUrl"),
                fields(new NoticeChannels("nope", "http://example.org"), true));
    }

    @Test
    void anAreasUnitIsOfTheKindOfItsLevel() {
        assertEquals(UnitKind.GRID_STATION, UnitKind.of(AreaLevel.GRID));
        assertEquals(UnitKind.VILLAGE_COMMITTEE, UnitKind.of(AreaLevel.VILLAGE));
        assertEquals(UnitKind.TOWNSHIP_OFFICE, UnitKind.of(AreaLevel.TOWNSHIP));
        assertEquals(UnitKind.COUNTY_BUREAU, UnitKind.of(AreaLevel.COUNTY));
    }
}
