package org.civicsafety.grid.incident;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Handling levels and deadlines: where an incident starts, where it goes when late, when it is due. */
public final class EscalationPolicy {
    private EscalationPolicy() {}

    /** GENERAL starts at the village, SERIOUS at the township, MAJOR and CRITICAL at the county. */
    public static AreaLevel startLevel(Severity severity) {
        return switch (severity) {
            case GENERAL -> AreaLevel.VILLAGE;
            case SERIOUS -> AreaLevel.TOWNSHIP;
            case MAJOR, CRITICAL -> AreaLevel.COUNTY;
        };
    }

    /** The next handling level up, or null at the county (then the incident can only become overdue). */
    public static AreaLevel up(AreaLevel level) {
        return switch (level) {
            case GRID -> AreaLevel.VILLAGE;
            case VILLAGE -> AreaLevel.TOWNSHIP;
            case TOWNSHIP -> AreaLevel.COUNTY;
            case COUNTY -> null;
        };
    }

    /** Each level gets the category's SLA hours for the severity, counted from when it took over. */
    public static OffsetDateTime dueAt(OffsetDateTime from, Map<Severity, Integer> slaHours, Severity severity) {
        Integer hours = slaHours.get(severity);
        return from.plus(Duration.ofHours(hours == null ? 72 : hours));
    }

    /** The area code of the given level on a county-first path (the path of a grid has all four). */
    public static String areaAt(List<String> path, AreaLevel level) {
        int i = level.ordinal();
        return i < path.size() ? path.get(i) : path.get(path.size() - 1);
    }
}
