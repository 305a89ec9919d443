package org.civicsafety.gateway.partner;

import org.civicsafety.gateway.problem.ProblemException;
import org.civicsafety.gateway.problem.ProblemException.FieldError;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Cursor paging over keys sorted newest first (createdAt desc, id asc): the cursor is the
 * position of the last key returned, opaque to clients (base64url of "createdAt|id").
 */
final class KeyPages {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    record Page(List<PartnerKey> items, String nextCursor) {}

    private KeyPages() {}

    /** @param sorted keys in list order */
    static Page page(List<PartnerKey> sorted, Integer limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            errors.add(new FieldError("limit", "out-of-range", 1, MAX_LIMIT));
        }
        String[] position = null;
        if (cursor != null) {
            position = decode(cursor);
            if (position == null) {
                errors.add(new FieldError("cursor", "bad-cursor"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        int start = 0;
        if (position != null) {
            OffsetDateTime at = OffsetDateTime.parse(position[0]);
            String id = position[1];
            while (start < sorted.size() && !after(sorted.get(start), at, id)) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + size);
        List<PartnerKey> items = sorted.subList(start, end);
        String next = end < sorted.size() ? encode(items.get(items.size() - 1)) : null;
        return new Page(List.copyOf(items), next);
    }

    /** True when {@code key} comes after the position (createdAt desc, id asc). */
    private static boolean after(PartnerKey key, OffsetDateTime at, String id) {
        int byTime = key.createdAt().compareTo(at);
        return byTime < 0 || (byTime == 0 && key.id().compareTo(id) > 0);
    }

    private static String encode(PartnerKey key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key.createdAt() + "|" + key.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length != 2 || parts[1].isBlank()) {
                return null;
            }
            OffsetDateTime.parse(parts[0]);
            return parts;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
