package org.civicsafety.gateway.web;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.civicsafety.gateway.config.GatewayConfig;

/** Browser hardening headers on every response, whatever the upstream sent. */
final class SecurityHeaders {

    // names and values built once (hash computed once), as they are set on every response
    private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence FRAME_ANCESTORS_NONE = HttpHeaders.createOptimized("frame-ancestors 'none'");

    private SecurityHeaders() {}

    static void apply(RoutingContext ctx, GatewayConfig config) {
        MultiMap headers = ctx.response().headers();
        headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        headers.set(FRAME_OPTIONS, DENY);
        headers.set(REFERRER_POLICY, NO_REFERRER);
        if (!headers.contains(CSP)) {
            headers.set(CSP, FRAME_ANCESTORS_NONE);
        }
        String forwardedProto = ctx.request().getHeader("X-Forwarded-Proto");
        if (ctx.request().isSSL() || "https".equalsIgnoreCase(forwardedProto)) {
            headers.set("Strict-Transport-Security",
                    "max-age=" + config.hstsMaxAge().toSeconds() + "; includeSubDomains");
        }
    }
}
