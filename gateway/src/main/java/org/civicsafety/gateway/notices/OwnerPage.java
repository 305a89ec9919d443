package org.civicsafety.gateway.notices;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of an owner's notice list as it answered it (notice-design.md: {@code items} newest first,
 * {@code nextCursor}, and for the inbox {@code unread}), fetched from {@code at}.
 */
record OwnerPage(ListPosition at, List<Item> items, String nextCursor, Long unread) {

    /** A notice of the page, with what the merge orders by. */
    record Item(JsonObject json, Instant createdAt, String id) {}

    /** The page's notices not handed out yet. */
    List<Item> fresh() {
        return items.subList(Math.min(at.skip(), items.size()), items.size());
    }

    /** Reads an owner's answer; a body of another shape is the owner's failure, not the caller's. */
    static OwnerPage parse(ListPosition at, JsonObject body) {
        if (!(body.getValue("items") instanceof JsonArray array)) {
            throw new IllegalArgumentException("no items");
        }
        List<Item> items = new ArrayList<>(array.size());
        for (Object element : array) {
            if (!(element instanceof JsonObject notice) || !(notice.getValue("id") instanceof String id)
                    || !(notice.getValue("createdAt") instanceof String createdAt)) {
                throw new IllegalArgumentException("an item without id or createdAt");
            }
            try {
                items.add(new Item(notice, OffsetDateTime.parse(createdAt).toInstant(), id));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("createdAt is not a timestamp: " + createdAt, e);
            }
        }
        Object next = body.getValue("nextCursor");
        if (next != null && !(next instanceof String)) {
            throw new IllegalArgumentException("nextCursor is not a string");
        }
        Long unread = body.getValue("unread") instanceof Number count ? count.longValue() : null;
        return new OwnerPage(at, items, (String) next, unread);
    }
}
