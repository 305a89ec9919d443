package org.civicsafety.grid.common;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a consumer adds when it parks a record in {@code <topic>.dlq} (events.md): the names
 * SmallRye Reactive Messaging's dead-letter strategy uses, so its tooling and ours read the same DLQ,
 * plus the consumer group (several services consume one topic and share its DLQ) and the attempts.
 * Every service writes exactly these names.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String CONSUMER_GROUP = "dead-letter-consumer-group";
    public static final String ATTEMPTS = "dead-letter-attempts";

    /** Long messages (e.g. a whole JSON parser excerpt) would bloat every DLQ record. */
    private static final int MAX_TEXT = 500;

    private DeadLetterHeaders() {}

    /** Adds the dead-letter headers for {@code source}; the cause, as in SmallRye, only when the failure has one. */
    public static void add(Headers headers, ConsumerRecord<?, ?> source, Throwable failure, int attempts,
            String group) {
        put(headers, REASON, describe(failure));
        if (failure != null && failure.getCause() != null && failure.getCause() != failure) {
            put(headers, CAUSE, describe(rootCause(failure)));
        }
        put(headers, TOPIC, source.topic());
        put(headers, PARTITION, Integer.toString(source.partition()));
        put(headers, OFFSET, Long.toString(source.offset()));
        put(headers, CONSUMER_GROUP, group);
        put(headers, ATTEMPTS, Integer.toString(attempts));
    }

    /** "SimpleClassName: first line of the message", at most {@value #MAX_TEXT} characters; as the reason header reads. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        String text = t.getClass().getSimpleName() + ": " + message;
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
