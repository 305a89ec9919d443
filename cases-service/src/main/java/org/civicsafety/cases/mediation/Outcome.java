package org.civicsafety.cases.mediation;

/**
 * How a mediation ended. AGREED and FAILED are the mediations that ran to an end ("concluded", the denominator of the
 * success rate); REFUSED and WITHDRAWN are counted apart.
 */
public enum Outcome {
    AGREED, FAILED, REFUSED, WITHDRAWN
}
