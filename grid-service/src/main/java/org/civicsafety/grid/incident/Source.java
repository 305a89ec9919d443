package org.civicsafety.grid.incident;

public enum Source {
    GRID_WORKER, CITIZEN, PARTNER, HOTLINE, SENSOR
}
