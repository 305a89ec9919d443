package org.civicsafety.cases.dispute;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A party to a dispute as a request names them: personal data (conventions.md), stored only encrypted. */
@Schema(name = "MediationPartyBody")
public record PartyBody(
        @NotNull PartyRole role,
        @NotBlank @Size(max = 100) String name,
        @Pattern(regexp = "^\\+?[0-9][0-9 -]{4,19}$", message = "{not-a-phone-number}") String phone,
        @Pattern(regexp = "^[0-9]{17}[0-9Xx]$", message = "{not-an-id-number}") String idNumber,
        @Size(max = 300) String address) {}
