package org.civicsafety.gateway.notices;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.civicsafety.gateway.problem.ProblemException;
import org.civicsafety.gateway.problem.ProblemException.FieldError;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.problem.Problems;
import org.civicsafety.gateway.routing.ProxyHandler;
import org.civicsafety.gateway.routing.UpstreamCalls;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The merged notice lists, {@code GET /api/v1/me/notices} (the inbox, with the caller's {@code unread}
 * count) and {@code GET /api/v1/notices} (the delivery log): both owners are asked for the page the
 * cursor says (filters passed on), and their notices are merged newest first under one cursor. An owner
 * that cannot answer leaves a partial page ({@code "partial": ["cases-service"]}, 200) that the next page
 * asks it again from where it stood; neither → 503. An owner's 4xx is the answer, as it gave it.
 */
@Singleton
class NoticeLists {

    private static final Logger LOG = Logger.getLogger(NoticeLists.class);

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /**
     * Owner pages followed in one call when a page holds nothing not handed out yet (notices that left
     * an owner's list meanwhile, as read ones leave {@code unread=true}).
     */
    private static final int MAX_HOPS = 3;

    private final Owners owners;
    private final UpstreamCalls calls;
    private final ComposedMetrics metrics;

    @Inject
    NoticeLists(Owners owners, UpstreamCalls calls, ComposedMetrics metrics) {
        this.owners = owners;
        this.calls = calls;
        this.metrics = metrics;
    }

    /** Which list: its path at the owners, and whether it carries the caller's unread count. */
    enum Kind {
        INBOX(NoticePaths.MY_NOTICES, "me-notices", true),
        DELIVERY_LOG(NoticePaths.DELIVERY_LOG, "notices", false);

        final String path;
        final String operation;
        final boolean counted;

        Kind(String path, String operation, boolean counted) {
            this.path = path;
            this.operation = operation;
            this.counted = counted;
        }
    }

    /** One call's request to the owners. */
    private record Ask(Kind kind, List<Map.Entry<String, String>> filters, int limit, MultiMap headers) {}

    /** @throws ProblemException for a bad limit or cursor, before anything is asked */
    void answer(RoutingContext ctx, ProxyHandler.Forwarding forwarding, Kind kind) {
        Owners.discardBody(ctx);
        if (!acceptsJson(ctx.request().getHeader("Accept"))) {
            // a merged list is JSON only (the services' CSV exports are per service): say so, as they do for a type
            // they cannot write, rather than answer JSON to a client that asked for something else
            throw new ProblemException(ProblemType.NOT_ACCEPTABLE,
                    "The merged notice lists are answered as application/json only.", List.of());
        }
        Map<String, List<String>> query = new QueryStringDecoder(ctx.request().uri()).parameters();
        List<FieldError> errors = new ArrayList<>();
        int limit = limit(query.get("limit"), errors);
        Map<NoticeOwner, ListPosition> positions = positions(query.get("cursor"), errors);
        if (!errors.isEmpty()) {
            // a cursor not of this list is a malformed request (its owners' cursors inside are not the client's)
            ProblemType type = positions == null ? ProblemType.MALFORMED_REQUEST : ProblemType.VALIDATION;
            throw new ProblemException(type, "The request's paging parameters are invalid.", errors);
        }
        List<Map.Entry<String, String>> filters = new ArrayList<>();
        query.forEach((name, values) -> {
            if (!name.equals("limit") && !name.equals("cursor")) {
                values.forEach(value -> filters.add(Map.entry(name, value)));
            }
        });
        Ask ask = new Ask(kind, filters, limit, owners.headers(ctx, forwarding, "application/json"));
        Map<NoticeOwner, Future<OwnerPage>> asked = new EnumMap<>(NoticeOwner.class);
        for (NoticeOwner owner : NoticeOwner.values()) {
            ListPosition at = positions.get(owner);
            if (!at.done()) {
                asked.put(owner, fetch(owner, ask, at, limit, 0));
            } else if (kind.counted) {
                // an owner walked to its end still counts the caller's unread notices
                asked.put(owner, fetch(owner, ask, ListPosition.START, 1, MAX_HOPS));
            }
        }
        Future.join(new ArrayList<>(asked.values())).onComplete(done -> respond(ctx, ask, positions, asked));
    }

