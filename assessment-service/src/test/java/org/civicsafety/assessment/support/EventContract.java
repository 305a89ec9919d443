package org.civicsafety.assessment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A producer's AsyncAPI document as a validator (events.md, conventions.md "The API contract"): finds a record's
 * message by its {@code ce_type} and checks the Kafka headers and the data against the message's JSON Schemas
 * (AsyncAPI's default schema format, JSON Schema draft 7), and that the key is the {@code ce_subject}.
 * {@link #OWN} is this service's document; the consumer tests read the other services' examples through
 * {@link #of(Path)}.
 */
public final class EventContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** This service's document, src/main/resources/asyncapi.yaml. */
    public static final EventContract OWN = ownDocument();

    /** A message example: the topic it is published on, the Kafka headers and the data. */
    public record Example(String topic, String type, String name, Map<String, String> headers, JsonNode payload) {}

    private final String uri;
    private final JsonNode document;
    private final SchemaRegistry schemas;
    /** ce_type → the message's key under components.messages */
    private final Map<String, String> messages = new LinkedHashMap<>();

    private EventContract(String uri, String yaml) {
        this.uri = uri;
        try {
            document = YAML.readTree(yaml);
            String json = JSON.writeValueAsString(document);
            schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(Map.of(uri, json))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        document.path("components").path("messages").properties()
                .forEach(m -> messages.put(m.getValue().path("name").asText(), m.getKey()));
    }

    private static EventContract ownDocument() {
        try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            return new EventContract("https://civicsafety.org/contract/assessment-service/asyncapi.json",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another service's document, e.g. {@code ../grid-service/src/main/resources/asyncapi.yaml}. */
    public static EventContract of(Path file) {
        try {
            return new EventContract(file.toUri().toString().replaceAll("\\.ya?ml$", ".json"), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** The documented ce_types. */
    public Set<String> types() {
        return new TreeSet<>(messages.keySet());
    }

    /** The topics of its channels. */
    public Set<String> topics() {
        Set<String> out = new TreeSet<>();
        document.path("channels").forEach(c -> out.add(c.path("address").asText()));
        return out;
    }

    /** Every example of every message. */
    public List<Example> examples() {
        List<Example> out = new ArrayList<>();
        messages.forEach((type, key) -> document.path("components").path("messages").path(key).path("examples")
                .forEach(e -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    e.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
                    out.add(new Example(topic(key), type, e.path("name").asText(), headers, e.path("payload")));
                }));
        return out;
    }

    /** The address of the channel that lists the message (components.messages key). */
    private String topic(String message) {
        for (JsonNode channel : document.path("channels"))
            for (JsonNode m : channel.path("messages"))
                if (m.path("$ref").asText().equals("#/components/messages/" + message))
                    return channel.path("address").asText();
        throw new IllegalStateException("no channel lists the message " + message);
    }

    /** Validates a record of one of the document's topics and fails the test on any problem; other topics pass. */
    public void verify(ConsumerRecord<String, ?> r) {
        if (!topics().contains(r.topic()))
            return;
        List<String> problems = problems(r);
        if (!problems.isEmpty())
            throw new AssertionError("an event on " + r.topic() + " breaks the contract: " + problems);
    }

    /** Every way the record differs from the contract; empty when it keeps it. */
    public List<String> problems(ConsumerRecord<String, ?> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers())
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        Object value = r.value();
        String data = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
        List<String> problems = new ArrayList<>(problems(headers, data));
        if (r.key() == null || !r.key().equals(headers.get("ce_subject")))
            problems.add("the key " + r.key() + " is not the ce_subject " + headers.get("ce_subject"));
        return problems;
    }

    /** Every way an event (its headers and its data as JSON) differs from its message in the contract. */
    public List<String> problems(Map<String, String> headers, String data) {
        String type = headers.get("ce_type");
        String message = messages.get(type);
        if (message == null)
            return List.of("ce_type " + type + " is not documented (documented: " + types() + ")");
        ObjectNode headerObject = JSON.createObjectNode();
        headers.forEach(headerObject::put);
        List<String> problems = new ArrayList<>();
        validate(message, "headers", headerObject.toString(), problems);
        validate(message, "payload", data, problems);
        return problems;
    }

    private void validate(String message, String part, String json, List<String> problems) {
        schemas.getSchema(SchemaLocation.of(uri + "#/components/messages/" + message + "/" + part))
                .validate(json, InputFormat.JSON).forEach(e -> problems.add(part + " " + e));
    }
}
