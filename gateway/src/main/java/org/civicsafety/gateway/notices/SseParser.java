package org.civicsafety.gateway.notices;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} as it arrives, chunk by chunk (the HTML "event stream interpretation":
 * lines ended by LF, CRLF or CR; {@code field: value} with one optional space; comments; a blank line
 * dispatches an event that has data). Bytes are decoded per line, so a character split across chunks
 * stays whole.
 */
final class SseParser {

    /** One event: its {@code id} and {@code event} fields when it had them, its data lines joined by LF. */
    record Event(String id, String type, String data) {}

    /** Longer lines are not from a notice stream; the stream is taken as broken. */
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final Consumer<Event> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean afterCr;
    private String id;
    private String type;
    private StringBuilder data;

    SseParser(Consumer<Event> sink) {
        this.sink = sink;
    }

    /** @throws IllegalStateException for a line over {@link #MAX_LINE_BYTES} */
    void feed(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else if (line.size() >= MAX_LINE_BYTES) {
                throw new IllegalStateException("an event stream line longer than " + MAX_LINE_BYTES + " bytes");
            } else {
                line.write(b);
            }
        }
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return; // a comment (keep-alive)
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value.indexOf('\0') >= 0 ? id : value;
            case "event" -> type = value;
            case "data" -> appendData(value);
            default -> {
                // retry and unknown fields: nothing the merged stream passes on
            }
        }
    }

    private void appendData(String value) {
        if (data == null) {
            data = new StringBuilder(value);
        } else {
            data.append('\n').append(value);
        }
    }

    private void dispatch() {
        if (data != null) {
            sink.accept(new Event(id, type, data.toString()));
        }
        id = null;
        type = null;
        data = null;
    }
}
