package org.civicsafety.grid.incident;

public enum Severity {
    GENERAL, SERIOUS, MAJOR, CRITICAL
}
