package org.civicsafety.grid.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One delivery of an event to a partner's webhook receiver, with every attempt. */
@Schema(name = "WebhookDelivery", description = "A delivery of one event to a webhook receiver and its attempts")
public record EventDeliveryView(UUID id,
        @Schema(description = "The CloudEvent's id (webhook-id): the Kafka event's, the same on every retry and"
                + " redelivery") UUID eventId,
        String eventType, @Schema(description = "The receiver's host") String address, DeliveryStatus status,
        int attemptCount, @Schema(nullable = true) String lastError, OffsetDateTime createdAt,
        @Schema(nullable = true) OffsetDateTime sentAt,
        @Schema(nullable = true, description = "When it is tried next") OffsetDateTime nextAttemptAt,
        List<DeliveryView.Attempt> attempts) {

    static EventDeliveryView of(NoticeRepository.EventDeliveryRow row, List<NoticeRepository.AttemptRow> attempts) {
        NoticeRepository.DeliveryRow d = row.delivery();
        return new EventDeliveryView(d.id(), row.eventId(), row.eventType(), d.addressMasked(), d.status(),
                d.attempts(), d.lastError(), d.createdAt(), d.sentAt(), d.nextAttemptAt(), attempts.stream()
                        .map(a -> new DeliveryView.Attempt(a.at(), a.statusCode(), a.latencyMs(), a.error())).toList());
    }
}
