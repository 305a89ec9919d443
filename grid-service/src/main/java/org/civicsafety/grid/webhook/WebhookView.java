package org.civicsafety.grid.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A webhook subscription as its owner and admins see it; the secret only in the answer that made it. */
@Schema(name = "WebhookSubscription", description = "A partner's webhook subscription")
public record WebhookView(UUID id, String partnerId, String url, List<String> eventTypes,
        @Schema(nullable = true) String description,
        @Schema(description = "False once disabled after 24 h of failed deliveries") boolean active,
        OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime disabledAt,
        @Schema(nullable = true, description = "While both secrets sign after a rotation: until when the previous"
                + " one does") OffsetDateTime previousSecretValidUntil,
        @Schema(nullable = true, description = "The signing secret (whsec_...): only in the answers of create and"
                + " rotate-secret, never again") String secret) {

    static WebhookView of(WebhookSubscription s, String secret) {
        OffsetDateTime overlap = s.previousSecretUntil != null && s.previousSecretUntil.isAfter(OffsetDateTime.now())
                ? s.previousSecretUntil : null;
        return new WebhookView(s.id, s.partnerId, s.url, s.eventTypes, s.description, s.active, s.createdAt,
                s.disabledAt, overlap, secret);
    }
}
