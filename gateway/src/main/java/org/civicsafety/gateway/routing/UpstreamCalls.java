package org.civicsafety.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.civicsafety.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests the gateway makes to a service on a caller's behalf when it composes an answer itself
 * (rather than relaying one request): the same instances, round robin, breakers and timeouts as
 * {@link ProxyHandler}, but the answer comes back to the gateway — buffered, or as an open event stream.
 */
@Singleton
public class UpstreamCalls {

    private static final Logger LOG = Logger.getLogger(UpstreamCalls.class);

    /** The largest buffered answer (a page of 500 notices is far below it). */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    /** A service's whole answer. */
    public record Answer(int status, MultiMap headers, Buffer body) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }

        /** The caller's own mistake (bad filter, credentials, not found): passed on as the service gave it. */
        public boolean clientError() {
            return status >= 400 && status < 500;
        }
    }

    /** The service gave no answer: no instance admitted, unreachable, too slow, or it broke off. */
    public static final class Unavailable extends RuntimeException {

        private final long retryAfterSeconds;

        Unavailable(String detail, long retryAfterSeconds) {
            super(detail, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final Vertx vertx;
    /** Event streams hold their connection for as long as the client listens: never from the request pools. */
    private final HttpClient streams;

    @Inject
    public UpstreamCalls(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.streams = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(false)
                .setMaxPoolSize(config.notices().maxStreams())
                .setIdleTimeout((int) Math.max(1, config.notices().streamIdleTimeout().toSeconds())));
    }

    /**
     * Sends a request and reads the whole answer within the upstream's timeout. A connection that fails
     * before any answer moves on to the next instance; a pooled one that turns out closed is tried once
     * more on a fresh connection (the callers' requests are safe to repeat).
     */
    public Future<Answer> call(Upstream upstream, HttpMethod method, String uri, MultiMap headers, Buffer body) {
        Promise<Answer> answer = Promise.promise();
        attempt(upstream, new Request(method, uri, headers, body), upstream.roundRobinOrder().iterator(), answer);
        return answer.future();
    }

    private record Request(HttpMethod method, String uri, MultiMap headers, Buffer body) {}

    private void attempt(Upstream upstream, Request request, Iterator<Upstream.Instance> candidates,
            Promise<Answer> answer) {
        Upstream.Instance instance = Upstream.nextAdmitted(candidates);
        if (instance == null) {
            answer.tryFail(unavailable(upstream, "is unavailable"));
            return;
        }
        send(upstream, request, instance, instance.client(), true, candidates, answer);
    }

    private void send(Upstream upstream, Request request, Upstream.Instance instance, HttpClient client,
            boolean mayRetry, Iterator<Upstream.Instance> candidates, Promise<Answer> answer) {
        client.request(options(instance, request.method(), request.uri())).onComplete(opened -> {
            if (opened.failed()) {
                LOG.debugf("upstream %s instance %s not reachable: %s", upstream.name(), instance.base(),
                        opened.cause().getMessage());
                instance.connectFailed(opened.cause());
                attempt(upstream, request, candidates, answer);
                return;
            }
            exchange(upstream, request, instance, opened.result(), mayRetry, candidates, answer);
        });
    }

    private void exchange(Upstream upstream, Request request, Upstream.Instance instance,
            HttpClientRequest outgoing, boolean mayRetry, Iterator<Upstream.Instance> candidates,
            Promise<Answer> answer) {
        outgoing.headers().addAll(request.headers());
        AtomicBoolean answered = new AtomicBoolean();
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(Math.max(1, upstream.timeout().toMillis()), id -> {
            if (settled.compareAndSet(false, true)) {
                outgoing.reset();
                if (!answered.get()) {
                    instance.breaker().onFailure();
                }
                answer.tryFail(unavailable(upstream, "did not answer in time"));
            }
        });
        Future<HttpClientResponse> response = request.body() == null ? outgoing.send() : outgoing.send(request.body());
        response.onSuccess(received -> {
            answered.set(true);
            instance.breaker().onSuccess();
            read(received).onComplete(read -> {
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                vertx.cancelTimer(timer);
                if (read.succeeded()) {
                    answer.tryComplete(new Answer(received.statusCode(), received.headers(), read.result()));
                } else {
                    answer.tryFail(unavailable(upstream, "broke off its answer"));
                }
            });
        }).onFailure(e -> {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            vertx.cancelTimer(timer);
            if (mayRetry) {
                // most likely a pooled connection the service had just closed as idle
                send(upstream, request, instance, instance.freshClient(), false, candidates, answer);
                return;
            }
            instance.breaker().onFailure();
            LOG.debugf("upstream %s failed: %s", upstream.name(), e.getMessage());
            answer.tryFail(unavailable(upstream, "failed to answer"));
        });
    }

    /** The answer's body, refused past {@link #MAX_ANSWER_BYTES}. */
    private static Future<Buffer> read(HttpClientResponse response) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_ANSWER_BYTES) {
                response.handler(null);
                abandon(response);
                promise.tryFail(new IllegalStateException("answer larger than " + MAX_ANSWER_BYTES + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(promise::tryFail);
        response.endHandler(v -> promise.tryComplete(body));
        return promise.future();
    }

    /**
     * Opens an event stream: the answer's head within the upstream's timeout, then no time limit (a stream
     * silent for the streams' idle timeout is closed). The response comes back paused, so that the caller
     * sets its handlers before the first event; it then resumes it.
     */
    public Future<HttpClientResponse> openStream(Upstream upstream, String uri, MultiMap headers) {
        Promise<HttpClientResponse> opened = Promise.promise();
        openStream(upstream, uri, headers, upstream.roundRobinOrder().iterator(), opened);
        return opened.future();
    }

    private void openStream(Upstream upstream, String uri, MultiMap headers, Iterator<Upstream.Instance> candidates,
            Promise<HttpClientResponse> opened) {
        Upstream.Instance instance = Upstream.nextAdmitted(candidates);
        if (instance == null) {
            opened.tryFail(unavailable(upstream, "is unavailable"));
            return;
        }
        RequestOptions options = options(instance, HttpMethod.GET, uri)
                .setConnectTimeout(streamsConnectTimeout(upstream));
        streams.request(options).onComplete(connected -> {
            if (connected.failed()) {
                instance.connectFailed(connected.cause());
                openStream(upstream, uri, headers, candidates, opened);
                return;
            }
            HttpClientRequest request = connected.result();
            request.headers().addAll(headers);
            AtomicBoolean settled = new AtomicBoolean();
            long timer = vertx.setTimer(Math.max(1, upstream.timeout().toMillis()), id -> {
                if (settled.compareAndSet(false, true)) {
                    request.reset();
                    instance.breaker().onFailure();
                    opened.tryFail(unavailable(upstream, "did not answer in time"));
                }
            });
            request.send().onComplete(sent -> {
                if (!settled.compareAndSet(false, true)) {
                    if (sent.succeeded()) {
                        abandon(sent.result());
                    }
                    return;
                }
                vertx.cancelTimer(timer);
                if (sent.failed()) {
                    instance.breaker().onFailure();
                    opened.tryFail(unavailable(upstream, "failed to answer"));
                    return;
                }
                instance.breaker().onSuccess();
                opened.tryComplete(sent.result().pause());
            });
        });
    }

    /** Gives up an answer being received: the exchange is reset (and the reset itself is no error to report). */
    public static void abandon(HttpClientResponse response) {
        response.exceptionHandler(ignored -> {});
        response.request().reset();
    }

    /** The streams' client is shared by every upstream, so the upstream's connect timeout goes on each request. */
    private static long streamsConnectTimeout(Upstream upstream) {
        return Math.max(1, upstream.connectTimeout().toMillis());
    }

    private static RequestOptions options(Upstream.Instance instance, HttpMethod method, String uri) {
        return new RequestOptions().setMethod(method).setHost(instance.host()).setPort(instance.port())
                .setSsl(instance.isSsl()).setURI(instance.basePath() + uri);
    }

    private static Unavailable unavailable(Upstream upstream, String what) {
        return new Unavailable(upstream.name() + "-service " + what, upstream.retryAfterSeconds());
    }

    /** The response headers of a buffered answer worth giving the client when it is passed on as is. */
    public static boolean relayedHeader(String name) {
        return !ProxyHandler.hopByHop(name) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH.toString())
                && !name.equalsIgnoreCase("x-request-id");
    }
}
