package org.civicsafety.gateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notice paths of cases-service and grid-service as notice-design.md describes them, for the fake
 * upstreams: a caller's notices newest first (by seq) with each service's own opaque cursor, the read
 * mark, the preferences and the SSE stream with Last-Event-ID. Both cases instances share one service's
 * notices. Tests can make a service slow, refuse everything with a status, cap its page size (so the two
 * services page unevenly) and drop its open streams; it records what the gateway sent it.
 */
public final class FakeNotices {

    /** One owner of notices. */
    public static final class Service {

        private final String name;
        private final List<JsonObject> notices = new CopyOnWriteArrayList<>();
        private final AtomicLong seq = new AtomicLong();
        /** Advanced by each reset: a slow answer still pending from an earlier test is dropped, not recorded. */
        private final AtomicLong generation = new AtomicLong();
        private final List<HttpServerRequest> streams = new CopyOnWriteArrayList<>();
        /** The list requests' URIs as they arrived. */
        public final List<String> listUris = new CopyOnWriteArrayList<>();
        /** Each stream request's Last-Event-ID (empty string when it had none). */
        public final List<String> streamLastEventIds = new CopyOnWriteArrayList<>();
        /** The ids marked read through this service. */
        public final List<String> readMarks = new CopyOnWriteArrayList<>();
        /** The headers of the last request. */
        public volatile MultiMap lastHeaders;
        public volatile JsonObject preferences = new JsonObject().put("sms", true).put("email", true);
        /** The most notices it returns per page, whatever the limit asked. */
        public volatile int pageCap = 500;
        public volatile long delayMs;
        /** When set, every notice call is answered with this status (a problem document). */
        public volatile int failStatus;

        Service(String name) {
            this.name = name;
        }

        public String label() {
            return name + "-service";
        }

        public void reset() {
            generation.incrementAndGet();
            notices.clear();
            seq.set(0);
            streams.forEach(s -> s.connection().close());
            streams.clear();
            listUris.clear();
            streamLastEventIds.clear();
            readMarks.clear();
            preferences = new JsonObject().put("sms", true).put("email", true);
            pageCap = 500;
            delayMs = 0;
            failStatus = 0;
        }

        /** A new notice of the caller's at {@code createdAt}; cases writes offsets of +08:00, grid UTC. */
        public JsonObject add(Instant createdAt, boolean read) {
            long n = seq.incrementAndGet();
            String at = name.equals("cases")
                    ? createdAt.atOffset(ZoneOffset.ofHours(8)).toString()
                    : createdAt.atOffset(ZoneOffset.UTC).toString();
            JsonObject notice = new JsonObject().put("id", name + "-" + UUID.randomUUID()).put("service", label())
                    .put("type", name.equals("cases") ? "CASE_ACCEPTED" : "INCIDENT_RESOLVED")
                    .put("title", name + " notice " + n).put("body", "…").put("subjectType", "case")
                    .put("createdAt", at).put("read", read).put("seq", n);
            notices.add(notice);
            return notice;
        }

        /** Adds a notice and sends it to every open stream. */
        public JsonObject publish(Instant createdAt) {
            JsonObject notice = add(createdAt, false);
            streams.forEach(stream -> stream.response().write(event(notice)));
            return notice;
        }

        public int openStreams() {
            return streams.size();
        }

        /** Closes every open stream, as a restarted service would. */
        public void dropStreams() {
            streams.forEach(s -> s.connection().close());
            streams.clear();
        }

        public long lastSeq() {
            return seq.get();
        }

        /** cases writes its events as Quarkus does (no space, LF); grid with a space after the colon and CRLF. */
        private String event(JsonObject notice) {
            JsonObject data = notice.copy();
            data.remove("seq");
            return name.equals("cases")
                    ? "id:" + notice.getLong("seq") + "\nevent:notice\ndata:" + data.encode() + "\n\n"
                    : "id: " + notice.getLong("seq") + "\r\nevent: notice\r\ndata: " + data.encode() + "\r\n\r\n";
        }

