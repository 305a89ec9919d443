package org.civicsafety.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A small real HTTP server standing in for a service behind the gateway: it echoes what it
 * received, streams uploads through a digest, answers slowly on request, and can be stopped and
 * started again on the same port.
 */
public final class FakeUpstream {

    private final Vertx vertx;
    private final String name;
    private final Function<String, JsonObject> openApi;
    private volatile int port;
    private volatile HttpServer server;

    /** Paths of the requests asked to answer slowly ({@code delayMs}), recorded as they arrive. */
    public static final Set<String> delayedArrivals = ConcurrentHashMap.newKeySet();

    /**
     * Holds the end of a CSV export (a GET asking for text/csv) after its first megabyte until completed: a gateway
     * that buffered answers whole would show the client nothing before (tests reset it before exporting).
     */
    public static volatile CompletableFuture<Void> csvRest = new CompletableFuture<>();

    /** Completed when an upload's first bytes arrive (tests reset it before uploading). */
    public static volatile CompletableFuture<Long> firstUploadBytes = new CompletableFuture<>();

    public FakeUpstream(Vertx vertx, String name, Function<String, JsonObject> openApi) {
        this.vertx = vertx;
        this.name = name;
        this.openApi = openApi;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        // request lines as long as the gateway accepts (the services are configured the same)
        HttpServer created = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(16384))
                .requestHandler(this::handle);
        try {
            server = created.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10,
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start fake upstream " + name, e);
        }
        port = server.actualPort();
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server = null;
    }

    /** Connections that have carried a request already. */
    private final Set<HttpConnection> usedConnections = ConcurrentHashMap.newKeySet();

    private void handle(HttpServerRequest request) {
        String path = request.path();
        HttpConnection connection = request.connection();
        boolean reused = !usedConnections.add(connection);
        if (!reused) {
            connection.closeHandler(v -> usedConnections.remove(connection));
        }
        if (path.endsWith("/fresh-connections-only") && reused) {
            // like a service whose idle timeout closes a keep-alive connection just as the gateway reuses it
            // (the socket itself: HttpConnection.close() would wait for this request to be answered)
            ((ConnectionBase) connection).channel().close();
            return;
        }
        if (path.equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApi.apply(name).encode());
            return;
        }
        if (FakeNotices.handles(path)) {
            FakeNotices.handle(name, request);
            return;
        }
        if (path.endsWith("/upload") || path.equals("/api/v1/areas/import")) {
            upload(request);
            return;
        }
        if (path.endsWith("/download")) {
            download(request);
            return;
        }
        if (String.valueOf(request.getHeader("Accept")).startsWith("text/csv")) {
            csv(request);
            return;
        }
        request.body().onSuccess(body -> {
            long delay = request.getParam("delayMs") == null ? 0 : Long.parseLong(request.getParam("delayMs"));
            JsonObject headers = new JsonObject();
            request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
            JsonObject echo = new JsonObject()
                    .put("instance", name)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("body", body.toString());
            Runnable reply = () -> request.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Upstream", name)
                    .putHeader("Keep-Alive", "timeout=5")
                    .end(echo.encode());
            if (delay > 0) {
                delayedArrivals.add(path);
                vertx.setTimer(delay, id -> reply.run());
            } else {
                reply.run();
            }
        });
    }

    private void upload(HttpServerRequest request) {
        MessageDigest digest = sha256();
        long[] bytes = {0};
        request.handler(chunk -> {
            if (bytes[0] == 0) {
                firstUploadBytes.complete((long) chunk.length());
            }
            bytes[0] += chunk.length();
            digest.update(chunk.getBytes());
        });
        request.endHandler(v -> request.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("bytes", bytes[0]).put("sha256", HexFormat.of().formatHex(digest.digest()))
                        .encode()));
    }

    /**
     * A CSV export as the services write it (BOM, header, {@code rows} rows of 100 bytes, chunked): the first
     * megabyte at once, the rest when {@link #csvRest} is completed.
     */
    private void csv(HttpServerRequest request) {
        int rows = Integer.parseInt(request.getParam("rows"));
        request.response().setChunked(true).putHeader("Content-Type", "text/csv; charset=UTF-8")
                .putHeader("Content-Disposition", "attachment; filename=\"cases-20261205.csv\"");
        request.response().write(Buffer.buffer(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).appendString(
                "id,title\r\n"));
        String row = "x".repeat(91) + ",标题\r\n"; // 100 bytes in UTF-8
        int[] written = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (written[0] < rows && !request.response().writeQueueFull()
                    && (written[0] < 10_000 || csvRest.isDone())) {
                request.response().write(row);
                written[0]++;
            }
            if (written[0] >= rows) {
                request.response().end();
            } else if (written[0] >= 10_000 && !csvRest.isDone()) {
                csvRest.thenRun(() -> vertx.runOnContext(v -> pump[0].run()));
            } else {
                request.response().drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    /** Streams {@code bytes} bytes of a repeating pattern, chunked. */
    private void download(HttpServerRequest request) {
        long total = Long.parseLong(request.getParam("bytes"));
        request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        long[] sent = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (sent[0] < total && !request.response().writeQueueFull()) {
                int n = (int) Math.min(chunk.length(), total - sent[0]);
                request.response().write(n == chunk.length() ? chunk : chunk.getBuffer(0, n));
                sent[0] += n;
            }
            if (sent[0] >= total) {
                request.response().end();
            } else {
                request.response().drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
