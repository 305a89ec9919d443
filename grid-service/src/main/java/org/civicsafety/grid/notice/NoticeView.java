package org.civicsafety.grid.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A notice as the inbox, the stream and the gateway's composed inbox read it (notice-design.md). Its id is
 * {@code grid-<uuid>}: the prefix names the service that owns it.
 */
@Schema(name = "Notice", description = "A notice in the caller's inbox")
public record NoticeView(
        @Schema(description = "grid-<uuid>: the owning service's prefix and the notice's id") String id,
        @Schema(description = "The service that owns the notice", enumeration = "grid-service") String service,
        NoticeType type, String title, String body,
        @Schema(description = "What the notice is about: incident or webhook") String subjectType, UUID subjectId,
        @Schema(nullable = true, description = "The incident's number (or a webhook's host)") String subjectNumber,
        boolean urgent, OffsetDateTime createdAt, boolean read,
        @Schema(nullable = true) OffsetDateTime readAt,
        @Schema(nullable = true, description = "A written notice's document; grid-service has none") String document) {

    static final String PREFIX = "grid-";
    static final String SERVICE = "grid-service";

    static NoticeView of(NoticeRow n) {
        return new NoticeView(id(n.id()), SERVICE, n.type(), n.title(), n.body(), n.subjectType(), n.subjectId(),
                n.subjectNumber(), n.urgent(), n.createdAt(), n.readAt() != null, n.readAt(), null);
    }

    /** The id as the API writes it. */
    public static String id(UUID notice) {
        return PREFIX + notice;
    }

    /** The notice's uuid from an API id; empty for anything else (another service's {@code cases-} id too). */
    static Optional<UUID> parse(String id) {
        if (id == null || !id.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
