package org.civicsafety.gateway.console;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.problem.Problems;
import org.civicsafety.gateway.web.GatewayPaths;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The staff console at /console/ (console.md): its bundled assets (built into META-INF/resources/console, served by
 * Quarkus' static resources), index.html for every screen's deep link (/console/cases/123), the console's
 * configuration (the identity provider to sign in with) and, on the local platform only, the development sign-in.
 * The front handler lets /console through without authentication: nothing here is data, and the console's own calls
 * go to /api/v1 with the signed-in person's token.
 */
@ApplicationScoped
public class ConsoleRoutes {

    /** Order after the front handler (GatewayRouter) and before Quarkus' static resources. */
    static final int ORDER = 0;
    private static final String INDEX = "META-INF/resources/console/index.html";
    /** Scheme, host (letters, digits, dots, dashes and Leaflet's {s}) and port: nothing that could end a CSP source. */
    private static final Pattern TILE_ORIGIN = Pattern.compile("(https?://[A-Za-z0-9.{}-]+(?::\\d+)?)(?=[/?#]|$)");

    @Inject GatewayConfig config;

    @Inject DevSignIn devSignIn;

    private volatile Buffer index;

    void install(@Observes Router router) {
        // a tile URL the page's policy cannot name stops the gateway at start, not each page at its first request
        config.console().mapTileUrl().ifPresent(ConsoleRoutes::tileSource);
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!GatewayPaths.isConsole(path)) {
            ctx.next();
            return;
        }
        HttpMethod method = ctx.request().method();
        if (path.equals(GatewayPaths.CONSOLE)) {
            String query = ctx.request().query();
            ctx.response().setStatusCode(301)
                    .putHeader("Location", GatewayPaths.CONSOLE + "/" + (query == null ? "" : "?" + query)).end();
        } else if (path.equals(GatewayPaths.CONSOLE + "/config.json") && method == HttpMethod.GET) {
            json(ctx, 200, clientConfig());
        } else if (path.equals(DevSignIn.PATH)) {
            devSignIn(ctx);
        } else if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            Problems.send(ctx, ProblemType.METHOD_NOT_ALLOWED, "The console's pages are read with GET.");
        } else if (lastSegment(path).contains(".") && !path.endsWith("/index.html")) {
            // a bundled file: Quarkus' static resources serve it (or answer 404)
            ctx.next();
        } else {
            serveIndex(ctx);
        }
    }

    /** What the console reads before it signs anyone in. */
    JsonObject clientConfig() {
        GatewayConfig.Console console = config.console();
        JsonObject body = new JsonObject().put("devSignIn", devSignIn.enabled())
                .put("languages", new JsonArray().add("zh-CN").add("en"));
        if (console.oidcIssuer().isPresent() && console.oidcClientId().isPresent()) {
            body.put("oidc", new JsonObject().put("issuer", console.oidcIssuer().get().toString())
                    .put("clientId", console.oidcClientId().get()).put("scope", console.oidcScope()));
        }
        console.mapTileUrl().ifPresent(url -> body.put("map", new JsonObject().put("tileUrl", url)
                .put("attribution", console.mapTileAttribution().orElse(""))));
        return body;
    }

    private void devSignIn(RoutingContext ctx) {
        if (!devSignIn.enabled()) {
            Problems.send(ctx, ProblemType.NOT_FOUND, "No resource at " + DevSignIn.PATH + ".");
            return;
        }
        if (ctx.request().method() != HttpMethod.POST) {
            Problems.send(ctx, ProblemType.METHOD_NOT_ALLOWED, "The development sign-in is a POST.");
            return;
        }
        body(ctx).onComplete(read -> {
            if (read.failed()) {
                Problems.send(ctx, ProblemType.VALIDATION, "The request body could not be read.");
                return;
            }
            try {
                json(ctx, 200, devSignIn.signIn(DevSignIn.DemoUser.parse(read.result())));
            } catch (DevSignIn.InvalidUser e) {
                Problems.send(ctx, ProblemType.VALIDATION, e.getMessage());
            }
        });
    }

    /** The small JSON body of a sign-in: read here, as the front handler leaves console requests alone. */
    private static Future<Buffer> body(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            return Future.succeededFuture(ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer()
                    : ctx.body().buffer());
        }
        String length = request.getHeader("Content-Length");
        if (length != null && length.length() > 5) {
            return Future.failedFuture("too large");
        }
        Future<Buffer> body = request.body();
        request.resume();
        return body;
    }

    private void serveIndex(RoutingContext ctx) {
        Buffer page = index();
        if (page == null) {
            Problems.send(ctx, ProblemType.NOT_FOUND, "The console is not part of this build.");
            return;
        }
        // the page names the current bundle's hashed files: always asked for again, the bundle is cached for good
        ctx.response().putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Security-Policy", contentSecurityPolicy())
                .end(ctx.request().method() == HttpMethod.HEAD ? Buffer.buffer() : page);
    }

    /** Scripts and styles only from the gateway; calls to the API and to the identity provider; map tiles. */
    String contentSecurityPolicy() {
        String issuer = config.console().oidcIssuer().map(u -> " " + u.getScheme() + "://" + u.getAuthority())
                .orElse("");
        String tiles = config.console().mapTileUrl().map(url -> " " + tileSource(url)).orElse("");
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + tiles + "; "
                + "connect-src 'self'" + issuer + "; frame-src 'self'" + issuer + "; object-src 'none'; "
                + "base-uri 'self'; form-action 'self'" + issuer + "; frame-ancestors 'none'";
    }

    /**
     * The CSP source of a tile URL template: its scheme and host, a {@code {s}} subdomain placeholder (Leaflet's
     * a/b/c servers) as the wildcard {@code *.}.
     */
    static String tileSource(String template) {
        Matcher origin = TILE_ORIGIN.matcher(template);
        if (!origin.lookingAt()) {
            throw new IllegalArgumentException("civic.gateway.console.map-tile-url is not an http(s) URL: " + template);
        }
        return origin.group(1).replace("{s}", "*");
    }

    private Buffer index() {
        Buffer page = index;
        if (page == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(INDEX)) {
                if (in == null) {
                    return null;
                }
                page = Buffer.buffer(in.readAllBytes());
                index = page;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return page;
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
