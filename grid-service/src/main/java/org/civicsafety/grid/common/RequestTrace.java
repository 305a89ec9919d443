package org.civicsafety.grid.common;

import jakarta.enterprise.context.RequestScoped;

/** Correlation headers of the current HTTP request, carried into the events it causes. */
@RequestScoped
public class RequestTrace {
    private String requestId;
    private String traceparent;

    public String requestId() {
        return requestId;
    }

    public String traceparent() {
        return traceparent;
    }

    void set(String requestId, String traceparent) {
        this.requestId = requestId;
        this.traceparent = traceparent;
    }
}
