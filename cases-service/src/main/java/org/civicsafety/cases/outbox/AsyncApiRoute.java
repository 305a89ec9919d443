package org.civicsafety.cases.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The event contract, {@code asyncapi.yaml} (AsyncAPI 3.0), at {@code GET /q/asyncapi}: YAML, or JSON with
 * {@code ?format=json}. A plain route beside the REST resources, so it stays out of the OpenAPI document.
 */
@ApplicationScoped
public class AsyncApiRoute {

    static final String PATH = "/q/asyncapi";
    static final String DOCUMENT = "asyncapi.yaml";

    void install(@Observes Router router) {
        Buffer yaml = Buffer.buffer(read());
        Buffer json;
        try {
            json = Buffer.buffer(new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml.getBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException("the event contract " + DOCUMENT + " is not YAML", e);
        }
        router.get(PATH).handler(ctx -> {
            boolean asJson = "json".equalsIgnoreCase(ctx.request().getParam("format"));
            ctx.response().putHeader("Content-Type", asJson ? "application/json;charset=UTF-8"
                    : "application/yaml;charset=UTF-8").end(asJson ? json : yaml);
        });
    }

    private static byte[] read() {
        try (InputStream in = AsyncApiRoute.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the service's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
    }
}
