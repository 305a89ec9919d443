package org.civicsafety.gateway.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;
import org.civicsafety.gateway.problem.ProblemType;
import org.civicsafety.gateway.problem.Problems;
import org.civicsafety.gateway.routing.Upstream;
import org.civicsafety.gateway.routing.Upstreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the merged OpenAPI document at /q/openapi (YAML; JSON with ?format=json). It is built at
 * start-up from the services' own /q/openapi documents, rebuilt every refresh interval, and
 * retried every few seconds while a service's document is missing (so a service that comes
 * back shows up by itself). The last good document of a service is kept while it is down.
 */
@ApplicationScoped
public class OpenApiService {

    private static final Logger LOG = Logger.getLogger(OpenApiService.class);
    static final String GATEWAY_DOCUMENT = "/q/openapi-gateway?format=json";
    private static final long MISSING_RETRY_MILLIS = 5000;

    @Inject Vertx vertx;

    @Inject Upstreams upstreams;

    @Inject GatewayConfig config;

    @Inject ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.port") int httpPort;

    @ConfigProperty(name = "quarkus.http.host") String httpHost;

    @ConfigProperty(name = "quarkus.smallrye-openapi.info-title") String title;

    @ConfigProperty(name = "quarkus.smallrye-openapi.info-version") String version;

    private final Map<String, ObjectNode> lastGood = new ConcurrentHashMap<>();
    private volatile ObjectNode merged;
    private volatile int selfPort;
    private HttpClient selfClient;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a string such as info.version "1.0" must stay a string, not become the number 1.0
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    void install(@Observes Router router) {
        selfClient = vertx.createHttpClient();
        router.get("/q/openapi").handler(this::serve);
    }

    void start(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.TEST) {
            selfPort = httpPort;
        }
        vertx.setTimer(1000, id -> refreshLoop());
    }

    private void refreshLoop() {
        Future<Boolean> round = selfPort > 0 ? refresh() : Future.succeededFuture(false);
        round.onComplete(ar -> {
            boolean complete = ar.succeeded() && ar.result();
            long next = complete ? config.openapi().refreshInterval().toMillis() : MISSING_RETRY_MILLIS;
            vertx.setTimer(next, id -> refreshLoop());
        });
    }

    void serve(RoutingContext ctx) {
        if (selfPort <= 0) {
            selfPort = ctx.request().localAddress().port();
        }
        Future<?> ready = merged == null ? refresh() : Future.succeededFuture();
        ready.onComplete(ar -> {
            ObjectNode document = merged;
            if (document == null) {
                ctx.response().putHeader("Retry-After", "5");
                Problems.send(ctx, ProblemType.UNAVAILABLE, "The API document is being built.");
                return;
            }
            String format = ctx.request().getParam("format");
            String accept = ctx.request().getHeader("Accept");
            boolean asJson = "json".equalsIgnoreCase(format)
                    || (format == null && accept != null && accept.contains("application/json"));
            try {
                if (asJson) {
                    ctx.response().putHeader("Content-Type", "application/json;charset=UTF-8")
                            .end(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
                } else {
                    ctx.response().putHeader("Content-Type", "application/yaml;charset=UTF-8")
                            .end(yaml.writeValueAsString(document));
                }
            } catch (Exception e) {
                ctx.fail(e);
            }
        });
    }

    /** Fetches every document and rebuilds; true when every service's document was fetched now. */
    Future<Boolean> refresh() {
        List<Future<ObjectNode>> fetches = new ArrayList<>();
        List<Upstream> all = new ArrayList<>(upstreams.all());
        for (Upstream upstream : all) {
            fetches.add(fetchFromUpstream(upstream));
        }
        Future<ObjectNode> own = fetch(selfClient, httpHost, selfPort, false, GATEWAY_DOCUMENT);
        List<Future<?>> everything = new ArrayList<>(fetches);
        everything.add(own);
        return Future.join(everything).transform(ignored -> {
            boolean complete = true;
            for (int i = 0; i < all.size(); i++) {
                Future<ObjectNode> f = fetches.get(i);
                if (f.succeeded()) {
                    lastGood.put(all.get(i).name(), f.result());
                } else {
                    complete = false;
                    LOG.debugf("OpenAPI document of %s not available: %s", all.get(i).name(), f.cause().getMessage());
                }
            }
            if (own.failed()) {
                LOG.debugf("the gateway's own OpenAPI document is not available: %s", own.cause().getMessage());
                return Future.succeededFuture(false);
            }
            List<OpenApiMerger.Source> sources = new ArrayList<>();
            for (Upstream upstream : all) {
                ObjectNode doc = lastGood.get(upstream.name());
                if (doc != null) {
                    sources.add(new OpenApiMerger.Source(upstream.name(), doc));
                }
            }
            merged = OpenApiMerger.merge(own.result(), sources, title, version);
            LOG.debugf("OpenAPI document rebuilt from %d of %d services", sources.size(), all.size());
            return Future.succeededFuture(complete);
        });
    }

    private Future<ObjectNode> fetchFromUpstream(Upstream upstream) {
        Future<ObjectNode> attempt = Future.failedFuture("no instance");
        for (Upstream.Instance instance : upstream.roundRobinOrder()) {
            attempt = attempt.recover(e -> fetch(instance.client(), instance.host(), instance.port(), instance.isSsl(),
                    instance.basePath() + "/q/openapi?format=json"));
        }
        return attempt;
    }

    private Future<ObjectNode> fetch(HttpClient client, String host, int port, boolean ssl, String uri) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setSsl(ssl)
                .setURI(uri).setIdleTimeout(5000).putHeader("Accept", "application/json");
        return client.request(options)
                .compose(HttpClientRequest::send)
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .compose(this::parse);
    }

    private Future<ObjectNode> parse(Buffer body) {
        try {
            return Future.succeededFuture((ObjectNode) json.readTree(body.getBytes()));
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }
}
