package org.civicsafety.grid.notice;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of PUT /api/v1/me/notice-preferences: the whole set, replacing the previous one. */
@Schema(name = "NoticePreferencesUpdate", description = "The caller's notice channels and addresses")
public record NoticePreferencesRequest(@Schema(description = "Text messages on or off") @NotNull Boolean sms,
        @Schema(description = "E-mail on or off") @NotNull Boolean email,
        @Schema(description = "The language notices are written in") @NotNull NoticeLanguage language,
        @Schema(nullable = true, description = "Where e-mail goes (personal data: stored encrypted)") @Size(max = 254) @Pattern(regexp = EMAIL, message = "{grid.email}") String emailAddress,
        @Schema(nullable = true, description = "Where text messages go (personal data: stored encrypted)") @Pattern(regexp = MOBILE, message = "{grid.mobile}") String mobile) {

    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    static final String MOBILE = "\\+?[0-9]{6,15}";
}
