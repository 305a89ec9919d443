package org.civicsafety.assessment.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Makes the gateway's X-Request-Id available to the outbox (event header) and to the logs of this request. */
public class RequestIdFilter {
    @ServerRequestFilter
    public void requestId(ContainerRequestContext ctx) {
        String id = ctx.getHeaderString("X-Request-Id");
        if (id != null && !id.isBlank() && id.length() <= 200)
            MDC.put("requestId", id);
        else
            MDC.remove("requestId");
    }
}
