package org.civicsafety.grid.common;

import org.civicsafety.grid.csv.CsvExport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of a cursor-paged list. */
public record Page<T>(List<T> items,
        @Schema(nullable = true, description = "The cursor of the next page; null on the last") String nextCursor)
        implements
            CsvExport.Paged<T> {}