        private String encodeCursor(long belowSeq) {
            // each service's cursor is its own business: the gateway must pass them on untouched
            String raw = name + ":" + belowSeq;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        private Long decodeCursor(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                return raw.startsWith(name + ":") ? Long.parseLong(raw.substring(name.length() + 1)) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    public static final Service cases = new Service("cases");
    public static final Service grid = new Service("grid");

    private static final Set<String> RECIPIENT_TYPES = Set.of("USER", "UNIT", "AREA", "PARTNER");

    private FakeNotices() {}

    public static void resetAll() {
        cases.reset();
        grid.reset();
    }

    static boolean handles(String path) {
        return path.startsWith("/api/v1/me/notice") || path.equals("/api/v1/notices");
    }

    static void handle(String instance, HttpServerRequest request) {
        Service service = instance.startsWith("cases") ? cases : grid;
        request.body().onSuccess(body -> {
            service.lastHeaders = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            Runnable answer = () -> answer(service, request, body.toString());
            if (service.delayMs > 0) {
                long generation = service.generation.get();
                Vertx.currentContext().owner().setTimer(service.delayMs, id -> {
                    if (service.generation.get() == generation) {
                        answer.run();
                    } else {
                        request.connection().close();
                    }
                });
            } else {
                answer.run();
            }
        });
    }

    private static void answer(Service service, HttpServerRequest request, String body) {
        HttpServerResponse response = request.response();
        String path = request.path();
        if (service.failStatus > 0) {
            problem(response, service.failStatus, service.label() + " refuses");
            return;
        }
        if (path.equals("/api/v1/me/notices/stream")) {
            stream(service, request);
        } else if (path.equals("/api/v1/me/notices") || path.equals("/api/v1/notices")) {
            list(service, request, path.equals("/api/v1/me/notices"));
        } else if (path.startsWith("/api/v1/me/notices/") && path.endsWith("/read")
                && request.method() == HttpMethod.POST) {
            String id = path.substring("/api/v1/me/notices/".length(), path.length() - "/read".length());
            boolean mine = service.notices.stream().anyMatch(n -> n.getString("id").equals(id));
            if (!mine) {
                problem(response, 404, "no notice " + id);
                return;
            }
            service.readMarks.add(id);
            service.notices.stream().filter(n -> n.getString("id").equals(id)).forEach(n -> n.put("read", true));
            response.setStatusCode(204).end();
        } else if (path.equals("/api/v1/me/notice-preferences")) {
            if (request.method() == HttpMethod.PUT) {
                service.preferences = new JsonObject(body);
            }
            response.putHeader("Content-Type", "application/json")
                    .end(service.preferences.copy().put("answeredBy", service.label()).encode());
        } else {
            problem(response, 404, "no resource " + path);
        }
    }

    private static void list(Service service, HttpServerRequest request, boolean inbox) {
        service.listUris.add(request.uri());
        HttpServerResponse response = request.response();
        String recipientType = request.getParam("recipientType");
        if (recipientType != null && !RECIPIENT_TYPES.contains(recipientType)) {
            problem(response, 400, "recipientType must be one of " + RECIPIENT_TYPES);
            return;
        }
        int limit;
        try {
            limit = Integer.parseInt(request.getParam("limit", "50"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 500) {
            problem(response, 400, "limit must be between 1 and 500");
            return;
        }
        Long below = request.getParam("cursor") == null ? Long.valueOf(Long.MAX_VALUE)
                : service.decodeCursor(request.getParam("cursor"));
        if (below == null) {
            problem(response, 400, "not a cursor of " + service.label());
            return;
        }
        boolean unreadOnly = "true".equals(request.getParam("unread"));
        List<JsonObject> visible = new ArrayList<>(service.notices.stream()
                .filter(n -> !unreadOnly || !n.getBoolean("read"))
                .sorted(Comparator.comparing((JsonObject n) -> n.getLong("seq")).reversed()).toList());
        List<JsonObject> after = visible.stream().filter(n -> n.getLong("seq") < below).toList();
        int size = Math.min(Math.min(limit, service.pageCap), after.size());
        JsonArray items = new JsonArray();
        after.subList(0, size).forEach(n -> {
            JsonObject item = n.copy();
            item.remove("seq");
            if (!inbox) {
                item.put("recipientType", "USER").put("recipient", "someone").put("deliveries", new JsonArray());
            }
            items.add(item);
        });
        String next = size < after.size() ? service.encodeCursor(after.get(size - 1).getLong("seq")) : null;
        JsonObject page = new JsonObject().put("items", items).put("nextCursor", next);
        if (inbox) {
            page.put("unread", service.notices.stream().filter(n -> !n.getBoolean("read")).count());
        }
        response.putHeader("Content-Type", "application/json").end(page.encode());
    }

    private static void stream(Service service, HttpServerRequest request) {
        String lastEventId = request.getHeader("Last-Event-ID");
        service.streamLastEventIds.add(lastEventId == null ? "" : lastEventId);
        HttpServerResponse response = request.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        response.write(": hello\n\n");
        if (lastEventId != null) {
            long from = Long.parseLong(lastEventId);
            service.notices.stream().filter(n -> n.getLong("seq") > from)
                    .sorted(Comparator.comparing(n -> n.getLong("seq")))
                    .forEach(n -> response.write(service.event(n)));
        }
        service.streams.add(request);
        response.closeHandler(v -> service.streams.remove(request));
    }

    private static void problem(HttpServerResponse response, int status, String detail) {
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject(Map.of("type", "https://civicsafety.org/problems/x", "title", "x", "status", status,
                        "detail", detail)).encode());
    }

    /** Ids of notices in the order the merged list must give them: createdAt desc, then id. */
    public static List<String> mergedOrder() {
        List<JsonObject> all = new ArrayList<>(cases.notices);
        all.addAll(grid.notices);
        return all.stream()
                .sorted(Comparator.comparing((JsonObject n) -> java.time.OffsetDateTime.parse(n.getString("createdAt"))
                        .toInstant()).reversed().thenComparing(n -> n.getString("id")))
                .map(n -> n.getString("id")).toList();
    }

}
