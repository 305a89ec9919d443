package org.civicsafety.gateway.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;

/**
 * Errors the gateway itself answers: RFC 9457 problem+json for the JSON APIs, and Open311's own
 * error list ({@code [{"code","description"}]}, or XML for {@code .xml} paths) under /open311.
 */
public final class Problems {

    private Problems() {}

    public static void send(RoutingContext ctx, ProblemType type, String detail) {
        send(ctx, type, detail, List.of());
    }

    /** A problem of the gateway's own handling, with its Retry-After when it names one. */
    public static void send(RoutingContext ctx, ProblemException problem) {
        if (problem.retryAfterSeconds() > 0 && !ctx.response().headWritten()) {
            ctx.response().putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        send(ctx, problem.type(), problem.getMessage(), problem.errors());
    }

    /** {@code errors}: the invalid fields, rendered in the caller's language. */
    public static void send(RoutingContext ctx, ProblemType type, String detail,
            List<ProblemException.FieldError> errors) {
        int status = type.status();
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            // the client is gone: nothing can be written (and trying would only log an error)
            return;
        }
        if (response.headWritten() || response.ended()) {
            response.reset();
            return;
        }
        String path = ctx.request().path();
        if (path != null && path.startsWith("/open311/")) {
            sendOpen311(ctx, status, detail);
            return;
        }
        Locale locale = ProblemType.locale(ctx.request().getHeader("Accept-Language"));
        JsonArray fields = new JsonArray();
        for (ProblemException.FieldError error : errors) {
            FieldMessages.Rendered rendered = FieldMessages.render(error, locale);
            fields.add(new JsonObject().put("field", rendered.field()).put("message", rendered.message()));
        }
        JsonObject body = new JsonObject()
                .put("type", type.uri())
                .put("title", type.title(locale))
                .put("status", status)
                .put("detail", detail)
                .put("instance", path)
                .put("errors", fields);
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(body.encode());
    }

    private static void sendOpen311(RoutingContext ctx, int status, String description) {
        String path = ctx.request().path();
        HttpServerResponse response = ctx.response().setStatusCode(status);
        if (path.endsWith(".xml")) {
            response.putHeader("Content-Type", "text/xml; charset=utf-8")
                    .end("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>" + status
                            + "</code><description>" + escapeXml(description) + "</description></error></errors>");
        } else {
            response.putHeader("Content-Type", "application/json")
                    .end(new JsonArray().add(new JsonObject().put("code", status).put("description", description))
                            .encode());
        }
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
