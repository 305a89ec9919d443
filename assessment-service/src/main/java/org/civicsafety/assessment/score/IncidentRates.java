package org.civicsafety.assessment.score;

import org.civicsafety.assessment.indicator.Counters;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

import static org.civicsafety.assessment.indicator.Counters.*;

/**
 * The 12345 "three rates" of an area's incidents in a period (notices.md "Reporter feedback"): shown in the score's
 * statistics beside the case indicators; not an indicator of the scoring model (assessment.md).
 */
@Schema(name = "IncidentRates", description = "The 12345 three rates of the area's incidents in the period (statistics,"
        + " not scored): fractions 0–1, null when their denominator is 0")
public record IncidentRates(
        @Schema(description = "incidents reported (duplicates and rejected reports left out)") long reported,
        @Schema(description = "incidents first dispatched within an hour of their report") long respondedInTime,
        @Schema(description = "incidents resolved") long resolved,
        @Schema(description = "reporters' ratings of resolutions") long rated,
        @Schema(description = "ratings SATISFIED or BASICALLY_SATISFIED") long satisfied,
        @Schema(nullable = true, description = "respondedInTime / reported") Double responseRate,
        @Schema(nullable = true, description = "resolved / reported") Double resolutionRate,
        @Schema(nullable = true, description = "satisfied / rated") Double satisfactionRate) {

    /** From an area's pooled counters of the period. */
    public static IncidentRates of(Map<String, Double> counts) {
        long reported = (long) Counters.count(counts, INC_REPORTED);
        long responded = (long) Counters.count(counts, INC_RESPONDED_IN_TIME);
        long resolved = (long) Counters.count(counts, INC_RESOLVED);
        long rated = (long) Counters.count(counts, INC_RATED);
        long satisfied = (long) Counters.count(counts, INC_SATISFIED);
        return new IncidentRates(reported, responded, resolved, rated, satisfied, rate(responded, reported),
                rate(resolved, reported), rate(satisfied, rated));
    }

    private static Double rate(long part, long whole) {
        return whole <= 0 ? null : Math.min(1.0, (double) part / whole);
    }
}
