package org.civicsafety.cases.outbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The request's X-Request-Id and traceparent, carried into the events it causes. Read and written through methods:
 * beans get the client proxy, and a field of the proxy is one shared by every request and job.
 */
@RequestScoped
public class RequestMeta {

    /** W3C trace context, version 00: anything else is not passed on (the event gets a fresh one). */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private String requestId;
    private String traceparent;

    String requestId() {
        return requestId;
    }

    String traceparent() {
        return traceparent;
    }

    void capture(String requestId, String traceparent) {
        this.requestId = requestId == null || requestId.length() > 200 ? null : requestId;
        this.traceparent = traceparent == null || !TRACEPARENT.matcher(traceparent).matches() ? null : traceparent;
    }

    public static class Filter {
        @jakarta.inject.Inject RequestMeta meta;

        @ServerRequestFilter(preMatching = true)
        public void capture(ContainerRequestContext ctx) {
            meta.capture(ctx.getHeaderString("X-Request-Id"), ctx.getHeaderString("traceparent"));
        }
    }
}
