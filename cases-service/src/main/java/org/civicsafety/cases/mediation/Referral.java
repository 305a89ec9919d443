package org.civicsafety.cases.mediation;

/** The legal channel a failed mediation points the parties to; PETITION registers a petition for the applicant. */
public enum Referral {
    LITIGATION, ARBITRATION, ADMINISTRATIVE, PETITION
}
