package org.civicsafety.gateway.notices;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.civicsafety.gateway.routing.ProxyHandler;
import org.civicsafety.gateway.routing.Upstream;
import org.civicsafety.gateway.routing.UpstreamCalls;
import org.civicsafety.gateway.routing.Upstreams;

/** What every composed call does with the owners: whom to ask, with which headers, and passing an answer on. */
@Singleton
class Owners {

    private final Upstreams upstreams;
    private final ProxyHandler proxy;

    @Inject
    Owners(Upstreams upstreams, ProxyHandler proxy) {
        this.upstreams = upstreams;
        this.proxy = proxy;
    }

    Upstream upstream(NoticeOwner owner) {
        return upstreams.get(owner.upstream());
    }

    /**
     * The headers of a request to an owner: the caller's, as the proxy forwards them (its credential as the
     * gateway decided, X-Request-Id, X-Forwarded-*, Accept-Language, trace context), minus what the gateway
     * sets itself for this call. No Accept-Encoding: the gateway reads these answers.
     */
    MultiMap headers(RoutingContext ctx, ProxyHandler.Forwarding forwarding, String accept) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        proxy.writeHeaders(ctx, forwarding, headers);
        headers.remove(HttpHeaders.CONTENT_LENGTH).remove(HttpHeaders.ACCEPT_ENCODING).remove("Last-Event-ID");
        headers.set(HttpHeaders.ACCEPT, accept);
        return headers;
    }

    /** An owner's answer, passed on to the caller as it is. */
    static void relay(RoutingContext ctx, UpstreamCalls.Answer answer) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach(header -> {
            if (UpstreamCalls.relayedHeader(header.getKey())) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        response.end(answer.body());
    }

    /** An owner refused the call (a 4xx: the caller's filter, credentials, a notice not theirs): passed on as is. */
    static final class Refused extends RuntimeException {

        final UpstreamCalls.Answer answer;

        Refused(UpstreamCalls.Answer answer) {
            super("refused with " + answer.status(), null, false, false);
            this.answer = answer;
        }
    }

    /** Seconds until an owner that failed may answer again (its breaker's), for Retry-After. */
    static long retryAfter(Throwable failure) {
        return failure instanceof UpstreamCalls.Unavailable unavailable ? unavailable.retryAfterSeconds() : 1;
    }

    /** Lets a request body the composed call does not use finish, so the connection can serve the next request. */
    static void discardBody(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            ctx.request().handler(chunk -> {});
            ctx.request().resume();
        }
    }
}
