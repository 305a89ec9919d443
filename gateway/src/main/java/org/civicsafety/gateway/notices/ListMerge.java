package org.civicsafety.gateway.notices;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the owners' pages into one page of the public list, newest first ({@code createdAt} desc, then
 * {@code id}). Each owner's notices are taken in its own order, as a prefix of what it has not handed out
 * yet, so a walk through the merged list meets every notice exactly once whatever the owners' page sizes.
 */
final class ListMerge {

    static final Comparator<OwnerPage.Item> NEWEST_FIRST = Comparator.comparing(OwnerPage.Item::createdAt)
            .reversed().thenComparing(OwnerPage.Item::id);

    /** The merged page and where each owner's list stands after it. */
    record Result(List<JsonObject> items, Map<NoticeOwner, ListPosition> positions) {

        /** Null when every owner's list is walked to its end. */
        String nextCursor() {
            return positions.values().stream().allMatch(ListPosition::done) ? null : ListCursor.encode(positions);
        }
    }

    private ListMerge() {}

    /**
     * @param positions where each owner stood before this page
     * @param pages the owners that answered (an owner missing here keeps its position, so the next page
     *        asks it again from there)
     */
    static Result merge(int limit, Map<NoticeOwner, ListPosition> positions, Map<NoticeOwner, OwnerPage> pages) {
        Map<NoticeOwner, Integer> taken = new EnumMap<>(NoticeOwner.class);
        pages.keySet().forEach(owner -> taken.put(owner, 0));
        List<JsonObject> items = new ArrayList<>(limit);
        while (items.size() < limit) {
            NoticeOwner newest = null;
            OwnerPage.Item head = null;
            boolean blocked = false;
            for (var entry : pages.entrySet()) {
                List<OwnerPage.Item> fresh = entry.getValue().fresh();
                int next = taken.get(entry.getKey());
                if (next >= fresh.size()) {
                    // an owner with more than this page may have something newer than every other's head
                    blocked |= entry.getValue().nextCursor() != null;
                    continue;
                }
                if (head == null || NEWEST_FIRST.compare(fresh.get(next), head) < 0) {
                    head = fresh.get(next);
                    newest = entry.getKey();
                }
            }
            if (blocked || head == null) {
                break;
            }
            items.add(head.json());
            taken.merge(newest, 1, Integer::sum);
        }
        Map<NoticeOwner, ListPosition> after = new EnumMap<>(positions);
        pages.forEach((owner, page) -> after.put(owner, advance(page, taken.get(owner))));
        return new Result(items, after);
    }

    private static ListPosition advance(OwnerPage page, int taken) {
        int handedOut = Math.min(page.at().skip(), page.items().size()) + taken;
        if (handedOut < page.items().size()) {
            return new ListPosition(page.at().cursor(), handedOut, false);
        }
        return page.nextCursor() == null ? ListPosition.DONE : new ListPosition(page.nextCursor(), 0, false);
    }
}
