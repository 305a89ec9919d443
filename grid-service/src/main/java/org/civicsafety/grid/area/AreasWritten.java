package org.civicsafety.grid.area;

import java.util.List;

/**
 * Fired (synchronously, inside the writing transaction) when areas were created or changed, after their events
 * were appended: what depends on areas (the unit directory) follows in the same transaction.
 */
public record AreasWritten(List<Area> areas) {}
