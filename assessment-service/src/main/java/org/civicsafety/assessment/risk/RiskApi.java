package org.civicsafety.assessment.risk;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the risk-assessment API. */
public final class RiskApi {
    private RiskApi() {}

    /** Likelihood and consequence are rated 1–5 (the key of the fields bundle). */
    static final String RANGE_1_5 = "{risk.likelihood-range}";

    @Schema(name = "NewRiskAssessment")
    public record CreateRequest(@NotBlank @Size(max = 500) String title,
            @NotBlank @Size(max = 200) @Schema(description = "who takes the decision") String decisionOwner,
            @NotEmpty @Size(max = 100) @Schema(description = "the areas the decision affects") List<@NotBlank String> areaCodes,
            @DecimalMin("0") @DecimalMax("100") @Schema(description = "the share of surveyed residents opposed, "
                    + "0–100; optional") Double oppositionRate) {}

    @Schema(name = "NewRiskFactor")
    public record FactorRequest(@NotNull RiskRules.Dimension dimension,
            @NotNull RiskRules.Category category,
            @NotBlank @Size(max = 2000) String description,
            @NotNull @Min(value = 1, message = RANGE_1_5) @Max(value = 5, message = RANGE_1_5) @Schema(description = "L, 1 (rare) to 5 (almost certain)") Integer likelihood,
            @NotNull @Min(value = 1, message = RANGE_1_5) @Max(value = 5, message = RANGE_1_5) @Schema(description = "C, 1 (negligible) to 5 (severe)") Integer consequence) {}

    @Schema(name = "NewRiskMitigation")
    public record MitigationRequest(@NotNull @Schema(description = "the factor it mitigates") UUID factorId,
            @NotBlank @Size(max = 2000) String measure,
            @NotBlank @Size(max = 200) String owner,
            @NotNull LocalDate deadline,
            @NotNull @Min(value = 1, message = RANGE_1_5) @Max(value = 5, message = RANGE_1_5) Integer residualLikelihood,
            @NotNull @Min(value = 1, message = RANGE_1_5) @Max(value = 5, message = RANGE_1_5) Integer residualConsequence) {}

    @Schema(name = "RiskAssessmentAction")
    public enum Action {
        DECIDE, REOPEN, WITHDRAW
    }

    @Schema(name = "RiskAssessmentTransition")
    public record TransitionRequest(@NotNull Action action) {}

    @Schema(name = "RiskMitigation")
    public record Mitigation(UUID id, String measure, String owner, LocalDate deadline, int residualLikelihood,
            int residualConsequence, RiskRules.Level residualLevel, Instant createdAt) {}

    @Schema(name = "RiskFactor", description = "A factor with its level from the 5×5 matrix, inherent and residual")
    public record Factor(UUID id, RiskRules.Dimension dimension, RiskRules.Category category, String description,
            int likelihood, int consequence, RiskRules.Level level, int residualLikelihood,
            int residualConsequence, RiskRules.Level residualLevel, List<Mitigation> mitigations) {}

    @Schema(name = "RiskExplanation")
    public record Explanation(@Schema(description = "why the inherent level is what it is") List<String> inherent,
            @Schema(description = "why the residual level is what it is") List<String> residual,
            @Schema(description = "a LEGALITY factor with residual likelihood ≥ 3 forces DO_NOT_PROCEED") boolean legalityGate,
            String decisionReason) {}

    @Schema(name = "RiskAssessment")
    public record Assessment(UUID id, String title, String decisionOwner, List<String> areaCodes,
            @Schema(nullable = true) Double oppositionRate,
            RiskLifecycle.State state, @Schema(description = "rises with every change; the ETag") int version,
            List<Factor> factors, RiskRules.Level inherentLevel, RiskRules.Level residualLevel,
            @Schema(description = "the decision the residual level implies now") RiskRules.Decision impliedDecision,
            @Schema(type = SchemaType.STRING, nullable = true, description = "the decision taken by DECIDE; null until then") RiskRules.Decision decision,
            @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant decidedAt,
            @Schema(description = "the mitigations that become binding conditions when the decision is PROCEED") List<String> conditions,
            Explanation explanation,
            @Schema(description = "the transitions possible in the current state") List<Action> allowedActions,
            String createdBy, Instant createdAt) {}

}
