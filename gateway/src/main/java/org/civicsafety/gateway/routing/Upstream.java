package org.civicsafety.gateway.routing;

import io.vertx.core.http.HttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One upstream service: its instances (each with its own connection pool and breaker), balanced round robin. */
public final class Upstream {

    /**
     * One instance of a service: {@code client} pools keep-alive connections; {@code freshClient}
     * opens a new connection per request, for the rare retry after a pooled one turned out closed.
     */
    public record Instance(URI base, HttpClient client, HttpClient freshClient, CircuitBreaker breaker) {

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
    private final AtomicInteger next = new AtomicInteger();

    public Upstream(String name, List<Instance> instances, Duration timeout) {
        this.name = name;
        this.instances = List.copyOf(instances);
        this.timeout = timeout;
    }

    public String name() {
        return name;
    }

    public Duration timeout() {
        return timeout;
    }

    public List<Instance> instances() {
        return instances;
    }

    /** All instances, starting with the next one in round-robin order. */
    public List<Instance> roundRobinOrder() {
        int size = instances.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        List<Instance> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(instances.get((start + i) % size));
        }
        return order;
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
