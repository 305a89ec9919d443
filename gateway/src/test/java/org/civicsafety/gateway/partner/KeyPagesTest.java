package org.civicsafety.gateway.partner;

import org.civicsafety.gateway.problem.ProblemException;
import org.civicsafety.gateway.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyPagesTest {

    private static List<PartnerKey> keys(int n) {
        List<PartnerKey> list = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            // two keys per timestamp so the id tie-break matters
            list.add(new PartnerKey("id-" + i, "p", null, List.of("c"), "h" + i, "csp_x", t.minusSeconds(i / 2),
                    "admin", null));
        }
        return list;
    }

    @Test
    void pagesThroughEveryKeyOnceInOrder() {
        List<PartnerKey> all = keys(7);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            KeyPages.Page page = KeyPages.page(all, 3, cursor);
            page.items().forEach(k -> seen.add(k.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(all.stream().map(PartnerKey::id).toList(), seen);
    }

    @Test
    void lastPageHasNoCursorAndBadInputIs400() {
        assertNull(KeyPages.page(keys(2), null, null).nextCursor());
        ProblemException e = assertThrows(ProblemException.class, () -> KeyPages.page(keys(2), 0, "nonsense!"));
        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals(List.of("limit", "cursor"), e.errors().stream().map(ProblemException.FieldError::field).toList());
        assertThrows(ProblemException.class, () -> KeyPages.page(keys(2), 501, null));
    }
}
