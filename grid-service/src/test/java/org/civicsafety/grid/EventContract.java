package org.civicsafety.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The event contract, {@code asyncapi.yaml}, as a test oracle: {@link #validate} checks a record read from Kafka —
 * its headers and its value — against the JSON Schemas of the message whose {@code name} is the record's
 * {@code ce_type}. {@link TopicProbe} runs it on every event a test reads, so every event the tests see is one the
 * document describes.
 */
public final class EventContract {
    /** The document's address for the schema registry; $refs inside it resolve against it. */
    private static final String IRI = "https://civicsafety.org/grid-service/asyncapi.json";
    private static final JsonNode DOCUMENT = load();
    /** ce_type → the message's key under components.messages */
    private static final Map<String, String> MESSAGES = messages();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    .schemas(Map.of(IRI, DOCUMENT.toString())));

    private EventContract() {}

    /** The parsed document (YAML read into a JSON tree). */
    public static JsonNode document() {
        return DOCUMENT;
    }

    /** Every {@code ce_type} the document lists. */
    public static Set<String> types() {
        return new TreeSet<>(MESSAGES.keySet());
    }

    /** Fails unless the record's type is documented and its headers, key and value match the message's schemas. */
    public static void validate(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new TreeMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        String type = headers.get("ce_type");
        String message = MESSAGES.get(type);
        if (message == null) {
            throw new AssertionError("ce_type " + type + " of the record at " + record.topic() + "/"
                    + record.partition() + "@" + record.offset() + " is not in asyncapi.yaml");
        }
        String channel = channelOf(message);
        if (!record.topic().equals(channel)) {
            throw new AssertionError(type + " was written to " + record.topic() + ", asyncapi.yaml puts it on "
                    + channel);
        }
        if (!headers.containsKey("ce_subject") || !headers.get("ce_subject").equals(record.key())) {
            throw new AssertionError(type + ": the Kafka key " + record.key() + " is not ce_subject "
                    + headers.get("ce_subject"));
        }
        ObjectNode headerNode = new ObjectMapper().createObjectNode();
        headers.forEach(headerNode::put);
        check(type, "headers", message, headerNode.toString());
        check(type, "payload", message, record.value());
    }

    /** Checks {@code json} against components.messages.{message}.{part}; the errors name the fields. */
    public static List<String> errors(String message, String part, String json) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(IRI + "#/components/messages/" + message + "/" + part));
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static void check(String type, String part, String message, String json) {
        List<String> errors = errors(message, part, json);
        if (!errors.isEmpty()) {
            throw new AssertionError(type + " " + part + " do not match asyncapi.yaml: " + errors + " in " + json);
        }
    }

    /** The topic of the channel that lists the message. */
    private static String channelOf(String message) {
        String ref = "#/components/messages/" + message;
        for (JsonNode channel : DOCUMENT.path("channels")) {
            for (JsonNode m : channel.path("messages")) {
                if (ref.equals(m.path("$ref").asText())) {
                    return channel.path("address").asText();
                }
            }
        }
        throw new AssertionError("no channel of asyncapi.yaml lists " + message);
    }

    private static Map<String, String> messages() {
        Map<String, String> byType = new TreeMap<>();
        DOCUMENT.path("components").path("messages").properties()
                .forEach(e -> byType.put(e.getValue().path("name").asText(), e.getKey()));
        return byType;
    }

    private static JsonNode load() {
        try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
