package org.civicsafety.grid.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the event contract, {@code asyncapi.yaml} (AsyncAPI 3.0: the topics this service publishes and the JSON
 * Schema of every {@code ce_type}), at {@code GET /q/asyncapi}: YAML, or JSON with {@code ?format=json}. A Vert.x
 * route rather than a REST resource, so it stays out of the OpenAPI document, like the other /q endpoints.
 */
@ApplicationScoped
public class AsyncApiRoute {
    static final String PATH = "/q/asyncapi";
    static final String DOCUMENT = "asyncapi.yaml";

    void install(@Observes Router router) {
        String yaml = read();
        String json = toJson(yaml);
        router.get(PATH).handler(ctx -> {
            boolean asJson = "json".equals(ctx.request().getParam("format"));
            ctx.response().putHeader("Content-Type", asJson ? "application/json" : "application/yaml; charset=utf-8")
                    .end(asJson ? json : yaml);
        });
    }

    private static String read() {
        try (InputStream in = AsyncApiRoute.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the service's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(String yaml) {
        try {
            return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(DOCUMENT + " is not valid YAML", e);
        }
    }
}
