package org.civicsafety.grid.common;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Remembers X-Request-Id/traceparent for the outbox and echoes X-Request-Id back. */
public class RequestTraceFilter {
    static final String REQUEST_ID = "X-Request-Id";

    @Inject RequestTrace trace;

    @ServerRequestFilter(preMatching = true)
    public void capture(ContainerRequestContext ctx) {
        String id = ctx.getHeaderString(REQUEST_ID);
        if (id != null && id.length() > 128) {
            id = id.substring(0, 128);
        }
        trace.set(id, ctx.getHeaderString("traceparent"));
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext req, ContainerResponseContext res) {
        String id = req.getHeaderString(REQUEST_ID);
        if (id != null && !res.getHeaders().containsKey(REQUEST_ID)) {
            res.getHeaders().putSingle(REQUEST_ID, id.length() > 128 ? id.substring(0, 128) : id);
        }
    }
}
