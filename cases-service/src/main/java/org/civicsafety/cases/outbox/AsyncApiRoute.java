package org.civicsafety.cases.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The event contract, {@code asyncapi.yaml} (AsyncAPI 3.0), at {@code GET /q/asyncapi}: YAML, or JSON with
 * {@code ?format=json}. A plain route beside the REST resources, so it stays out of the OpenAPI document. Read on
 * the first request, not at start-up. The same file in every producing service (the gateway's
 * ProblemCatalogueTest holds the copies equal).
 */
@ApplicationScoped
public class AsyncApiRoute {

    static final String PATH = "/q/asyncapi";
    static final String DOCUMENT = "asyncapi.yaml";

    private volatile Buffer yaml;
    private volatile Buffer json;

    void install(@Observes Router router) {
        router.get(PATH).blockingHandler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        if (json == null) {
            load();
        }
        boolean asJson = "json".equalsIgnoreCase(ctx.request().getParam("format"));
        ctx.response().putHeader("Content-Type", asJson ? "application/json;charset=UTF-8"
                : "application/yaml;charset=UTF-8").end(asJson ? json : yaml);
    }

    private synchronized void load() {
        if (json != null) {
            return;
        }
        try (InputStream in = AsyncApiRoute.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the service's resources");
            }
            byte[] read = in.readAllBytes();
            yaml = Buffer.buffer(read);
            json = Buffer.buffer(new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(read)));
        } catch (IOException e) {
            throw new UncheckedIOException("the event contract " + DOCUMENT + " cannot be read as YAML", e);
        }
    }
}
