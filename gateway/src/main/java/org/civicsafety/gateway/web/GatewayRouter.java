package org.civicsafety.gateway.web;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.impl.ContextInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.civicsafety.gateway.auth.Caller;
import org.civicsafety.gateway.auth.PublicPaths;
import org.civicsafety.gateway.auth.TokenVerifier;
import org.civicsafety.gateway.config.GatewayConfig;
import org.civicsafety.gateway.limits.RateLimiter;
import org.civicsafety.gateway.limits.SharedRateLimiter;
import org.civicsafety.gateway.notices.ComposedNotices;
import org.civicsafety.gateway.notices.NoticePaths;
import org.civicsafety.gateway.partner.InternalTokens;
import org.civicsafety.gateway.partner.PartnerKey;
import org.civicsafety.gateway.partner.PartnerKeys;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.problem.Problems;
import org.civicsafety.gateway.routing.ProxyHandler;
import org.civicsafety.gateway.routing.RouteTable;
import org.civicsafety.gateway.routing.Upstreams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The gateway's front door, installed on the Vert.x router ahead of everything else: request id,
 * security headers, size limit, authentication (bearer token or partner API key), rate limits,
 * then either a proxied request, a composed one (the notice paths both cases and grid serve) or (for /q/*, the
 * problem pages, the staff console and the gateway's own API) the next handler.
 */
@ApplicationScoped
public class GatewayRouter {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(GatewayRouter.class);

    /**
     * Runs right after Quarkus' CORS filter (order -300, so proxied answers carry its headers and it
     * answers preflights) and before its authentication (-200), REST observability and authorization
     * (-100) handlers and body-size check (-2): a proxied request is authenticated here and never
     * reaches them (they cost a tenth of a proxied request's CPU and did nothing for it); the
     * gateway's own API and /q/* go on to them as before. Oversized bodies get a problem+json 413.
     */
    static final int ORDER = -250;

    public static final String REQUEST_ID = "civic.requestId";
    public static final String CALLER = "civic.caller";

    /** Small bodies the gateway must read itself (Open311 forms, a partner's incident JSON) are capped at this. */
    static final int INSPECTED_BODY_LIMIT = 1024 * 1024;

    @Inject GatewayConfig config;

    @Inject Upstreams upstreams;

    @Inject ProxyHandler proxy;

    @Inject TokenVerifier tokens;

    @Inject PartnerKeys partnerKeys;

    @Inject InternalTokens internalTokens;

    @Inject SharedRateLimiter rateLimiter;

    @Inject ComposedNotices notices;

    /** Who answers a request: one service, the gateway's own API, or the gateway composing several services' answers. */
    private enum Served {
        PROXIED, OWN_API, COMPOSED
    }

    /** An authenticated request: who calls, with which key (partners), and a body already read, if any. */
    private record Authenticated(Caller caller, PartnerKey key, Buffer body) {}

    private static final Authenticated ANONYMOUS = new Authenticated(Caller.anonymous(), null, null);

    /** A request refused before it reaches anything. */
    private static final class Refusal extends RuntimeException {
        final ProblemType type;

        Refusal(ProblemType type, String detail) {
            super(detail, null, false, false);
            this.type = type;
        }
    }

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
        if (path.equals("/q") || path.startsWith("/q/") || GatewayPaths.isProblemPage(path)
                || GatewayPaths.isConsole(path) || request.method() == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        long limit = ProxyHandler.bodyLimit(config, path);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length, limit)) {
            proxy.tooLarge(ctx, limit);
            return;
        }
        Optional<String> upstreamName = RouteTable.upstreamFor(path);
        Served served = upstreamName.isPresent() ? Served.PROXIED
                : GatewayPaths.isOwnApi(path) ? Served.OWN_API
                        : NoticePaths.isComposed(path) ? Served.COMPOSED : null;
        if (served == null) {
            Problems.send(ctx, ProblemType.NOT_FOUND, "No resource at " + path + ".");
            return;
        }
        if (served == Served.PROXIED) {
            tagMetrics(request, RouteTable.metricsTemplate(path));
        } else if (served == Served.COMPOSED) {
            tagMetrics(request, NoticePaths.metricsTemplate(path));
        }
        if (!request.isEnded()) {
            request.pause();
        }
        // Each step answers at once when it can (a cached token, a leased rate-limit token): then the
        // request goes on synchronously, without a chain of futures and listeners per request.
        whenDone(authenticate(ctx, path), authenticated -> {
            if (authenticated.failed()) {
                fail(ctx, authenticated.cause());
                return;
            }
            Authenticated auth = authenticated.result();
            Refusal refused = authorize(path, auth);
            if (refused != null) {
                refuse(ctx, refused);
                return;
            }
            ctx.put(CALLER, auth.caller());
            whenDone(rateLimiter.check(request.method().name(), path, clientKey(ctx, auth)), decided -> {
                if (decided.failed()) {
                    fail(ctx, decided.cause());
                    return;
                }
                RateLimiter.Decision decision = decided.result();
                if (!decision.allowed()) {
                    ctx.response().putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
                    refuse(ctx, new Refusal(ProblemType.RATE_LIMITED,
                            "Too many requests; try again in " + decision.retryAfterSeconds() + " s."));
                    return;
                }
                try {
                    pass(ctx, auth, path, requestId, upstreamName, served);
                } catch (RuntimeException e) {
                    fail(ctx, e);
                }
            });
        });
    }

    /** The request is admitted: to the gateway's own API, on to its upstream, or composed from several. */
    private void pass(RoutingContext ctx, Authenticated auth, String path, String requestId,
            Optional<String> upstreamName, Served served) {
        HttpServerRequest request = ctx.request();
        if (served == Served.OWN_API) {
            if (!request.isEnded()) {
                request.resume();
            }
            ctx.next();
            return;
        }
        // a user's own token goes on; a partner's key becomes an internal token; an anonymous caller sends none
        String internal = auth.key() != null ? "Bearer " + internalTokens.forPartner(auth.key()) : null;
        ProxyHandler.Forwarding forwarding = new ProxyHandler.Forwarding(requestId,
                auth.caller().kind() == Caller.Kind.USER, internal);
        if (served == Served.COMPOSED) {
            if (!ComposedNotices.needsBody(request.method(), path)) {
                notices.handle(ctx, forwarding, path, null);
                return;
            }
            readBody(ctx).onComplete(read -> {
                if (read.failed()) {
                    fail(ctx, read.cause());
                } else {
                    notices.handle(ctx, forwarding, path, read.result());
                }
            });
            return;
        }
        String query = request.query();
        String uri = query == null ? path : path + "?" + query;
        proxy.forward(ctx, upstreams.get(upstreamName.get()), new ProxyHandler.Outgoing(uri, forwarding, auth.body()));
    }

    private void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof Refusal refusal) {
            refuse(ctx, refusal);
        } else {
            LOG.error("request could not be handled", e);
            refuse(ctx, new Refusal(ProblemType.INTERNAL, "Something went wrong on our side."));
        }
    }

    /**
     * The uri tag of the request's http.server.requests metrics, where Quarkus' HTTP metrics look for a
     * route's template (the request context's "UrlPathTemplate", as REST endpoints set it).
     */
    private static void tagMetrics(HttpServerRequest request, String template) {
        if (template != null && request instanceof HttpServerRequestInternal internal
                && internal.context() instanceof ContextInternal context) {
            context.putLocal(URL_PATH_TEMPLATE, template);
        }
    }

    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    /** Runs {@code next} now if {@code future} is already complete, else when it completes. */
    private static <T> void whenDone(Future<T> future, Handler<AsyncResult<T>> next) {
        if (future.isComplete()) {
            next.handle(future);
        } else {
            future.onComplete(next);
        }
    }

    private Future<Authenticated> authenticate(RoutingContext ctx, String path) {
        HttpServerRequest request = ctx.request();
        // on public reads a stale or bad credential does not matter: the caller is served anonymously
        boolean publicRead = PublicPaths.isPublic(request.method(), path);
        Authenticated anonymous = ANONYMOUS;
        String apiKey = request.getHeader("X-API-Key");
        if (apiKey != null) {
            return partner(path, apiKey, null)
                    .recover(e -> publicRead && e instanceof Refusal r && r.type != ProblemType.UNAVAILABLE
                            ? Future.succeededFuture(anonymous) : Future.failedFuture(e));
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Future<Caller> verified = tokens.verify(authorization.substring(7).trim());
            if (verified.succeeded()) {
                return Future.succeededFuture(new Authenticated(verified.result(), null, null));
            }
            return verified
                    .map(caller -> new Authenticated(caller, null, null))
                    .recover(e -> {
                        if (!(e instanceof TokenVerifier.InvalidTokenException)) {
                            return Future.failedFuture(e);
                        }
                        return publicRead ? Future.succeededFuture(anonymous)
                                : Future.failedFuture(unauthorized(path, e.getMessage()));
                    });
        }
        if (PublicPaths.isOpen311Write(request.method(), path) && isForm(request)) {
            return readBody(ctx).compose(body -> {
                String formKey = formField(body, "api_key");
                return formKey == null
                        ? Future.failedFuture(unauthorized(path, "An api_key is required."))
                        : partner(path, formKey, body);
            });
        }
        if (publicRead) {
            return Future.succeededFuture(anonymous);
        }
        return Future.failedFuture(unauthorized(path, authorization == null
                ? "Authentication is required: a bearer token or a partner API key."
                : "Only bearer tokens are accepted."));
    }

    private Future<Authenticated> partner(String path, String secret, Buffer body) {
        if (!partnerKeys.loaded() && partnerKeys.authenticate(secret).isEmpty()) {
            return Future.failedFuture(new Refusal(ProblemType.UNAVAILABLE,
                    "Partner keys are still loading; try again shortly."));
        }
        return partnerKeys.authenticate(secret)
                .map(key -> Future.succeededFuture(
                        new Authenticated(Caller.partner(key.partnerId(), key.categories()), key, body)))
                .orElseGet(() -> Future.failedFuture(unauthorized(path, "The API key is invalid or revoked.")));
    }

    /**
     * The gateway's own API is for administrators; everything else is authorised by the services.
     * Null when the request may go on.
     */
    private static Refusal authorize(String path, Authenticated auth) {
        Caller caller = auth.caller();
        if (GatewayPaths.isOwnApi(path)) {
            if (caller.kind() != Caller.Kind.USER) {
                return unauthorized(path, "Authentication is required.");
            }
            if (!caller.hasRole("admin")) {
                return new Refusal(ProblemType.FORBIDDEN, "Only administrators manage partner keys.");
            }
        }
        // A partner key's categories travel in the internal token's claim: grid-service checks them after it
        // has told an unknown category (400) from one the key may not report (403).
        return null;
    }

    /** Reads a small body the gateway must look into, refusing more than {@link #INSPECTED_BODY_LIMIT}. */
    private Future<Buffer> readBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            Buffer read = ctx.body() == null ? null : ctx.body().buffer();
            return Future.succeededFuture(read == null ? Buffer.buffer() : read);
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > INSPECTED_BODY_LIMIT) {
                request.handler(null);
                promise.tryFail(new Refusal(ProblemType.PAYLOAD_TOO_LARGE,
                        "This request's body may be at most " + INSPECTED_BODY_LIMIT + " bytes."));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }

    private String clientKey(RoutingContext ctx, Authenticated auth) {
        return switch (auth.caller().kind()) {
            case PARTNER -> "key:" + auth.key().id();
            case USER -> "user:" + auth.caller().id();
            default -> "ip:"
                    + (ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress());
        };
    }

    private void refuse(RoutingContext ctx, Refusal refusal) {
        if (refusal.type == ProblemType.UNAUTHORIZED) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        if (refusal.type == ProblemType.UNAVAILABLE) {
            ctx.response().putHeader("Retry-After", "5");
        }
        ProxyHandler.closeAfterUnreadBody(ctx);
        Problems.send(ctx, refusal.type, refusal.getMessage());
    }

    /** 401 for the JSON APIs; Open311 answers a missing or bad key with 403, as its specification says. */
    private static Refusal unauthorized(String path, String detail) {
        if (path.startsWith("/open311/")) {
            return new Refusal(ProblemType.FORBIDDEN, detail);
        }
        return new Refusal(ProblemType.UNAUTHORIZED, detail);
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** A field of a url-encoded form; null when absent or when the form cannot be decoded (the service answers that with 400). */
    private static String formField(Buffer form, String name) {
        try {
            List<String> values = new QueryStringDecoder(form.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                    false)
                    .parameters().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
