package org.civicsafety.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import io.quarkus.runtime.configuration.MemorySize;
import org.civicsafety.gateway.config.GatewayConfig;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.problem.Problems;
import org.jboss.logging.Logger;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Forwards one request to an upstream instance and the response back, streaming both bodies
 * (never holding a whole body in memory, except the small forms the gateway had to read to
 * find an Open311 api_key). Connection failures move on to the next instance (nothing of the
 * body has been read yet then); a missing response within the upstream's timeout, or no
 * instance available, is answered 503 with Retry-After.
 */
@Singleton
public class ProxyHandler {

    private static final Logger LOG = Logger.getLogger(ProxyHandler.class);

    @Inject Vertx vertx;

    @Inject GatewayConfig config;

    /**
     * The headers a request is forwarded with: the client's end-to-end headers plus X-Forwarded-* and
     * X-Request-Id (see {@link #writeHeaders}); the credential as the gateway decided —
     * {@code keepAuthorization} passes the client's own bearer token on, {@code authorization} (a
     * partner's internal token) replaces it, else it is dropped. X-API-Key never goes upstream.
     */
    public record Forwarding(String requestId, boolean keepAuthorization, String authorization) {}

    /** What the gateway forwards: how to write its headers, and either a buffered body or the live request stream. */
    public record Outgoing(String uri, Forwarding forwarding, Buffer bufferedBody) {}

    /**
     * Writes the upstream request's headers straight into it (one copy of the client's headers, not
     * one into an intermediate map and another into the request). Hop-by-hop headers (RFC 9110
     * §7.6.1) and those the Connection header names stay behind, as do the client's own X-Forwarded-*
     * (the gateway states them) and Host (the client sets the upstream's).
     */
    public void writeHeaders(RoutingContext ctx, Forwarding forwarding, MultiMap out) {
        HttpServerRequest request = ctx.request();
        MultiMap in = request.headers();
        Set<String> named = connectionNamed(in);
        for (var entry : in) {
            String name = entry.getKey();
            if (hopByHop(name) || name.regionMatches(true, 0, "x-forwarded-", 0, 12)
                    || name.equalsIgnoreCase("x-api-key") || name.equalsIgnoreCase("x-request-id")
                    || (!named.isEmpty() && named.contains(name.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            if (name.equalsIgnoreCase("authorization") && !forwarding.keepAuthorization()) {
                continue;
            }
            out.add(name, entry.getValue());
        }
        if (forwarding.authorization() != null) {
            out.set(HttpHeaders.AUTHORIZATION, forwarding.authorization());
        }
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String priorFor = request.getHeader("X-Forwarded-For");
        out.set("X-Forwarded-For", priorFor == null ? remote : priorFor + ", " + remote);
        out.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        String host = request.getHeader(HttpHeaders.HOST);
        if (host != null) {
            out.set("X-Forwarded-Host", host);
        }
        out.set("X-Request-Id", forwarding.requestId());
    }

    /** RFC 9110 §7.6.1 hop-by-hop headers, Host (the client sets the upstream's) and Expect (the gateway answers 100-continue itself). */
    public static boolean hopByHop(String name) {
        return switch (name.length()) {
            case 2 -> name.equalsIgnoreCase("te");
            case 4 -> name.equalsIgnoreCase("host");
            case 6 -> name.equalsIgnoreCase("expect");
            case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
            case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
            case 16 -> name.equalsIgnoreCase("proxy-connection");
            case 17 -> name.equalsIgnoreCase("transfer-encoding");
            case 18 -> name.equalsIgnoreCase("proxy-authenticate");
            case 19 -> name.equalsIgnoreCase("proxy-authorization");
            default -> false;
        };
    }

    public void forward(RoutingContext ctx, Upstream upstream, Outgoing outgoing) {
        HttpServerRequest request = ctx.request();
        if (outgoing.bufferedBody() == null && !request.isEnded()) {
            request.pause();
        }
        attempt(ctx, upstream, outgoing, upstream.roundRobinOrder().iterator());
    }

    private void attempt(RoutingContext ctx, Upstream upstream, Outgoing outgoing,
            Iterator<Upstream.Instance> candidates) {
        Upstream.Instance instance = Upstream.nextAdmitted(candidates);
        if (instance == null) {
            unavailable(ctx, upstream, "The " + upstream.name() + " service is unavailable; try again shortly.");
            return;
        }
        send(ctx, upstream, outgoing, instance, candidates, instance.client(), replayable(ctx, outgoing));
    }

    /**
     * Sends the request to one instance. {@code mayRetry}: the request can be sent once more if the
     * connection fails before any response (a pooled keep-alive connection the upstream closed as
     * idle just as it was reused), then on a new connection — only for requests the gateway can
     * replay and that are safe to repeat.
     */
    private void send(RoutingContext ctx, Upstream upstream, Outgoing outgoing, Upstream.Instance chosen,
            Iterator<Upstream.Instance> candidates, HttpClient client, boolean mayRetry) {
        if (ctx.response().closed()) {
            chosen.breaker().onNeutral();
            return;
        }
        RequestOptions options = new RequestOptions()
                .setMethod(ctx.request().method())
                .setHost(chosen.host())
                .setPort(chosen.port())
                .setSsl(chosen.isSsl())
                .setURI(chosen.basePath() + outgoing.uri());
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                LOG.debugf("upstream %s instance %s not reachable: %s", upstream.name(), chosen.base(),
                        ar.cause().getMessage());
                chosen.connectFailed(ar.cause());
                attempt(ctx, upstream, outgoing, candidates);
            } else {
                Runnable retry = mayRetry
                        ? () -> send(ctx, upstream, outgoing, chosen, candidates, chosen.freshClient(), false)
                        : null;
                exchange(ctx, upstream, chosen, outgoing, ar.result(), retry);
            }
        });
    }

