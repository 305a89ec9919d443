package org.civicsafety.grid.category;

public enum Severity {
    GENERAL, SERIOUS, MAJOR, CRITICAL
}
