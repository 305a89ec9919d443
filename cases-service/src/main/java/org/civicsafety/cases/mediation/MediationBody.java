package org.civicsafety.cases.mediation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/mediations/{id}/transitions}; which fields an action requires is in its row. */
@Schema(name = "MediationTransition")
public record MediationBody(
        @NotNull MediationAction action,
        @Schema(description = "RECORD_CONSENT, REFUSE, WITHDRAW: the party concerned") UUID partyId,
        @Schema(description = "REFUSE, EXTEND, CONCLUDE_FAILED, WITHDRAW, REOPEN") @Size(max = 2000) String reason,
        @Schema(description = "ADD_SESSION: when it was held") OffsetDateTime heldAt,
        @Schema(description = "ADD_SESSION") @Size(max = 300) String place,
        @Schema(description = "ADD_SESSION: who attended (names; stored encrypted)") @Size(max = 50) List<@NotBlank @Size(max = 100) String> attendees,
        @Schema(description = "ADD_SESSION: what was discussed (stored encrypted)") @Size(max = 10000) String notes,
        @Schema(description = "EXTEND: 1 to 30 days, once") Integer days,
        @Schema(description = "CONCLUDE_AGREEMENT: a written agreement (调解协议书) or an oral one") Boolean written,
        @Schema(description = "CONCLUDE_AGREEMENT") @Size(max = 20000) String terms,
        @Schema(description = "CONCLUDE_AGREEMENT: what each party undertook") @Size(max = 50) List<@Valid @NotNull ObligationBody> obligations,
        @Schema(description = "CONCLUDE_FAILED: the channel the parties are pointed to") Referral referral,
        @Schema(description = "RECORD_JUDICIAL_CONFIRMATION: the court that confirmed the agreement (司法确认)") @Size(max = 200) String court,
        @Schema(description = "RECORD_JUDICIAL_CONFIRMATION") LocalDate confirmedOn,
        @Schema(description = "FOLLOW_UP: per obligation") @Size(max = 50) List<@Valid @NotNull ResultBody> results,
        @Schema(description = "FOLLOW_UP: the visit's note") @Size(max = 2000) String note) {

    @Schema(name = "MediationObligationBody")
    public record ObligationBody(@NotNull UUID partyId, @NotBlank @Size(max = 2000) String content,
            @NotNull LocalDate dueDate) {}

    @Schema(name = "MediationFollowUpResult")
    public record ResultBody(@NotNull UUID obligationId,
            @NotNull @Schema(enumeration = {"FULFILLED", "PARTIAL",
                    "BREACHED"}) MediationEntity.ObligationStatus status){}
}
