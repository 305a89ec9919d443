package org.civicsafety.gateway.notices;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.civicsafety.gateway.routing.UpstreamCalls;

import java.util.EnumMap;
import java.util.Map;

/**
 * One client's merged notice stream: each owner's events passed on as they come, each with the event id
 * of both positions ({@link StreamPosition}), a {@code : keep-alive} comment at the configured interval,
 * and an owner whose stream drops or fails opened again with backoff (from where it stood) while the
 * other keeps streaming. An owner that refuses the caller on reconnecting (an expired token) is left out;
 * when none is left the stream ends, so the client reconnects through the gateway's own check. Everything
 * runs on the client connection's event loop.
 */
final class MergedStream {

    /** One owner's side of the stream. */
    private static final class Part {
        final NoticeOwner owner;
        HttpClientResponse current;
        long backoffMillis;
        long retryTimer = -1;
        boolean refused;

        Part(NoticeOwner owner, long backoffMillis) {
            this.owner = owner;
            this.backoffMillis = backoffMillis;
        }
    }

    private final NoticeStreams streams;
    private final Vertx vertx;
    private final HttpServerResponse response;
    private final StreamPosition position;
    private final String uri;
    private final MultiMap headers;
    private final long minBackoffMillis;
    private final long maxBackoffMillis;
    private final Map<NoticeOwner, Part> parts = new EnumMap<>(NoticeOwner.class);
    private long keepAliveTimer = -1;
    private boolean closed;

    MergedStream(NoticeStreams streams, RoutingContext ctx, StreamPosition position, String uri, MultiMap headers) {
        this.streams = streams;
        this.vertx = streams.vertx();
        this.response = ctx.response();
        this.position = position;
        this.uri = uri;
        this.headers = headers;
        this.minBackoffMillis = Math.max(1, streams.config().reconnectMin().toMillis());
        this.maxBackoffMillis = Math.max(minBackoffMillis, streams.config().reconnectMax().toMillis());
        for (NoticeOwner owner : NoticeOwner.values()) {
            parts.put(owner, new Part(owner, minBackoffMillis));
        }
    }

    StreamPosition position() {
        return position;
    }

    String uri() {
        return uri;
    }

    /** The owners' request headers, without Last-Event-ID (each connection sets its own). */
    MultiMap headers() {
        return headers;
    }

    /** Answers the client: from now on it is a stream. */
    void start() {
        response.setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream;charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                // a proxy in front must pass each event on at once, not collect them
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> close());
        write(": connected\n\n"); // sends the head, so the client's EventSource opens now
        keepAliveTimer = vertx.setPeriodic(Math.max(1, streams.config().keepAlive().toMillis()), id -> {
            if (!response.writeQueueFull()) {
                write(": keep-alive\n\n");
            }
        });
    }

    /** Streams an owner's opened stream into the merged one. */
    void attach(NoticeOwner owner, HttpClientResponse upstream) {
        Part part = parts.get(owner);
        if (closed) {
            UpstreamCalls.abandon(upstream);
            return;
        }
        part.current = upstream;
        part.backoffMillis = minBackoffMillis;
        SseParser parser = new SseParser(event -> forward(owner, event));
        upstream.handler(chunk -> {
            if (part.current != upstream) {
                return;
            }
            try {
                parser.feed(chunk.getBytes());
            } catch (IllegalStateException notAnEventStream) {
                UpstreamCalls.abandon(upstream);
                dropped(part, upstream);
            }
        });
        upstream.exceptionHandler(e -> dropped(part, upstream));
        upstream.endHandler(v -> dropped(part, upstream));
        if (!response.writeQueueFull()) {
            upstream.resume();
        }
    }

    /** Opens an owner's stream again after its backoff, which doubles up to the maximum until one opens. */
    void reconnectLater(NoticeOwner owner) {
        Part part = parts.get(owner);
        long wait = part.backoffMillis;
        part.backoffMillis = Math.min(wait * 2, maxBackoffMillis);
        part.retryTimer = vertx.setTimer(wait, id -> {
            part.retryTimer = -1;
            reconnect(part);
        });
    }

    private void reconnect(Part part) {
        if (closed) {
            return;
        }
        streams.connect(part.owner, this).onComplete(opened -> {
            if (opened.failed()) {
                if (!closed) {
                    reconnectLater(part.owner);
                }
                return;
            }
            HttpClientResponse upstream = opened.result();
            int status = upstream.statusCode();
            if (!closed && status >= 200 && status < 300) {
                attach(part.owner, upstream);
                return;
            }
            UpstreamCalls.abandon(upstream);
            if (closed) {
                return;
            }
            if (status >= 400 && status < 500) {
                part.refused = true;
                if (parts.values().stream().allMatch(p -> p.refused)) {
                    close();
                    response.end();
                }
            } else {
                reconnectLater(part.owner);
            }
        });
    }

    private void dropped(Part part, HttpClientResponse upstream) {
        if (part.current != upstream) {
            return; // already handled: an end after an exception, or a reset of our own
        }
        part.current = null;
        if (!closed) {
            reconnectLater(part.owner);
        }
    }

    private void forward(NoticeOwner owner, SseParser.Event event) {
        StreamPosition.ownerSequence(event.id()).ifPresent(seq -> position.advance(owner, seq));
        StringBuilder out = new StringBuilder(event.data().length() + 64);
        if (!position.isEmpty()) {
            out.append("id: ").append(position.format()).append('\n');
        }
        if (event.type() != null) {
            out.append("event: ").append(event.type()).append('\n');
        }
        for (String line : event.data().split("\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        write(out.append('\n').toString());
    }

    /** Writes to the client; a client that reads slower than the owners send holds both owners' streams back. */
    private void write(String text) {
        if (closed || response.closed()) {
            return;
        }
        response.write(text);
        if (response.writeQueueFull()) {
            parts.values().forEach(p -> {
                if (p.current != null) {
                    p.current.pause();
                }
            });
            response.drainHandler(v -> parts.values().forEach(p -> {
                if (p.current != null) {
                    p.current.resume();
                }
            }));
        }
    }

    /** The client is gone (or nothing is left to stream): every timer and owner stream ends. */
    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(keepAliveTimer);
        parts.values().forEach(part -> {
            if (part.retryTimer >= 0) {
                vertx.cancelTimer(part.retryTimer);
            }
            HttpClientResponse current = part.current;
            part.current = null;
            if (current != null) {
                UpstreamCalls.abandon(current);
            }
        });
    }
}
