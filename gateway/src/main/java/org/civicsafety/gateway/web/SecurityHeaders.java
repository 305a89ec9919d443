package org.civicsafety.gateway.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import org.civicsafety.gateway.config.GatewayConfig;

/** Browser hardening headers on every response, whatever the upstream sent. */
final class SecurityHeaders {

    private SecurityHeaders() {}

    static void apply(RoutingContext ctx, GatewayConfig config) {
        MultiMap headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
        }
        String forwardedProto = ctx.request().getHeader("X-Forwarded-Proto");
        if (ctx.request().isSSL() || "https".equalsIgnoreCase(forwardedProto)) {
            headers.set("Strict-Transport-Security",
                    "max-age=" + config.hstsMaxAge().toSeconds() + "; includeSubDomains");
        }
    }
}
