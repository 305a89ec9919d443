package org.civicsafety.gateway.notices;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.civicsafety.gateway.problem.ProblemException;
import org.civicsafety.gateway.problem.Problems;
import org.civicsafety.gateway.routing.ProxyHandler;
import org.civicsafety.gateway.routing.UpstreamCalls;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /api/v1/me/notice-preferences} goes to both owners, each keeping the choices for what it
 * sends. The PUT is idempotent, so a part that failed is answered 503 (naming it) and the client sends
 * the same request again; both saved → cases-service's answer.
 */
@Singleton
class NoticePreferences {

    private static final String OPERATION = "notice-preferences";

    private final Owners owners;
    private final UpstreamCalls calls;
    private final ComposedMetrics metrics;

    @Inject
    NoticePreferences(Owners owners, UpstreamCalls calls, ComposedMetrics metrics) {
        this.owners = owners;
        this.calls = calls;
        this.metrics = metrics;
    }

    void put(RoutingContext ctx, ProxyHandler.Forwarding forwarding, Buffer body) {
        Map<NoticeOwner, Future<UpstreamCalls.Answer>> sent = new EnumMap<>(NoticeOwner.class);
        for (NoticeOwner owner : NoticeOwner.values()) {
            sent.put(owner, calls.call(owners.upstream(owner), HttpMethod.PUT, ctx.request().uri(),
                    owners.headers(ctx, forwarding, "application/json"), body));
        }
        Future.join(new ArrayList<>(sent.values())).onComplete(done -> respond(ctx, sent));
    }

    private void respond(RoutingContext ctx, Map<NoticeOwner, Future<UpstreamCalls.Answer>> sent) {
        List<NoticeOwner> failed = new ArrayList<>();
        long retryAfter = 1;
        UpstreamCalls.Answer refused = null;
        for (var entry : sent.entrySet()) {
            Future<UpstreamCalls.Answer> answer = entry.getValue();
            boolean ok = answer.succeeded() && !(answer.result().status() >= 500);
            if (!ok) {
                failed.add(entry.getKey());
                retryAfter = Math.max(retryAfter, answer.failed() ? Owners.retryAfter(answer.cause()) : 1);
            } else if (answer.result().clientError() && refused == null) {
                refused = answer.result();
            }
            metrics.part(OPERATION, entry.getKey(), ok);
        }
        metrics.answer(OPERATION, ComposedMetrics.outcome(sent.size(), failed.size()));
        if (refused != null) {
            Owners.relay(ctx, refused);
            return;
        }
        if (!failed.isEmpty()) {
            String parts = String.join(" and ", failed.stream().map(NoticeOwner::label).toList());
            Problems.send(ctx, ProblemException.unavailable("The notice preferences could not be saved at " + parts
                    + (failed.size() < sent.size() ? " (the other service saved them)" : "")
                    + "; send the same request again.", (int) retryAfter));
            return;
        }
        Owners.relay(ctx, sent.get(NoticeOwner.CASES).result());
    }
}
