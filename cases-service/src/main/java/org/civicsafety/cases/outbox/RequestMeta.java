package org.civicsafety.cases.outbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The request's X-Request-Id and traceparent, carried into the events it causes. */
@RequestScoped
public class RequestMeta {

    String requestId;
    String traceparent;

    public static class Filter {
        @jakarta.inject.Inject RequestMeta meta;

        @ServerRequestFilter(preMatching = true)
        public void capture(ContainerRequestContext ctx) {
            meta.requestId = clip(ctx.getHeaderString("X-Request-Id"));
            meta.traceparent = clip(ctx.getHeaderString("traceparent"));
        }

        private static String clip(String v) {
            return v == null || v.length() > 200 ? null : v;
        }
    }
}
