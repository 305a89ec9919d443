package org.civicsafety.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay to the test Redis on a port of its own, which a test can cut (nothing listens, open
 * connections are dropped: Redis is "down" for whoever uses this port) and open again — the only
 * way to take Redis away from one client without stopping the Redis everyone else uses.
 */
public final class RedisRelay {

    /** The Redis the tests use: the platform's, as the gateway's own default. */
    public static final String REDIS_URL = System.getenv().getOrDefault("CIVIC_GATEWAY_REDIS_URL",
            "redis://127.0.0.1:16379");

    private final Vertx vertx;
    private final NetClient client;
    private final int port = freePort();
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private NetServer server;

    public RedisRelay(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createNetClient();
    }

    /** A loopback port nothing listens on (until this relay opens). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void open() {
        java.net.URI target = java.net.URI.create(REDIS_URL);
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(port).setReuseAddress(true))
                .connectHandler(in -> {
                    in.pause();
                    track(in);
                    client.connect(target.getPort(), target.getHost())
                            .onSuccess(out -> {
                                track(out);
                                in.pipeTo(out);
                                out.pipeTo(in);
                            })
                            .onFailure(e -> in.close());
                });
        await(server.listen().mapEmpty());
    }

    public synchronized void cut() {
        await(server.close());
        sockets.forEach(NetSocket::close);
    }

    private void track(NetSocket socket) {
        sockets.add(socket);
        socket.closeHandler(v -> sockets.remove(socket));
    }

    private static void await(io.vertx.core.Future<Void> future) {
        future.toCompletionStage().toCompletableFuture().join();
    }
}
