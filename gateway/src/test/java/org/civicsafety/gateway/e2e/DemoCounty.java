package org.civicsafety.gateway.e2e;

/** Codes and a point of the demo county that `deploy/demo-data` loads before the end-to-end tests. */
final class DemoCounty {
    static final String COUNTY = "C01";
    static final String TOWNSHIP = "C01-T01";
    static final String VILLAGE = "C01-T01-V01";
    static final String GRID = "C01-T01-V01-G01";
    /** The village's handling unit in the unit directory (the demo data ships one per area). */
    static final String VILLAGE_UNIT = "unit-C01-T01-V01";
    /** A point inside {@link #GRID}, with a ±0.004° square around it also inside. */
    static final double LAT = 22.56;
    static final double LON = 113.92;

    private DemoCounty() {}
}
