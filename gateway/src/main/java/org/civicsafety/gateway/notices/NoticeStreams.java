package org.civicsafety.gateway.notices;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.civicsafety.gateway.config.GatewayConfig;
import org.civicsafety.gateway.problem.ProblemException;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.problem.Problems;
import org.civicsafety.gateway.routing.ProxyHandler;
import org.civicsafety.gateway.routing.UpstreamCalls;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Opens {@code GET /api/v1/me/notices/stream}: both owners' streams, resumed from the client's
 * composite {@code Last-Event-ID} (header, or {@code ?lastEventId=} for a first connection), merged
 * into one by a {@link MergedStream}. The answer waits for both owners' heads (each within its timeout):
 * an owner's 4xx is the answer as it gave it; neither streaming → 503; one → the stream starts with it
 * and the other is asked again with backoff.
 */
@Singleton
class NoticeStreams {

    static final String OPERATION = "me-notices-stream";
    /** A refused stream's answer is a small problem document. */
    private static final int MAX_REFUSAL_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final Owners owners;
    private final UpstreamCalls calls;
    private final ComposedMetrics metrics;
    private final GatewayConfig.Notices config;

    @Inject
    NoticeStreams(Vertx vertx, Owners owners, UpstreamCalls calls, ComposedMetrics metrics, GatewayConfig config) {
        this.vertx = vertx;
        this.owners = owners;
        this.calls = calls;
        this.metrics = metrics;
        this.config = config.notices();
    }

    /** @throws ProblemException for a Last-Event-ID that is not one of this stream's ids */
    void open(RoutingContext ctx, ProxyHandler.Forwarding forwarding) {
        Owners.discardBody(ctx);
        Map<String, List<String>> query = new QueryStringDecoder(ctx.request().uri()).parameters();
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        if (lastEventId == null && query.containsKey("lastEventId")) {
            lastEventId = query.get("lastEventId").get(0);
        }
        StreamPosition position = StreamPosition.parse(lastEventId).orElseThrow(() -> new ProblemException(
                ProblemType.MALFORMED_REQUEST, "Last-Event-ID is not an event id of this stream.",
                List.of(new ProblemException.FieldError("Last-Event-ID", "bad-event-id"))));
        QueryStringEncoder uri = new QueryStringEncoder(NoticePaths.MY_STREAM);
        query.forEach((name, values) -> {
            if (!name.equals("lastEventId")) {
                values.forEach(value -> uri.addParam(name, value));
            }
        });
        MultiMap headers = owners.headers(ctx, forwarding, "text/event-stream");
        MergedStream stream = new MergedStream(this, ctx, position, uri.toString(), headers);
        Map<NoticeOwner, Future<HttpClientResponse>> opened = new EnumMap<>(NoticeOwner.class);
        for (NoticeOwner owner : NoticeOwner.values()) {
            opened.put(owner, connect(owner, stream));
        }
        Future.join(new ArrayList<>(opened.values())).onComplete(done -> start(ctx, stream, opened));
    }

    private void start(RoutingContext ctx, MergedStream stream, Map<NoticeOwner, Future<HttpClientResponse>> opened) {
        Map<NoticeOwner, HttpClientResponse> streaming = new EnumMap<>(NoticeOwner.class);
        HttpClientResponse refused = null;
        long retryAfter = Long.MAX_VALUE;
        for (var entry : opened.entrySet()) {
            if (entry.getValue().failed()) {
                retryAfter = Math.min(retryAfter, Owners.retryAfter(entry.getValue().cause()));
                continue;
            }
            HttpClientResponse response = entry.getValue().result();
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                streaming.put(entry.getKey(), response);
            } else if (status >= 400 && status < 500 && refused == null) {
                refused = response;
            } else {
                UpstreamCalls.abandon(response);
                retryAfter = Math.min(retryAfter, 1);
            }
        }
        int failed = opened.size() - streaming.size() - (refused == null ? 0 : 1);
        metrics.answer(OPERATION, ComposedMetrics.outcome(opened.size(), failed));
        if (refused != null || streaming.isEmpty() || ctx.response().closed()) {
            streaming.values().forEach(UpstreamCalls::abandon);
            if (ctx.response().closed()) {
                if (refused != null) {
                    UpstreamCalls.abandon(refused);
                }
            } else if (refused != null) {
                relay(ctx, refused);
            } else {
                Problems.send(ctx, ProblemException.unavailable("The notices' services are unavailable; "
                        + "try again shortly.", (int) Math.max(1, retryAfter)));
            }
            return;
        }
        stream.start();
        for (NoticeOwner owner : NoticeOwner.values()) {
            if (streaming.containsKey(owner)) {
                stream.attach(owner, streaming.get(owner));
            } else {
                stream.reconnectLater(owner);
            }
        }
    }

    /** Opens one owner's stream from the merged stream's position for it; counts the attempt. */
    Future<HttpClientResponse> connect(NoticeOwner owner, MergedStream stream) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(stream.headers());
        stream.position().of(owner).ifPresent(seq -> headers.set("Last-Event-ID", Long.toString(seq)));
        return calls.openStream(owners.upstream(owner), stream.uri(), headers)
                .andThen(opened -> metrics.part(OPERATION, owner,
                        opened.succeeded() && opened.result().statusCode() < 500));
    }

    /** An owner's refusal (its 401, 403 …), passed on whole. */
    private static void relay(RoutingContext ctx, HttpClientResponse refused) {
        Buffer body = Buffer.buffer();
        refused.handler(chunk -> {
            if (body.length() + chunk.length() <= MAX_REFUSAL_BYTES) {
                body.appendBuffer(chunk);
            }
        });
        refused.exceptionHandler(e -> ctx.response().reset());
        refused.endHandler(v -> Owners.relay(ctx,
                new UpstreamCalls.Answer(refused.statusCode(), refused.headers(), body)));
        refused.resume();
    }

    Vertx vertx() {
        return vertx;
    }

    GatewayConfig.Notices config() {
        return config;
    }
}
