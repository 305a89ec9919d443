package org.civicsafety.gateway.notices;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.civicsafety.gateway.problem.ProblemException;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.problem.Problems;
import org.civicsafety.gateway.routing.ProxyHandler;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The composed notice paths (gateway.md "Composed paths"), for an authenticated and admitted request:
 * the two lists and the stream merged from both owners, a read mark routed to the notice's owner, the
 * preferences read from cases-service and written to both. Everything else below these paths is a 404
 * (an unknown path) or a 405 (a known one, another method).
 */
@Singleton
public class ComposedNotices {

    private final Owners owners;
    private final ProxyHandler proxy;
    private final NoticeLists lists;
    private final NoticeStreams streams;
    private final NoticePreferences preferences;

    @Inject
    ComposedNotices(Owners owners, ProxyHandler proxy, NoticeLists lists, NoticeStreams streams,
            NoticePreferences preferences) {
        this.owners = owners;
        this.proxy = proxy;
        this.lists = lists;
        this.streams = streams;
        this.preferences = preferences;
    }

    /** True when the request's body must be read before {@link #handle} (it goes to both owners). */
    public static boolean needsBody(HttpMethod method, String path) {
        return method == HttpMethod.PUT && NoticePaths.PREFERENCES.equals(path);
    }

    /**
     * @param forwarding the caller's credential as the gateway passes it on (as for a proxied request)
     * @param body the body read beforehand when {@link #needsBody}, else null (it streams, or is not used)
     */
    public void handle(RoutingContext ctx, ProxyHandler.Forwarding forwarding, String path, Buffer body) {
        HttpMethod method = ctx.request().method();
        Optional<NoticePaths.Endpoint> endpoint = NoticePaths.endpoint(path);
        try {
            if (endpoint.isEmpty()) {
                Owners.discardBody(ctx);
                Problems.send(ctx, ProblemType.NOT_FOUND, "No resource at " + path + ".");
                return;
            }
            if (!endpoint.get().methods().contains(method)) {
                Owners.discardBody(ctx);
                ctx.response().putHeader("Allow", endpoint.get().methods().stream().map(HttpMethod::name).sorted()
                        .collect(Collectors.joining(", ")));
                Problems.send(ctx, ProblemType.METHOD_NOT_ALLOWED, method.name() + " is not allowed on " + path + ".");
                return;
            }
            switch (endpoint.get()) {
                case MY_LIST -> lists.answer(ctx, forwarding, NoticeLists.Kind.INBOX);
                case DELIVERY_LOG -> lists.answer(ctx, forwarding, NoticeLists.Kind.DELIVERY_LOG);
                case STREAM -> streams.open(ctx, forwarding);
                case READ -> markRead(ctx, forwarding, path);
                case PREFERENCES -> {
                    if (method == HttpMethod.PUT) {
                        preferences.put(ctx, forwarding, body);
                    } else {
                        forward(ctx, forwarding, NoticeOwner.CASES);
                    }
                }
            }
        } catch (ProblemException e) {
            Problems.send(ctx, e);
        }
    }

    /** The read mark goes to the owner the notice id names; an id of no owner is no notice of the caller's. */
    private void markRead(RoutingContext ctx, ProxyHandler.Forwarding forwarding, String path) {
        String id = NoticePaths.noticeId(path).orElseThrow();
        NoticeOwner owner = NoticeOwner.ofNoticeId(id).orElseThrow(() -> {
            Owners.discardBody(ctx);
            return ProblemException.notFound("No notice " + id + ".");
        });
        forward(ctx, forwarding, owner);
    }

    private void forward(RoutingContext ctx, ProxyHandler.Forwarding forwarding, NoticeOwner owner) {
        String query = ctx.request().query();
        String uri = query == null ? ctx.normalizedPath() : ctx.normalizedPath() + "?" + query;
        proxy.forward(ctx, owners.upstream(owner), new ProxyHandler.Outgoing(uri, forwarding, null));
    }
}
