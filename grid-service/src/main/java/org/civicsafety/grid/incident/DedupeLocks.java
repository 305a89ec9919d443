package org.civicsafety.grid.incident;

import java.util.TreeSet;

/**
 * Advisory-lock keys that serialise only the reports that could be duplicates of each other.
 *
 * <p>Two reports of one category can be duplicates only if they lie within the category's radius. The
 * map is cut into cells (sized by the radius); a report locks every cell its radius box touches. A report
 * B within the radius of A lies in A's box, so A locks B's own cell, which B locks too: such reports wait
 * for each other, while reports elsewhere (or of other categories) run in parallel. Near the poles and the
 * antimeridian, where degree boxes degenerate, reports of the category share one "zone" key instead; a
 * report whose box reaches the zone takes that key as well, so it still meets any neighbour inside it.
 */
public final class DedupeLocks {
    /** Fewer metres per degree than the WGS84 spheroid anywhere, so the boxes are never too small. */
    static final double METRES_PER_DEGREE_LAT = 110_000;
    static final double METRES_PER_DEGREE_LON_AT_EQUATOR = 111_000;
    static final double POLAR_LATITUDE = 80;
    static final double ANTIMERIDIAN_LONGITUDE = 179.5;
    /** Beyond this radius a category simply uses one key: the boxes would span too many cells. */
    static final double MAX_CELL_RADIUS_METRES = 5_000;

    private DedupeLocks() {}

    /** The sorted keys to lock (sorted, so concurrent reports always take them in the same order). */
    public static long[] keys(String categoryCode, double lat, double lon, double radiusMetres) {
        long category = ((long) categoryCode.hashCode()) << 32;
        long zone = category | 0xffffffffL;
        if (radiusMetres > MAX_CELL_RADIUS_METRES || inZone(lat, lon)) {
            return new long[]{zone};
        }
        double r = Math.max(radiusMetres, 1) * 1.01;
        double dLat = r / METRES_PER_DEGREE_LAT;
        double poleward = Math.min(89.9, Math.abs(lat) + dLat);
        double dLon = r / (METRES_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(poleward)));
        double minLat = lat - dLat;
        double maxLat = lat + dLat;
        double minLon = lon - dLon;
        double maxLon = lon + dLon;
        TreeSet<Long> keys = new TreeSet<>();
        if (maxLat >= POLAR_LATITUDE || minLat <= -POLAR_LATITUDE || maxLon >= ANTIMERIDIAN_LONGITUDE
                || minLon <= -ANTIMERIDIAN_LONGITUDE) {
            keys.add(zone);
        }
        // cells of at least 0.01° and at least twice the radius box, so a box touches a handful of cells
        double cell = Math.max(0.01, 2 * r / METRES_PER_DEGREE_LAT);
        long x0 = (long) Math.floor(minLon / cell);
        long x1 = (long) Math.floor(maxLon / cell);
        long y0 = (long) Math.floor(minLat / cell);
        long y1 = (long) Math.floor(maxLat / cell);
        for (long x = x0; x <= x1; x++) {
            for (long y = y0; y <= y1; y++) {
                // a collision of two cells' hashes only makes more reports wait, never fewer
                int cellHash = 31 * Long.hashCode(x) + Long.hashCode(y);
                keys.add(category | (cellHash & 0x7fffffffL));
            }
        }
        return keys.stream().mapToLong(Long::longValue).toArray();
    }

    static boolean inZone(double lat, double lon) {
        return Math.abs(lat) >= POLAR_LATITUDE || Math.abs(lon) >= ANTIMERIDIAN_LONGITUDE;
    }
}