    /** Whether an Accept header admits JSON: none at all, or a range that covers application/json. */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = Arrays.stream(parts).skip(1).map(String::strip)
                    .anyMatch(p -> p.matches("(?i)q\\s*=\\s*0(\\.0*)?"));
            if (!refused && (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")
                    || type.endsWith("+json"))) {
                return true;
            }
        }
        return false;
    }

    private void respond(RoutingContext ctx, Ask ask, Map<NoticeOwner, ListPosition> positions,
            Map<NoticeOwner, Future<OwnerPage>> asked) {
        Map<NoticeOwner, OwnerPage> pages = new EnumMap<>(NoticeOwner.class);
        Map<NoticeOwner, Throwable> failed = new EnumMap<>(NoticeOwner.class);
        Owners.Refused refused = null;
        for (var entry : asked.entrySet()) {
            Future<OwnerPage> page = entry.getValue();
            if (page.succeeded()) {
                pages.put(entry.getKey(), page.result());
            } else if (page.cause() instanceof Owners.Refused r) {
                refused = refused == null ? r : refused;
            } else {
                failed.put(entry.getKey(), page.cause());
            }
            metrics.part(ask.kind().operation, entry.getKey(), !failed.containsKey(entry.getKey()));
        }
        metrics.answer(ask.kind().operation, ComposedMetrics.outcome(asked.size(), failed.size()));
        if (ctx.response().closed()) {
            return; // the caller hung up meanwhile
        }
        if (refused != null) {
            Owners.relay(ctx, refused.answer);
            return;
        }
        if (!failed.isEmpty() && failed.size() == asked.size()) {
            long retryAfter = failed.values().stream().mapToLong(Owners::retryAfter).min().orElse(1);
            Problems.send(ctx, ProblemException.unavailable("The notices' services (" + labels(failed)
                    + ") are unavailable; try again shortly.", (int) Math.max(1, retryAfter)));
            return;
        }
        Map<NoticeOwner, OwnerPage> walked = new EnumMap<>(NoticeOwner.class);
        pages.forEach((owner, page) -> {
            if (!positions.get(owner).done()) {
                walked.put(owner, page);
            }
        });
        ListMerge.Result merged = ListMerge.merge(ask.limit(), positions, walked);
        JsonObject body = new JsonObject().put("items", new JsonArray(new ArrayList<>(merged.items())))
                .put("nextCursor", merged.nextCursor());
        if (ask.kind().counted) {
            body.put("unread", pages.values().stream().mapToLong(p -> p.unread() == null ? 0 : p.unread()).sum());
        }
        body.put("partial", new JsonArray(new ArrayList<>(failed.keySet().stream().map(NoticeOwner::label).toList())));
        ctx.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
    }

    /**
     * One owner's page from {@code at}: as many notices as it handed out of that page already plus
     * {@code limit}, so that {@code limit} fresh ones follow the skipped ones.
     */
    private Future<OwnerPage> fetch(NoticeOwner owner, Ask ask, ListPosition at, int limit, int hops) {
        QueryStringEncoder uri = new QueryStringEncoder(ask.kind().path);
        ask.filters().forEach(filter -> uri.addParam(filter.getKey(), filter.getValue()));
        uri.addParam("limit", String.valueOf(Math.min(at.skip() + limit, MAX_LIMIT)));
        if (at.cursor() != null) {
            uri.addParam("cursor", at.cursor());
        }
        return calls.call(owners.upstream(owner), HttpMethod.GET, uri.toString(), ask.headers(), null)
                .compose(answer -> {
                    if (answer.clientError()) {
                        return Future.failedFuture(new Owners.Refused(answer));
                    }
                    OwnerPage page;
                    try {
                        if (!answer.successful()) {
                            throw new IllegalStateException("status " + answer.status());
                        }
                        page = OwnerPage.parse(at, new JsonObject(answer.body()));
                    } catch (RuntimeException e) {
                        LOG.warnf("%s answered %s with no notice page: %s", owner.label(), ask.kind().path,
                                e.getMessage());
                        return Future.failedFuture(e);
                    }
                    if (page.fresh().isEmpty() && page.nextCursor() != null && hops < MAX_HOPS) {
                        return fetch(owner, ask, new ListPosition(page.nextCursor(), 0, false), limit, hops + 1);
                    }
                    return Future.succeededFuture(page);
                });
    }

    private static int limit(List<String> values, List<FieldError> errors) {
        if (values == null || values.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(values.get(0).trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
            errors.add(new FieldError("limit", "out-of-range", 1, MAX_LIMIT));
        } catch (NumberFormatException e) {
            errors.add(new FieldError("limit", "not-an-integer"));
        }
        return DEFAULT_LIMIT;
    }

    /** The cursor's positions (every owner at its start without one); null when it is not a cursor of this list. */
    private static Map<NoticeOwner, ListPosition> positions(List<String> values, List<FieldError> errors) {
        if (values == null || values.isEmpty()) {
            Map<NoticeOwner, ListPosition> start = new EnumMap<>(NoticeOwner.class);
            for (NoticeOwner owner : NoticeOwner.values()) {
                start.put(owner, ListPosition.START);
            }
            return start;
        }
        Map<NoticeOwner, ListPosition> positions = ListCursor.decode(values.get(0), MAX_LIMIT - 1).orElse(null);
        if (positions == null) {
            errors.add(new FieldError("cursor", "bad-cursor"));
        }
        return positions;
    }

    private static String labels(Map<NoticeOwner, ?> owners) {
        return String.join(", ", owners.keySet().stream().map(NoticeOwner::label).toList());
    }
}