    /** GET/HEAD/OPTIONS without a streamed body: repeating them changes nothing and nothing has to be re-read. */
    private static boolean replayable(RoutingContext ctx, Outgoing outgoing) {
        HttpMethod method = ctx.request().method();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        return safe && (outgoing.bufferedBody() != null || ctx.request().isEnded() || !hasBody(ctx.request()));
    }

    private void exchange(RoutingContext ctx, Upstream upstream, Upstream.Instance instance, Outgoing outgoing,
            HttpClientRequest upstreamRequest, Runnable retry) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        writeHeaders(ctx, outgoing.forwarding(), upstreamRequest.headers());
        AtomicBoolean settled = new AtomicBoolean();
        long[] timer = {-1};

        Runnable startTimer = () -> timer[0] = vertx.setTimer(Math.max(1, upstream.timeout().toMillis()), id -> {
            if (settled.compareAndSet(false, true)) {
                upstreamRequest.reset();
                if (response.closed()) {
                    instance.breaker().onNeutral();
                    return;
                }
                instance.breaker().onFailure();
                unavailable(ctx, upstream,
                        "The " + upstream.name() + " service did not answer in time; try again shortly.");
            }
        });

        // The client went away (closed or reset its connection, e.g. the end of a load test): the
        // upstream request is abandoned. That says nothing about the upstream's health, so the
        // breaker does not count it, and there is no one left to answer.
        response.closeHandler(v -> {
            if (settled.compareAndSet(false, true)) {
                vertx.cancelTimer(timer[0]);
                instance.breaker().onNeutral();
            }
            if (!response.ended()) {
                upstreamRequest.reset();
            }
        });
        Handler<Throwable> failed = e -> {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            vertx.cancelTimer(timer[0]);
            if (response.closed()) {
                instance.breaker().onNeutral();
                return;
            }
            if (retry != null) {
                // most likely a pooled connection the upstream had just closed: once more, on another connection
                LOG.debugf("upstream %s failed before answering (%s); retrying once", upstream.name(), e.getMessage());
                // (a half-open probe stays in flight: the retry reports its outcome)
                retry.run();
                return;
            }
            instance.breaker().onFailure();
            LOG.debugf("upstream %s failed: %s", upstream.name(), e.getMessage());
            unavailable(ctx, upstream, "The " + upstream.name() + " service failed to answer; try again shortly.");
        };
        // a connection lost after the request was sent fails only the response future, not the exception handler
        upstreamRequest.exceptionHandler(failed);
        upstreamRequest.response().onSuccess(upstreamResponse -> {
            if (!settled.compareAndSet(false, true)) {
                upstreamRequest.reset();
                return;
            }
            vertx.cancelTimer(timer[0]);
            instance.breaker().onSuccess();
            relayResponse(ctx, upstreamRequest, upstreamResponse);
        }).onFailure(failed);

