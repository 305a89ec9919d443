package org.civicsafety.grid.incident;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /api/v1/incidents/{id}/transitions. {@code reason} for REJECT/REOPEN/ESCALATE, {@code note} for
 * RESOLVE, {@code satisfaction} for RATE.
 */
@Schema(name = "TransitionRequest", description = "A workflow action on an incident")
public record TransitionRequest(@NotNull Action action,
        @Schema(description = "Why: required for REJECT, REOPEN and ESCALATE") @Size(max = 2000) String reason,
        @Schema(description = "What was done: required for RESOLVE") @Size(max = 4000) String note,
        @Schema(nullable = true, description = "The reporter's rating of the resolution: required for RATE") Satisfaction satisfaction) {}
