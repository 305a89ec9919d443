package org.civicsafety.gateway.notices;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merged list's cursor: each owner's {@link ListPosition}, as base64url JSON
 * ({@code {"cases":{"cursor":"…","skip":3},"grid":{"done":true}}}). Opaque to clients; anything not
 * written by {@link #encode} is refused.
 */
final class ListCursor {

    /** Far above any real cursor (two service cursors of a few dozen characters). */
    static final int MAX_LENGTH = 4096;

    private ListCursor() {}

    static String encode(Map<NoticeOwner, ListPosition> positions) {
        JsonObject json = new JsonObject();
        for (NoticeOwner owner : NoticeOwner.values()) {
            ListPosition position = positions.get(owner);
            JsonObject part = new JsonObject();
            if (position.done()) {
                part.put("done", true);
            } else {
                part.put("cursor", position.cursor()).put("skip", position.skip());
            }
            json.put(owner.upstream(), part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** The positions of a cursor; empty when it is not one of ours. */
    static Optional<Map<NoticeOwner, ListPosition>> decode(String cursor, int maxSkip) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (json.size() != NoticeOwner.values().length) {
                return Optional.empty();
            }
            Map<NoticeOwner, ListPosition> positions = new EnumMap<>(NoticeOwner.class);
            for (NoticeOwner owner : NoticeOwner.values()) {
                ListPosition position = position(json.getValue(owner.upstream()), maxSkip);
                if (position == null) {
                    return Optional.empty();
                }
                positions.put(owner, position);
            }
            return Optional.of(positions);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static ListPosition position(Object value, int maxSkip) {
        if (!(value instanceof JsonObject part)) {
            return null;
        }
        if (part.containsKey("done")) {
            return part.size() == 1 && Boolean.TRUE.equals(part.getValue("done")) ? ListPosition.DONE : null;
        }
        if (!Set.of("cursor", "skip").containsAll(part.fieldNames()) || !(part.getValue("skip") instanceof Integer skip)
                || skip < 0 || skip > maxSkip) {
            return null;
        }
        Object cursor = part.getValue("cursor");
        if (cursor != null && !(cursor instanceof String text && !text.isEmpty())) {
            return null;
        }
        return new ListPosition((String) cursor, skip, false);
    }
}
