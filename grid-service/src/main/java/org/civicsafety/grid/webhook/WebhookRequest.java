package org.civicsafety.grid.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Body of POST /api/v1/webhooks. */
@Schema(name = "WebhookSubscriptionRequest", description = "A receiver for a partner's incident events")
public record WebhookRequest(
        @Schema(description = "The receiver: https (plain http only to allow-listed hosts); no loopback, private,"
                + " link-local or metadata address") @NotBlank @Size(max = 2000) String url,
        @Schema(description = "Event type prefixes, e.g. org.civicsafety.incident. for every incident event") @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) @Pattern(regexp = EVENT_TYPE, message = "{grid.event-type}") String> eventTypes,
        @Schema(nullable = true) @Size(max = 500) String description,
        @Schema(nullable = true, description = "Admins only: the partner the subscription is for (a partner"
                + " subscribes for itself)") @Size(max = 100) String partnerId) {

    /** A prefix of the platform's event types, e.g. {@code org.civicsafety.incident.} or a whole type. */
    static final String EVENT_TYPE = "org\\.civicsafety\\.[a-z0-9.-]*";
}
