package org.civicsafety.cases.dispute;

/** The kinds of mediation (mediation.md): 人民调解, 行政调解, 司法/诉前调解, 行业性专业性调解 (with a {@link Sector}). */
public enum MediationType {
    PEOPLES, ADMINISTRATIVE, JUDICIAL, SECTORAL
}
