package org.civicsafety.assessment.risk;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/** The risk-assessment rules, pure: the 5×5 matrix, the overall level rule and the decision rule. */
public final class RiskRules {
    private RiskRules() {}

    @Schema(name = "RiskLevel")
    public enum Level {
        LOW, MEDIUM, HIGH
    }

    @Schema(name = "RiskDimension")
    public enum Dimension {
        LEGALITY, REASONABLENESS, FEASIBILITY, CONTROLLABILITY
    }

    @Schema(name = "RiskCategory")
    public enum Category {
        PLANNING_AND_APPROVALS,
        LAND_AND_DEMOLITION,
        ECONOMIC_INTERESTS,
        LIVING_ENVIRONMENT,
        SOCIAL_ENVIRONMENT,
        CONSTRUCTION,
        PUBLIC_OPINION,
        OTHER
    }

    @Schema(name = "RiskDecision")
    public enum Decision {
        PROCEED, POSTPONE, DO_NOT_PROCEED
    }

    private static final Level L = Level.LOW, M = Level.MEDIUM, H = Level.HIGH;
    /** Rows: likelihood 1..5; columns: consequence 1..5. */
    private static final Level[][] MATRIX = {
            {L, L, L, L, M}, // L1
            {L, L, M, M, H}, // L2
            {L, M, M, M, H}, // L3
            {L, M, M, H, H}, // L4
            {M, M, H, H, H}, // L5
    };

    public static Level factorLevel(int likelihood, int consequence) {
        if (likelihood < 1 || likelihood > 5 || consequence < 1 || consequence > 5)
            throw new IllegalArgumentException("likelihood and consequence are 1–5");
        return MATRIX[likelihood - 1][consequence - 1];
    }

    /** A factor's likelihood/consequence pair (inherent or residual). */
    public record Rated(String label, Dimension dimension, int likelihood, int consequence) {
        public Level level() {
            return factorLevel(likelihood, consequence);
        }
    }

    public record Overall(Level level, List<String> reasons) {}

    /**
     * HIGH if any factor is high, ≥ 4 factors are medium, or opposition > 50 %; MEDIUM if any factor is medium
     * or opposition is 20–50 % inclusive; else LOW.
     */
    public static Overall overall(List<Rated> factors, Double oppositionRate) {
        List<String> high = new ArrayList<>(), medium = new ArrayList<>();
        long highs = 0, mediums = 0;
        for (Rated f : factors) {
            Level l = f.level();
            if (l == Level.HIGH)
                highs++;
            if (l == Level.MEDIUM)
                mediums++;
        }
        if (highs > 0)
            high.add(highs + " factor(s) at HIGH");
        if (mediums >= 4)
            high.add(mediums + " factors at MEDIUM (4 or more)");
        if (oppositionRate != null && oppositionRate > 50)
            high.add("opposition " + fmt(oppositionRate) + " % > 50 %");
        if (!high.isEmpty())
            return new Overall(Level.HIGH, high);
        if (mediums > 0)
            medium.add(mediums + " factor(s) at MEDIUM");
        if (oppositionRate != null && oppositionRate >= 20 && oppositionRate <= 50)
            medium.add("opposition " + fmt(oppositionRate) + " % between 20 % and 50 %");
        if (!medium.isEmpty())
            return new Overall(Level.MEDIUM, medium);
        return new Overall(Level.LOW, List.of("no factor above LOW and opposition below 20 %"));
    }

    public record DecisionResult(Decision decision, boolean legalityGate, String reason) {}

    /** On the residual level; any LEGALITY factor with residual likelihood ≥ 3 forbids proceeding. */
    public static DecisionResult decide(Level residual, List<Rated> residualFactors) {
        List<String> blocking = residualFactors.stream()
                .filter(f -> f.dimension() == Dimension.LEGALITY && f.likelihood() >= 3).map(Rated::label).toList();
        if (!blocking.isEmpty())
            return new DecisionResult(Decision.DO_NOT_PROCEED, true,
                    "legality gate: LEGALITY factor(s) with residual likelihood ≥ 3: " + String.join(", ", blocking));
        return switch (residual) {
            case LOW -> new DecisionResult(Decision.PROCEED, false,
                    "residual risk LOW: proceed; mitigations are binding conditions");
            case MEDIUM ->
                new DecisionResult(Decision.POSTPONE, false, "residual risk MEDIUM: postpone, revise and reassess");
            case HIGH -> new DecisionResult(Decision.DO_NOT_PROCEED, false, "residual risk HIGH: do not proceed");
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
