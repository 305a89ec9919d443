package org.civicsafety.grid.unit;

import org.civicsafety.grid.area.AreaLevel;

/** What kind of body a handling unit is. A closed set: a kind outside it is a 400. */
public enum UnitKind {
    GRID_STATION, VILLAGE_COMMITTEE, TOWNSHIP_OFFICE, COUNTY_BUREAU, POLICE_STATION, OTHER;

    /** The kind of the unit an area of this level names as its responsible unit. */
    public static UnitKind of(AreaLevel level) {
        return switch (level) {
            case GRID -> GRID_STATION;
            case VILLAGE -> VILLAGE_COMMITTEE;
            case TOWNSHIP -> TOWNSHIP_OFFICE;
            case COUNTY -> COUNTY_BUREAU;
        };
    }
}
