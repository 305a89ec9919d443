package org.civicsafety.gateway.web;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdsTest {

    @Test
    void aWellFormedIdIsPassedOn() {
        assertEquals("abc-123", RequestIds.acceptOrGenerate("abc-123"));
        String every = "AZaz09._:@/+=-";
        assertEquals(every, RequestIds.acceptOrGenerate(every));
        String longest = "x".repeat(128);
        assertEquals(longest, RequestIds.acceptOrGenerate(longest));
    }

    @Test
    void anythingElseIsReplacedByAFreshUuid() {
        for (String bad : new String[]{null, "", "x".repeat(129), "a b", "a\nb", "<script>", "ä", "a;b", "a,b",
                "a\"b"}) {
            String id = RequestIds.acceptOrGenerate(bad);
            assertNotEquals(bad, id);
            assertEquals(4, UUID.fromString(id).version(), id);
        }
    }

    @Test
    void freshIdsAreVersion4UuidsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.generate();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
            assertEquals(uuid.toString(), id);
            assertTrue(seen.add(id));
        }
    }
}
