package org.civicsafety.assessment.indicator;

/** Incident severities, mildest first: each has its report counter and a default weight sₖ in I1's Σ sₖ·nₖ. */
public enum Severity {
    GENERAL(1), SERIOUS(3), MAJOR(10), CRITICAL(30);

    private final double defaultWeight;

    Severity(double defaultWeight) {
        this.defaultWeight = defaultWeight;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    /** Its report counter (inc_sev_GENERAL ...). */
    public String counter() {
        return Counters.severity(name());
    }
}
