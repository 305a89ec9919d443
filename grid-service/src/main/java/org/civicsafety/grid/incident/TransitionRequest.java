package org.civicsafety.grid.incident;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/incidents/{id}/transitions. {@code reason} for REJECT/REOPEN/ESCALATE, {@code note} for RESOLVE. */
public record TransitionRequest(@NotNull Action action, @Size(max = 2000) String reason,
        @Size(max = 4000) String note) {}
