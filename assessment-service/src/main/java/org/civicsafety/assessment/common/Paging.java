package org.civicsafety.assessment.common;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.civicsafety.assessment.csv.CsvExport;

/** Cursor paging over an already ordered list: the cursor is an opaque encoding of the next offset. */
public final class Paging {
    private Paging() {}

    public record Page<T>(List<T> items, String nextCursor) implements CsvExport.Paged<T> {}

    /** The paging parameters of every list (a bean parameter, so each list declares them the same way). */
    public static class Params {
        @QueryParam("limit")
        @Parameter(description = "page size, 1 to 500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) public String limit;

        @QueryParam("cursor")
        @Parameter(description = "the `nextCursor` of the previous page (opaque); none for the first page") public String cursor;
    }

    public static int limit(String raw) {
        if (raw == null || raw.isBlank())
            return 50;
        try {
            int l = Integer.parseInt(raw.trim());
            if (l < 1 || l > 500)
                throw ApiException.badRequest("limit", FieldMessage.Key.RANGE, 1, 500);
            return l;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit", FieldMessage.Key.NUMBER_RANGE, 1, 500);
        }
    }

    public static int offset(String cursor) {
        if (cursor == null || cursor.isBlank())
            return 0;
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("o:"))
                throw new IllegalArgumentException();
            int o = Integer.parseInt(s.substring(2));
            if (o < 0)
                throw new IllegalArgumentException();
            return o;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cursor", FieldMessage.Key.NOT_A_CURSOR);
        }
    }

    /** The pages of a CSV export of a list: the list read once, when its first page is asked for. */
    public static <T> Function<String, Page<T>> pages(Supplier<List<T>> list) {
        AtomicReference<List<T>> all = new AtomicReference<>();
        return cursor -> page(all.updateAndGet(read -> read != null ? read : list.get()), CsvExport.PAGE_LIMIT,
                cursor);
    }

    public static <T> Page<T> page(List<T> all, String limitRaw, String cursor) {
        int limit = limit(limitRaw);
        int from = Math.min(offset(cursor), all.size());
        int to = Math.min(from + limit, all.size());
        String next = to < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + to).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(all.subList(from, to), next);
    }
}
