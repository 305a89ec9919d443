package org.civicsafety.cases.workflow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.dispute.MediationType;
import org.civicsafety.cases.dispute.PartyBody;
import org.civicsafety.cases.dispute.Sector;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/cases/{id}/transitions}; which fields an action requires is in its table row. */
public record TransitionBody(
        @NotNull Action action,
        @Size(max = 2000) String note,
        @Size(max = 64) String unitId,
        @Size(max = 64) String unitAreaCode,
        Enums.DivertChannel channel,
        @Size(max = 2000) String reason,
        Enums.Decision decision,
        @Size(max = 20000) String text,
        Integer days,
        Enums.Satisfaction satisfaction,
        @Size(max = 2000) String comment,
        UUID mergeInto,
        @Schema(description = "REFER_TO_MEDIATION: the kind of mediation") MediationType type,
        @Schema(description = "REFER_TO_MEDIATION: for a SECTORAL mediation") Sector sector,
        @Schema(description = "REFER_TO_MEDIATION: the other party (the petitioner is the applicant); role is RESPONDENT whatever is given") @Valid PartyBody respondent,
        @Schema(description = "REFER_TO_MEDIATION: ids of active mediators of the directory") @Size(max = 10) List<@NotNull UUID> mediators,
        @Schema(description = "REFER_TO_MEDIATION: where it is mediated (default: the case's area)") @Size(max = 64) String areaCode) {}
