package org.civicsafety.cases.dispute;

/** Where a party stands in a dispute. */
public enum PartyRole {
    APPLICANT, RESPONDENT, THIRD_PARTY
}
