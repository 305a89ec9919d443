package org.civicsafety.cases.dispute;

/** The field of a sectoral (行业性专业性) mediation. */
public enum Sector {
    LABOUR, MEDICAL, TRAFFIC, PROPERTY, OTHER
}
