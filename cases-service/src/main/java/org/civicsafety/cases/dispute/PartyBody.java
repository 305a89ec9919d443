package org.civicsafety.cases.dispute;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A party to a dispute as a request names them: personal data (conventions.md), stored only encrypted. The role is
 * required of a mediation's parties (checked there); a petition's referral names the respondent, whose role it sets.
 */
@Schema(name = "MediationPartyBody")
public record PartyBody(
        @Schema(description = "Required in a mediation's parties; a referral's respondent is RESPONDENT") PartyRole role,
        @NotBlank @Size(max = 100) String name,
        @Pattern(regexp = "^\\+?[0-9][0-9 -]{4,19}$", message = "{not-a-phone-number}") String phone,
        @Pattern(regexp = "^[0-9]{17}[0-9Xx]$", message = "{not-an-id-number}") String idNumber,
        @Size(max = 300) String address) {}
