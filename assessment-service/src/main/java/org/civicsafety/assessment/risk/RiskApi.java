package org.civicsafety.assessment.risk;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the risk-assessment API. */
public final class RiskApi {
    private RiskApi() {}

    /** Likelihood and consequence are rated 1–5 (the key of the fields bundle). */
    static final String RANGE_1_5 = "{risk.likelihood-range}";

    public record CreateRequest(@NotBlank @Size(max = 500) String title,
            @NotBlank @Size(max = 200) String decisionOwner,
            @NotEmpty @Size(max = 100) List<@NotBlank String> areaCodes,
            @DecimalMin("0") @DecimalMax("100") Double oppositionRate) {}

    public record FactorRequest(@NotNull RiskRules.Dimension dimension,
            @NotNull RiskRules.Category category,
            @NotBlank @Size(max = 2000) String description,
            @NotNull @Min(value = 1, message = RANGE_1_5) @Max(value = 5, message = RANGE_1_5) Integer likelihood,
            @NotNull @Min(value = 1, message = RANGE_1_5) @Max(value = 5, message = RANGE_1_5) Integer consequence) {}

    public record MitigationRequest(@NotNull UUID factorId,
            @NotBlank @Size(max = 2000) String measure,
            @NotBlank @Size(max = 200) String owner,
            @NotNull LocalDate deadline,
            @NotNull @Min(value = 1, message = RANGE_1_5) @Max(value = 5, message = RANGE_1_5) Integer residualLikelihood,
            @NotNull @Min(value = 1, message = RANGE_1_5) @Max(value = 5, message = RANGE_1_5) Integer residualConsequence) {}

    public enum Action {
        DECIDE, REOPEN, WITHDRAW
    }

    public record TransitionRequest(@NotNull Action action) {}

    public record Mitigation(UUID id, String measure, String owner, LocalDate deadline, int residualLikelihood,
            int residualConsequence, RiskRules.Level residualLevel, Instant createdAt) {}

    public record Factor(UUID id, RiskRules.Dimension dimension, RiskRules.Category category, String description,
            int likelihood, int consequence, RiskRules.Level level, int residualLikelihood,
            int residualConsequence, RiskRules.Level residualLevel, List<Mitigation> mitigations) {}

    public record Explanation(List<String> inherent, List<String> residual, boolean legalityGate,
            String decisionReason) {}

    public record Assessment(UUID id, String title, String decisionOwner, List<String> areaCodes, Double oppositionRate,
            RiskLifecycle.State state, int version, List<Factor> factors, RiskRules.Level inherentLevel,
            RiskRules.Level residualLevel, RiskRules.Decision impliedDecision,
            RiskRules.Decision decision, Instant decidedAt, List<String> conditions,
            Explanation explanation, List<Action> allowedActions, String createdBy, Instant createdAt) {}

}
