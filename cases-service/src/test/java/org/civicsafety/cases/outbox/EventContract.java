package org.civicsafety.cases.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A producer's AsyncAPI document as a test oracle: finds a message by its {@code ce_type} and checks a record's Kafka
 * headers and JSON value against the message's {@code headers} and {@code payload} schemas (JSON Schema draft 7, the
 * base of AsyncAPI's schema format); hands out the messages' examples for consumer tests.
 */
public final class EventContract {

    /** One example of a message: its Kafka headers and its value. */
    public record Example(String name, Map<String, String> headers, JsonNode payload) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile EventContract cases;

    private final JsonNode document;
    private final String iri;
    private final SchemaRegistry registry;
    /** ce_type → the message's key under components.messages, for every message a channel carries. */
    private final Map<String, String> messages = new LinkedHashMap<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** {@code iri} names the document in messages; the schemas' $refs point into it. */
    private EventContract(String iri, String yaml) {
        try {
            document = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(iri + " is not YAML", e);
        }
        this.iri = iri;
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(Map.of(iri, yaml)));
        document.path("channels").forEach(channel -> channel.path("messages").forEach(ref -> {
            String key = ref.path("$ref").asText().replace("#/components/messages/", "");
            messages.put(document.at("/components/messages/" + key + "/name").asText(), key);
        }));
    }

    /** cases-service's own document, as the service serves it. */
    public static EventContract cases() {
        if (cases == null) {
            try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream(AsyncApiRoute.DOCUMENT)) {
                cases = new EventContract("https://civicsafety.org/contracts/cases-service/asyncapi.yaml",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    /** Another service's document, read from its source tree (e.g. the producer of a topic this service consumes). */
    public static EventContract of(Path file) {
        try {
            return new EventContract(file.toAbsolutePath().normalize().toUri().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every ce_type the document's channels carry. */
    public Set<String> types() {
        return new LinkedHashSet<>(messages.keySet());
    }

    /** Checks a record as a consumer receives it; an AssertionError names every difference from the contract. */
    public void validate(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        validate(headers, r.value());
    }

    public void validate(Map<String, String> headers, String value) {
        String type = headers.get("ce_type");
        String message = messages.get(type);
        if (message == null) {
            throw new AssertionError("ce_type " + type + " is not in the contract " + iri);
        }
        List<String> problems = new ArrayList<>();
        try {
            check(message, "headers", JSON.writeValueAsString(headers), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check(message, "payload", value, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(type + " does not follow " + iri + ": " + problems + "\nheaders " + headers
                    + "\nvalue " + value);
        }
    }

    private void check(String message, String part, String json, List<String> problems) {
        Schema schema = schemas.computeIfAbsent(message + "/" + part,
                k -> registry.getSchema(SchemaLocation.of(iri + "#/components/messages/" + k)));
        for (Error e : schema.validate(json, InputFormat.JSON)) {
            problems.add(part + ": " + e);
        }
    }

    /** The examples of the message with this ce_type. */
    public List<Example> examples(String type) {
        String message = messages.get(type);
        if (message == null) {
            throw new AssertionError("ce_type " + type + " is not in the contract " + iri);
        }
        List<Example> out = new ArrayList<>();
        document.at("/components/messages/" + message + "/examples").forEach(e -> {
            Map<String, String> headers = new LinkedHashMap<>();
            e.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            out.add(new Example(e.path("name").asText(), headers, e.path("payload")));
        });
        return out;
    }
}
