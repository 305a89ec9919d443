package org.civicsafety.grid.area;

/** Levels of the hierarchy, top down; each level's parent is the level just above it. */
public enum AreaLevel {
    COUNTY, TOWNSHIP, VILLAGE, GRID;

    /** The level a parent must have, or null for the top level. */
    public AreaLevel parentLevel() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }

    public AreaLevel childLevel() {
        return ordinal() == values().length - 1 ? null : values()[ordinal() + 1];
    }

    public static AreaLevel parse(String s) {
        for (AreaLevel l : values()) {
            if (l.name().equalsIgnoreCase(s)) {
                return l;
            }
        }
        return null;
    }
}
