package org.civicsafety.gateway.notices;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The merged stream's event ids and the reading of the owners' event streams. */
class StreamFormatTest {

    @Test
    void eventIdsCarryEachOwnersPosition() {
        StreamPosition position = StreamPosition.parse("c41.g7").orElseThrow();
        assertEquals(Optional.of(41L), position.of(NoticeOwner.CASES));
        assertEquals(Optional.of(7L), position.of(NoticeOwner.GRID));
        position.advance(NoticeOwner.GRID, 8);
        assertEquals("c41.g8", position.format());
        assertEquals("g3", StreamPosition.parse(" g3 ").orElseThrow().format());
        StreamPosition none = StreamPosition.parse(null).orElseThrow();
        assertTrue(none.isEmpty());
        none.advance(NoticeOwner.CASES, 1);
        assertEquals("c1", none.format());
        for (String bad : List.of("41", "c", "c41.", ".g7", "c41.c42", "x1", "c-1", "c1.g7.a3",
                "c1234567890123456789")) {
            assertEquals(Optional.empty(), StreamPosition.parse(bad), bad);
        }
        assertEquals(Optional.of(12L), StreamPosition.ownerSequence("12"));
        assertEquals(Optional.empty(), StreamPosition.ownerSequence("12a"));
    }

    @Test
    void readsEventsAcrossChunksLineEndingsAndComments() {
        List<SseParser.Event> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        byte[] stream = (": keep-alive\n\nid:1\nevent:notice\ndata:{\"title\":\"已受理\"}\n\n"
                + "id: 2\r\nevent: notice\r\ndata: a\r\ndata: b\r\n\r\n"
                + "id: 3\rdata:c\r\rretry: 5\n\nevent: ping\n\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < stream.length; i++) {
            parser.feed(new byte[]{stream[i]}); // a byte at a time: characters and line ends split across chunks
        }
        assertEquals(List.of(new SseParser.Event("1", "notice", "{\"title\":\"已受理\"}"),
                new SseParser.Event("2", "notice", "a\nb"), new SseParser.Event("3", null, "c")), events,
                "blocks without data (retry, a bare event name) dispatch nothing");
    }

    @Test
    void aLineLongerThanAnyNoticeBreaksTheStream() {
        SseParser parser = new SseParser(event -> {});
        byte[] line = new byte[SseParser.MAX_LINE_BYTES + 1];
        java.util.Arrays.fill(line, (byte) 'a');
        assertThrows(IllegalStateException.class, () -> parser.feed(line));
    }
}
