package org.civicsafety.grid.incident;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a statistics answer splits its figures ({@code groupBy}, console.md): by period, category (a case's type), unit
 * or child area.
 */
public enum StatsGrouping {
    MONTH("month"), WEEK("week"), CATEGORY("category"), UNIT("unit"), CHILD_AREA("childArea");

    /** The group key of what no unit handles. */
    public static final String UNASSIGNED = "UNASSIGNED";

    private final String wire;

    StatsGrouping(String wire) {
        this.wire = wire;
    }

    /** As the API writes it. */
    public String wire() {
        return wire;
    }

    public boolean byPeriod() {
        return this == MONTH || this == WEEK;
    }

    /** The grouping named {@code value} as the API writes it; empty if none is. */
    public static Optional<StatsGrouping> parse(String value) {
        return Arrays.stream(values()).filter(g -> g.wire.equals(value)).findFirst();
    }
}
