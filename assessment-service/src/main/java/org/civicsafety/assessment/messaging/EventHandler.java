package org.civicsafety.assessment.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;

import java.util.List;

/** Applies consumed CloudEvents inside the consumer's database transaction. */
public interface EventHandler {
    /** True when this handler understands the ce_type; other types are ignored. */
    boolean handles(String type);

    void apply(CloudEvent event, JsonNode data);

    /**
     * Applies a run of fresh events of one partition, in offset order, inside the batch's transaction.
     * Handlers that can work on sets (e.g. the hierarchy) override this to save round trips.
     */
    default void applyAll(List<Consumed> events) {
        for (Consumed e : events)
            apply(e.event(), e.data());
    }

    record Consumed(CloudEvent event, JsonNode data) {}
}
