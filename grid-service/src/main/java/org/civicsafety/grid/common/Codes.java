package org.civicsafety.grid.common;

/** Area and category codes as they arrive from paths, queries and bodies. */
public final class Codes {
    private Codes() {}

    /**
     * No stored code contains control characters, and PostgreSQL refuses NUL in text outright, so such
     * a code is simply unknown and never sent to the database.
     */
    public static boolean storable(String code) {
        if (code == null) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (Character.isISOControl(code.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