        if (outgoing.bufferedBody() != null) {
            upstreamRequest.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(outgoing.bufferedBody().length()));
            upstreamRequest.end(outgoing.bufferedBody());
            startTimer.run();
            return;
        }
        if (request.isEnded() || !hasBody(request)) {
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            if (body != null && body.length() > 0) {
                upstreamRequest.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()));
                upstreamRequest.end(body);
            } else {
                upstreamRequest.end();
            }
            if (!request.isEnded()) {
                // let the (empty) request finish so the connection can serve the next one
                request.handler(chunk -> {});
                request.resume();
            }
            startTimer.run();
            return;
        }
        if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            upstreamRequest.setChunked(true);
        }
        long limit = bodyLimit(config, ctx.normalizedPath());
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > limit) {
                request.handler(null);
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer[0]);
                    instance.breaker().onNeutral();
                    upstreamRequest.reset();
                    tooLarge(ctx, limit);
                }
                return;
            }
            upstreamRequest.write(chunk);
            if (upstreamRequest.writeQueueFull()) {
                request.pause();
                upstreamRequest.drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> upstreamRequest.reset());
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        request.endHandler(v -> {
            if (!settled.get()) {
                upstreamRequest.end();
                startTimer.run();
            }
        });
        request.resume();
    }

    private void relayResponse(RoutingContext ctx, HttpClientRequest upstreamRequest,
            HttpClientResponse upstreamResponse) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            upstreamRequest.reset();
            return;
        }
        response.setStatusCode(upstreamResponse.statusCode());
        response.setStatusMessage(upstreamResponse.statusMessage());
        Set<String> named = connectionNamed(upstreamResponse.headers());
        MultiMap out = response.headers();
        for (var entry : upstreamResponse.headers()) {
            String name = entry.getKey();
            if (!hopByHop(name) && !name.equalsIgnoreCase("x-request-id")
                    && (named.isEmpty() || !named.contains(name.toLowerCase(Locale.ROOT)))) {
                out.add(name, entry.getValue());
            }
        }
        int status = upstreamResponse.statusCode();
        boolean bodiless = ctx.request().method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
        String contentLength = upstreamResponse.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (!bodiless && contentLength == null) {
            response.setChunked(true);
        }
        // the chunk that completes a body of known length ends the response: head, body and end go out
        // in one write (a write and then an end flush the client's connection twice)
        long declared = bodiless || contentLength == null ? -1 : parseLength(contentLength);
        long[] relayed = {0};
        // A hand-written pipe rather than pipeTo: the client may hang up while the body is on its
        // way, and a pipe writing into the closed response throws (logged as an uncaught ERROR);
        // here the rest of the upstream body is dropped and the upstream request reset instead.
        upstreamResponse.handler(chunk -> {
            try {
                if (!response.closed()) {
                    relayed[0] += chunk.length();
                    if (relayed[0] == declared) {
                        response.end(chunk);
                        return;
                    }
                    response.write(chunk);
                    if (response.writeQueueFull()) {
                        upstreamResponse.pause();
                        response.drainHandler(v -> upstreamResponse.resume());
                    }
                    return;
                }
            } catch (IllegalStateException closedMeanwhile) {
                // the client's connection closed on its own event loop between the check and the write
            }
            upstreamResponse.handler(null);
            upstreamRequest.reset();
        });
        upstreamResponse.endHandler(v -> {
            if (!response.closed() && !response.ended()) {
                response.end();
            }
        });
        upstreamResponse.exceptionHandler(e -> {
            // the upstream broke off mid-body: the client cannot get a second answer, so it is cut off too
            upstreamRequest.reset();
            if (!response.closed() && !response.ended()) {
                response.reset();
            }
        });
    }

    private void unavailable(RoutingContext ctx, Upstream upstream, String detail) {
        if (ctx.response().closed()) {
            return;
        }
        ctx.response().putHeader("Retry-After", String.valueOf(upstream.retryAfterSeconds()));
        closeAfterUnreadBody(ctx);
        Problems.send(ctx, ProblemType.UNAVAILABLE, detail);
    }

    /** The largest body a request to {@code path} may carry: its own limit if it has one, else the default. */
    public static long bodyLimit(GatewayConfig config, String path) {
        MemorySize own = config.largeBodies().get(path);
        return (own != null ? own : config.maxBodySize()).asLongValue();
    }

    public void tooLarge(RoutingContext ctx, long limit) {
        closeAfterUnreadBody(ctx);
        Problems.send(ctx, ProblemType.PAYLOAD_TOO_LARGE,
                "The request body exceeds the limit of " + limit + " bytes.");
    }

    /** How long the gateway keeps reading (and dropping) a body it refused, before it hangs up. */
    private static final long LINGER_MILLIS = 10_000;

    /**
     * Answers a request whose body the gateway will not use: the rest of the body is read and
     * dropped (a lingering close), so the client sees the answer rather than a connection reset
     * in the middle of its upload; then the connection is closed.
     */
    public static void closeAfterUnreadBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || ctx.response().headWritten()) {
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.response().endHandler(v -> {
            long timer = ctx.vertx().setTimer(LINGER_MILLIS, id -> request.connection().close());
            request.handler(chunk -> {});
            request.endHandler(end -> {
                ctx.vertx().cancelTimer(timer);
                request.connection().close();
            });
            request.resume();
        });
    }

    private static long parseLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static Set<String> connectionNamed(MultiMap headers) {
        List<String> values = headers.getAll(HttpHeaders.CONNECTION);
        if (values.isEmpty()) {
            return Set.of();
        }
        java.util.HashSet<String> named = new java.util.HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }
}
