package org.civicsafety.grid.common;

import java.util.List;

/** A page of a cursor-paged list. */
public record Page<T>(List<T> items, String nextCursor) {}
