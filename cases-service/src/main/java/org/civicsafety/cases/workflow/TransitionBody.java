package org.civicsafety.cases.workflow;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

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
        UUID mergeInto) {}
