package org.civicsafety.gateway.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;
import org.civicsafety.gateway.problem.Problems;
import org.civicsafety.gateway.routing.ProxyHandler;
import org.civicsafety.gateway.routing.RouteTable;
import org.civicsafety.gateway.routing.Upstreams;

import java.util.Optional;

/**
 * The gateway's front door, installed on the Vert.x router ahead of everything else: request id,
 * security headers, size limit, authentication, rate limits, then either a proxied request or
 * (for /q/* and the gateway's own API) the next handler.
 */
@ApplicationScoped
public class GatewayRouter {

    /** Runs before Quarkus' own body-size check (order -2) so oversized bodies get a problem+json 413. */
    static final int ORDER = -10;

    public static final String REQUEST_ID = "civic.requestId";

    @Inject
    GatewayConfig config;

    @Inject
    Upstreams upstreams;

    @Inject
    ProxyHandler proxy;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String requestId = RequestIds.acceptOrGenerate(request.getHeader("X-Request-Id"));
        ctx.put(REQUEST_ID, requestId);
        ctx.response().putHeader("X-Request-Id", requestId);
        ctx.addHeadersEndHandler(v -> SecurityHeaders.apply(ctx, config));

        String path = ctx.normalizedPath();
        if (path.equals("/q") || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        long limit = config.maxBodySize().asLongValue();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length, limit)) {
            proxy.tooLarge(ctx, limit);
            return;
        }
        Optional<String> upstreamName = RouteTable.upstreamFor(path);
        if (upstreamName.isEmpty()) {
            if (GatewayPaths.isOwnApi(path)) {
                ctx.next();
                return;
            }
            Problems.send(ctx, 404, "not-found", "Not found", "No resource at " + path + ".");
            return;
        }
        String uri = request.query() == null ? path : path + "?" + request.query();
        proxy.forward(ctx, upstreams.get(upstreamName.get()),
                new ProxyHandler.Outgoing(uri, proxy.forwardedHeaders(ctx, requestId), null));
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
