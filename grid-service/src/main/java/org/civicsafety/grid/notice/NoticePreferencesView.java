package org.civicsafety.grid.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller's notice channels, their addresses masked. */
@Schema(name = "NoticePreferences", description = "The caller's notice channels; addresses masked")
public record NoticePreferencesView(boolean sms, boolean email, NoticeLanguage language,
        @Schema(nullable = true, description = "Masked: a***@example.org") String emailAddress,
        @Schema(nullable = true, description = "Masked: 139****1234") String mobile) {}
