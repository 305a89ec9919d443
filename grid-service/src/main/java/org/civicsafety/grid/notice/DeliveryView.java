package org.civicsafety.grid.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One delivery of a notice (or of a partner's event) with its attempts, the address masked. */
@Schema(name = "NoticeDelivery", description = "A delivery through one channel and its attempts")
public record DeliveryView(UUID id, Channel channel,
        @Schema(nullable = true, description = "Masked: 139****1234, a***@example.org, a URL's host") String address,
        DeliveryStatus status, int attemptCount,
        @Schema(nullable = true, description = "The last failure, short and without personal data") String lastError,
        @Schema(nullable = true) OffsetDateTime sentAt,
        @Schema(nullable = true, description = "When it is tried next (PENDING, DEFERRED)") OffsetDateTime nextAttemptAt,
        List<Attempt> attempts) {

    /** One try. */
    @Schema(name = "NoticeDeliveryAttempt", description = "One attempt of a delivery")
    public record Attempt(OffsetDateTime at,
            @Schema(nullable = true, description = "The HTTP status answered, if any") Integer statusCode,
            @Schema(nullable = true) Integer latencyMs, @Schema(nullable = true) String error) {}

    static DeliveryView of(NoticeRepository.DeliveryRow d, List<NoticeRepository.AttemptRow> attempts) {
        return new DeliveryView(d.id(), d.channel(), d.addressMasked(), d.status(), d.attempts(), d.lastError(),
                d.sentAt(), d.nextAttemptAt(), attempts.stream()
                        .map(a -> new Attempt(a.at(), a.statusCode(), a.latencyMs(), a.error())).toList());
    }
}
