package org.civicsafety.gateway.notices;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The merge and its cursor, without a gateway: pages as the owners would answer them. */
class ListMergeTest {

    private static JsonObject notice(String id, String createdAt) {
        return new JsonObject().put("id", id).put("createdAt", createdAt);
    }

    private static OwnerPage page(ListPosition at, String next, JsonObject... items) {
        return OwnerPage.parse(at, new JsonObject().put("items", new JsonArray(List.of((Object[]) items)))
                .put("nextCursor", next).put("unread", 2));
    }

    private static Map<NoticeOwner, ListPosition> start() {
        Map<NoticeOwner, ListPosition> positions = new EnumMap<>(NoticeOwner.class);
        positions.put(NoticeOwner.CASES, ListPosition.START);
        positions.put(NoticeOwner.GRID, ListPosition.START);
        return positions;
    }

    @Test
    void newestFirstAcrossOffsetsThenByIdAndWhereEachListStandsAfter() {
        Map<NoticeOwner, OwnerPage> pages = new EnumMap<>(NoticeOwner.class);
        pages.put(NoticeOwner.CASES, page(ListPosition.START, "c-next",
                notice("cases-b", "2026-12-01T10:00:00+08:00"), notice("cases-c", "2026-12-01T09:00:00+08:00")));
        pages.put(NoticeOwner.GRID, page(ListPosition.START, null,
                notice("grid-a", "2026-12-01T02:00:00Z"), notice("grid-d", "2026-12-01T00:30:00Z")));
        ListMerge.Result result = ListMerge.merge(3, start(), pages);
        // 10:00+08:00 = 02:00Z: same instant, "cases-b" < "grid-a"
        assertEquals(List.of("cases-b", "grid-a", "cases-c"),
                result.items().stream().map(n -> n.getString("id")).toList());
        assertEquals(new ListPosition("c-next", 0, false), result.positions().get(NoticeOwner.CASES),
                "its page handed out whole: on to its next page");
        assertEquals(new ListPosition(null, 1, false), result.positions().get(NoticeOwner.GRID),
                "one of its first page handed out");
        Map<NoticeOwner, ListPosition> decoded = ListCursor.decode(result.nextCursor(), 499).orElseThrow();
        assertEquals(result.positions(), decoded);
    }

    @Test
    void stopsShortRatherThanPassAnOwnerThatMayHaveNewerNoticesBeyondItsPage() {
        Map<NoticeOwner, OwnerPage> pages = new EnumMap<>(NoticeOwner.class);
        // cases answered fewer than asked but has more: nothing older than its last may go out before them
        pages.put(NoticeOwner.CASES, page(ListPosition.START, "c-next", notice("cases-a", "2026-12-01T10:00:00Z")));
        pages.put(NoticeOwner.GRID, page(ListPosition.START, null, notice("grid-a", "2026-12-01T11:00:00Z"),
                notice("grid-b", "2026-12-01T09:00:00Z")));
        ListMerge.Result result = ListMerge.merge(3, start(), pages);
        assertEquals(List.of("grid-a", "cases-a"), result.items().stream().map(n -> n.getString("id")).toList());
        assertEquals(new ListPosition(null, 1, false), result.positions().get(NoticeOwner.GRID));
    }

    @Test
    void skipsWhatAnEarlierPageHandedOutAndEndsWhenBothAreDone() {
        ListPosition at = new ListPosition("c-2", 2, false);
        Map<NoticeOwner, ListPosition> positions = start();
        positions.put(NoticeOwner.CASES, at);
        positions.put(NoticeOwner.GRID, ListPosition.DONE);
        Map<NoticeOwner, OwnerPage> pages = new EnumMap<>(NoticeOwner.class);
        pages.put(NoticeOwner.CASES, page(at, null, notice("cases-1", "2026-12-01T03:00:00Z"),
                notice("cases-2", "2026-12-01T02:00:00Z"), notice("cases-3", "2026-12-01T01:00:00Z")));
        ListMerge.Result result = ListMerge.merge(5, positions, pages);
        assertEquals(List.of("cases-3"), result.items().stream().map(n -> n.getString("id")).toList());
        assertNull(result.nextCursor());
    }

    @Test
    void anOwnerThatDidNotAnswerKeepsItsPosition() {
        ListPosition gridAt = new ListPosition("g-7", 3, false);
        Map<NoticeOwner, ListPosition> positions = start();
        positions.put(NoticeOwner.GRID, gridAt);
        Map<NoticeOwner, OwnerPage> pages = new EnumMap<>(NoticeOwner.class);
        pages.put(NoticeOwner.CASES, page(ListPosition.START, null, notice("cases-1", "2026-12-01T03:00:00Z")));
        ListMerge.Result result = ListMerge.merge(5, positions, pages);
        assertEquals(gridAt, result.positions().get(NoticeOwner.GRID));
        assertEquals(ListPosition.DONE, result.positions().get(NoticeOwner.CASES));
        assertTrue(result.nextCursor() != null, "grid is still to be walked");
    }

    @Test
    void refusesCursorsItDidNotWrite() {
        for (String cursor : List.of("", "!!!", "e30", "bnVsbA", "W10",
                encode("{\"cases\":{\"done\":true}}"),
                encode("{\"cases\":{\"done\":true},\"grid\":{\"done\":false}}"),
                encode("{\"cases\":{\"skip\":500},\"grid\":{\"done\":true}}"),
                encode("{\"cases\":{\"skip\":1.5},\"grid\":{\"done\":true}}"),
                encode("{\"cases\":{\"cursor\":7,\"skip\":0},\"grid\":{\"done\":true}}"),
                encode("{\"cases\":{\"cursor\":\"x\",\"skip\":0,\"more\":1},\"grid\":{\"done\":true}}"),
                "a".repeat(ListCursor.MAX_LENGTH + 1))) {
            assertEquals(Optional.empty(), ListCursor.decode(cursor, 499), cursor);
        }
        assertTrue(ListCursor.decode(encode("{\"cases\":{\"cursor\":null,\"skip\":499},\"grid\":{\"done\":true}}"), 499)
                .isPresent());
    }

    private static String encode(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
