package org.civicsafety.grid.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque paging cursors: base64url of the sort key of the last item returned. */
public final class Cursors {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {}

    public static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the raw key, or throws 400 if the cursor was not produced by {@link #encode}. */
    public static String decode(String cursor, String prefix) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(prefix)) {
                throw new IllegalArgumentException();
            }
            return raw.substring(prefix.length());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(FieldError.of("cursor", "not-a-cursor"));
        }
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest(FieldError.of("limit", "not-in-range", "1", Integer.toString(MAX_LIMIT)));
        }
        return limit;
    }
}
