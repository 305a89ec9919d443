package org.civicsafety.assessment.indicator;

import java.util.List;
import java.util.Map;

/**
 * Names of the per-area, per-period counters the flow handlers keep (area_counter.metric). The indicator table
 * ({@link Indicator}) is written over these names; penalties, the veto and the trend test read the rest.
 */
public final class Counters {
    private Counters() {}

    public static final String INC_REPORTED = "inc_reported";
    /** Prefix of the per-severity report counts (inc_sev_GENERAL ...): weights are applied at scoring time. */
    public static final String INC_SEV = "inc_sev_";
    public static final String INC_CRITICAL = "inc_critical";
    public static final String INC_DEATHS = "inc_deaths";
    public static final String INC_CRITICAL_DEATHS = "inc_critical_deaths";
    public static final String INC_RESOLVED = "inc_resolved";
    public static final String INC_RESOLVED_ON_TIME = "inc_resolved_on_time";
    public static final String INC_ESCALATED = "inc_escalated";
    /** Incidents first dispatched within {@link #RESPONSE_TIME} of their report (the 12345 response rate). */
    public static final String INC_RESPONDED_IN_TIME = "inc_responded_in_time";
    /** The reporters' ratings of resolutions, and those SATISFIED or BASICALLY_SATISFIED (12345 satisfaction). */
    public static final String INC_RATED = "inc_rated";
    public static final String INC_SATISFIED = "inc_satisfied";
    /** How soon after the report a dispatch counts as a response in time. */
    public static final java.time.Duration RESPONSE_TIME = java.time.Duration.ofHours(1);
    public static final String CASE_REGISTERED = "case_registered";
    public static final String CASE_REPEAT = "case_repeat";
    public static final String CASE_ASSIGNED = "case_assigned";
    public static final String CASE_ACCEPT_DECIDED_ON_TIME = "case_accept_on_time";
    public static final String CASE_ACCEPTED = "case_accepted";
    public static final String CASE_RESOLVED = "case_resolved";
    public static final String CASE_DEADLINE_MET = "case_deadline_met";
    public static final String CASE_OVERDUE = "case_overdue";
    public static final String CASE_RATED = "case_rated";
    public static final String CASE_SATISFACTION_POINTS = "case_satisfaction_points";
    /**
     * Mediations concluded (outcome AGREED or FAILED: the mediation ran to an end; REFUSED and WITHDRAWN never count),
     * those agreed, and those concluded at village or grid level, in the period of the conclusion (mediation-design.md).
     */
    public static final String MED_CONCLUDED = "med_concluded";
    public static final String MED_AGREED = "med_agreed";
    public static final String MED_CONCLUDED_GRASSROOTS = "med_concluded_grassroots";

    /** I8's points of a rating (SATISFIED + ½·BASICALLY_SATISFIED), summed in {@link #CASE_SATISFACTION_POINTS}. */
    public static double satisfactionPoints(String satisfaction) {
        return switch (satisfaction) {
            case "SATISFIED" -> 1.0;
            case "BASICALLY_SATISFIED" -> 0.5;
            default -> 0.0;
        };
    }

    /** The report counter of a severity as the event carries it (see {@link Severity}). */
    public static String severity(String severity) {
        return INC_SEV + severity;
    }

    /** A counter's pooled value (absent counters are 0). */
    public static double count(Map<String, Double> counts, String counter) {
        if (counts == null)
            return 0;
        Double v = counts.get(counter);
        return v == null ? 0 : v;
    }

    /** The trend test's count: incidents reported plus cases registered. */
    public static final List<String> TREND = List.of(INC_REPORTED, CASE_REGISTERED);
}
