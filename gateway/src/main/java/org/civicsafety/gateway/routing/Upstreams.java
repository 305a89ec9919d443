package org.civicsafety.gateway.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.VertxInternal;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured upstream services, built once from configuration. */
@Singleton
public class Upstreams {

    private final Map<String, Upstream> byName = new LinkedHashMap<>();

    @Inject
    public Upstreams(Vertx vertx, GatewayConfig config, MeterRegistry registry) {
        add(vertx, config, RouteTable.CASES, config.cases());
        add(vertx, config, RouteTable.GRID, config.grid());
        add(vertx, config, RouteTable.ASSESSMENT, config.assessment());
        // 1 while an instance's breaker is open: the dashboard shows which service is cut off
        for (Upstream upstream : byName.values()) {
            for (Upstream.Instance instance : upstream.instances()) {
                Gauge.builder("gateway_upstream_breaker_open", instance,
                        i -> i.breaker().state() == CircuitBreaker.State.OPEN ? 1 : 0)
                        .tag("upstream", upstream.name())
                        .tag("instance", instance.base().toString())
                        .register(registry);
            }
        }
    }

    private void add(Vertx vertx, GatewayConfig config, String name, GatewayConfig.Upstream upstream) {
        int eventLoops = 0;
        for (var ignored : ((VertxInternal) vertx).getEventLoopGroup()) {
            eventLoops++;
        }
        List<Upstream.Instance> instances = new ArrayList<>();
        for (URI url : upstream.urls()) {
            HttpClientOptions options = new HttpClientOptions()
                    .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                    .setMaxPoolSize(upstream.poolSize())
                    .setKeepAlive(true)
                    // a connection silent this long (no bytes either way) is dropped: stuck uploads/downloads end
                    .setIdleTimeout(60)
                    .setSsl("https".equalsIgnoreCase(url.getScheme()));
            HttpClient freshClient = vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(false));
            instances.add(new Upstream.Instance(url, new Upstream.Pools(vertx, options, eventLoops), freshClient,
                    new CircuitBreaker(config.breaker().failureThreshold(), config.breaker().openDuration(),
                            config.breaker().refusedOpenDuration(), System::nanoTime)));
        }
        byName.put(name, new Upstream(name, instances, upstream.timeout(), upstream.connectTimeout()));
    }

    public Upstream get(String name) {
        return byName.get(name);
    }

    public Collection<Upstream> all() {
        return byName.values();
    }
}
