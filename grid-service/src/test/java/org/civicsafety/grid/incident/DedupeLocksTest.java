package org.civicsafety.grid.incident;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DedupeLocksTest {
    static final double EARTH_RADIUS = 6_371_000;

    /** The point {@code metres} away from (lat, lon) towards {@code bearing} on a sphere. */
    static double[] destination(double lat, double lon, double bearing, double metres) {
        double d = metres / EARTH_RADIUS;
        double p1 = Math.toRadians(lat);
        double l1 = Math.toRadians(lon);
        double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(bearing));
        double l2 = l1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(p1),
                Math.cos(d) - Math.sin(p1) * Math.sin(p2));
        double lon2 = Math.toDegrees(l2);
        lon2 = ((lon2 + 540) % 360) - 180;
        return new double[]{Math.toDegrees(p2), lon2};
    }

    static boolean share(long[] a, long[] b) {
        return Arrays.stream(a).anyMatch(k -> Arrays.binarySearch(b, k) >= 0);
    }

    @Test
    void reportsWithinTheRadiusAlwaysShareALock() {
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            double radius = new double[]{30, 50, 100, 300, 2_000, 5_000, 8_000}[random.nextInt(7)];
            double lat = random.nextDouble() * 178 - 89;
            double lon = random.nextDouble() * 360 - 180;
            double[] b = destination(lat, lon, random.nextDouble() * 2 * Math.PI, random.nextDouble() * radius * 0.99);
            long[] ka = DedupeLocks.keys("THEFT", lat, lon, radius);
            long[] kb = DedupeLocks.keys("THEFT", b[0], b[1], radius);
            assertTrue(share(ka, kb), () -> "no common lock for " + lat + "," + lon + " and " + b[0] + "," + b[1]);
        }
    }

    @Test
    void distantReportsAndOtherCategoriesDoNotWait() {
        long[] market = DedupeLocks.keys("THEFT", 22.57, 113.95, 50);
        long[] townAway = DedupeLocks.keys("THEFT", 22.60, 113.99, 50);
        long[] otherCategory = DedupeLocks.keys("RUBBISH", 22.57, 113.95, 50);
        assertFalse(share(market, townAway));
        assertFalse(share(market, otherCategory));
    }

    @Test
    void keysAreSortedAndFew() {
        long[] keys = DedupeLocks.keys("FIGHT", 79.9, 10, 5_000);
        for (int i = 1; i < keys.length; i++) {
            assertTrue(keys[i - 1] < keys[i]);
        }
        assertTrue(keys.length <= 40, "keys: " + keys.length);
        assertTrue(DedupeLocks.keys("FIGHT", 22.5, 114, 100).length <= 4);
    }
}
