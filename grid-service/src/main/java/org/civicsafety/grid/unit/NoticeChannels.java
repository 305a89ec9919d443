package org.civicsafety.grid.unit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a unit is told of its work besides the in-app inbox (notices.md): its mailbox and its robot or hook URL. */
@Schema(name = "UnitNoticeChannels", description = "A unit's notice channels: a unit mailbox and a webhook (e.g. a"
        + " WeCom/DingTalk robot) URL; not a person's data. null = not configured")
public record NoticeChannels(
        @Schema(nullable = true, description = "The unit's mailbox", maxLength = UnitRules.MAX_EMAIL) String email,
        @Schema(nullable = true, description = "https URL (http only to a loopback host in development and tests)", maxLength = UnitRules.MAX_URL) String webhookUrl) {

    static final NoticeChannels NONE = new NoticeChannels(null, null);
}
