package org.civicsafety.assessment.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;

/** Applies one consumed CloudEvent inside the consumer's database transaction. */
public interface EventHandler {
    /** True when this handler understands the ce_type; other types are ignored. */
    boolean handles(String type);

    void apply(CloudEvent event, JsonNode data);
}
