package org.civicsafety.assessment.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the event contract, {@code asyncapi.yaml}, at {@code GET /q/asyncapi} (YAML; {@code ?format=json} gives
 * JSON), as {@code /q/openapi} serves the HTTP one. A Vert.x route, so it stays out of the OpenAPI document.
 */
@Singleton
public class AsyncApiRoute {
    static final String PATH = "/q/asyncapi";
    private static final String DOCUMENT = "asyncapi.yaml";

    private String yaml;
    private String json;

    void install(@Observes Router router) {
        try (InputStream in = AsyncApiRoute.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null)
                throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            json = new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        router.get(PATH).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        boolean asJson = "json".equalsIgnoreCase(ctx.request().getParam("format"));
        ctx.response()
                .putHeader("Content-Type", asJson ? "application/json;charset=UTF-8" : "application/yaml;charset=UTF-8")
                .end(asJson ? json : yaml);
    }
}
