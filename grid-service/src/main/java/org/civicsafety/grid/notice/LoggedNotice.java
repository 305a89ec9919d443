package org.civicsafety.grid.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A notice in the delivery log: the {@link NoticeView} fields, whom it is for, and its deliveries. */
@Schema(name = "LoggedNotice", description = "A notice with its recipient and its deliveries")
public record LoggedNotice(String id, String service, NoticeType type, String title, String body, String subjectType,
        UUID subjectId, @Schema(nullable = true) String subjectNumber, boolean urgent, OffsetDateTime createdAt,
        boolean read, @Schema(nullable = true) OffsetDateTime readAt, @Schema(nullable = true) String document,
        RecipientType recipientType,
        @Schema(description = "A user id, unit id, area code or partner id (never contact data)") String recipient,
        List<DeliveryView> deliveries) {

    static LoggedNotice of(NoticeRow n, List<DeliveryView> deliveries) {
        NoticeView v = NoticeView.of(n);
        return new LoggedNotice(v.id(), v.service(), v.type(), v.title(), v.body(), v.subjectType(), v.subjectId(),
                v.subjectNumber(), v.urgent(), v.createdAt(), v.read(), v.readAt(), v.document(), n.recipientType(),
                n.recipient(), deliveries);
    }
}
