package org.civicsafety.gateway.routing;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.ContextInternal;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One upstream service: its instances (each with its own connection pool and breaker), balanced round robin. */
public final class Upstream {

    /**
     * Keep-alive connections to one instance, one pool per event loop. A request's upstream
     * connection then lives on the event loop of the client's connection, so the request is
     * written and the response read on the thread that already runs the exchange. One pool shared
     * by all event loops hands a connection opened on one loop to requests arriving on another:
     * every write to it, and every response event back, then crosses threads (a task queued on the
     * other loop and a wake-up of its selector, several times per request). The instance's
     * connections ({@code poolSize}) are split between the loops; a caller off the event loops
     * (none on the request path) gets a pool of its own.
     */
    public static final class Pools {

        private final Vertx vertx;
        private final HttpClientOptions perLoop;
        private final ConcurrentHashMap<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();
        private volatile HttpClient offLoop;

        public Pools(Vertx vertx, HttpClientOptions options, int eventLoops) {
            this.vertx = vertx;
            int perLoopSize = Math.max(1, (options.getMaxPoolSize() + eventLoops - 1) / Math.max(1, eventLoops));
            this.perLoop = new HttpClientOptions(options).setMaxPoolSize(perLoopSize);
        }

        /** The pool of the calling event loop. */
        public HttpClient current() {
            if (Vertx.currentContext() instanceof ContextInternal context && context.isEventLoopContext()) {
                EventLoop loop = context.nettyEventLoop();
                HttpClient client = byLoop.get(loop);
                return client != null ? client : byLoop.computeIfAbsent(loop, l -> vertx.createHttpClient(perLoop));
            }
            HttpClient client = offLoop;
            if (client == null) {
                synchronized (this) {
                    if (offLoop == null) {
                        offLoop = vertx.createHttpClient(perLoop);
                    }
                    client = offLoop;
                }
            }
            return client;
        }
    }

    /**
     * One instance of a service: {@code pools} keep-alive connections (see {@link Pools});
     * {@code freshClient} opens a new connection per request, for the rare retry after a pooled one
     * turned out closed.
     */
    public record Instance(URI base, Pools pools, HttpClient freshClient, CircuitBreaker breaker) {

        /** The keep-alive pool for a request on the calling event loop. */
        public HttpClient client() {
            return pools.current();
        }

        public String host() {
            return base.getHost();
        }

        public int port() {
            if (base.getPort() > 0) {
                return base.getPort();
            }
            return isSsl() ? 443 : 80;
        }

        public boolean isSsl() {
            return "https".equalsIgnoreCase(base.getScheme());
        }

        /**
         * No connection to the instance could be opened. Refused (nothing listens there: stopped, or still
         * starting) opens its breaker for the short refused period; a connect that timed out is a
         * ConnectException too, but says nothing of a listener, and counts as any other failure.
         */
        public void connectFailed(Throwable cause) {
            if (cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)) {
                breaker.onRefused();
            } else {
                breaker.onFailure();
            }
        }

        /** The path prefix of the base URL ("" for the usual http://host:port). */
        public String basePath() {
            String path = base.getRawPath();
            if (path == null || path.equals("/")) {
                return "";
            }
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }

    private final String name;
    private final List<Instance> instances;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final AtomicInteger next = new AtomicInteger();

    public Upstream(String name, List<Instance> instances, Duration timeout, Duration connectTimeout) {
        this.name = name;
        this.instances = List.copyOf(instances);
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
    }

    public String name() {
        return name;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public List<Instance> instances() {
        return instances;
    }

    /** All instances, starting with the next one in round-robin order. */
    public List<Instance> roundRobinOrder() {
        int size = instances.size();
        if (size == 1) {
            return instances;
        }
        int start = Math.floorMod(next.getAndIncrement(), size);
        List<Instance> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(instances.get((start + i) % size));
        }
        return order;
    }

    /**
     * The next of {@code candidates} whose breaker lets a request through, or null when none does. The
     * caller reports the request's outcome to that instance's breaker.
     */
    public static Instance nextAdmitted(Iterator<Instance> candidates) {
        while (candidates.hasNext()) {
            Instance candidate = candidates.next();
            if (candidate.breaker().tryAcquire()) {
                return candidate;
            }
        }
        return null;
    }

    /** Seconds until some instance will take a probe again, for Retry-After. */
    public long retryAfterSeconds() {
        long min = Long.MAX_VALUE;
        for (Instance instance : instances) {
            min = Math.min(min, instance.breaker().secondsUntilProbe());
        }
        return min == Long.MAX_VALUE ? 1 : min;
    }
}
