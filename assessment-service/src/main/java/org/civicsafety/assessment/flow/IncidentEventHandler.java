package org.civicsafety.assessment.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.indicator.Severity;
import org.civicsafety.assessment.messaging.EventData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.civicsafety.assessment.indicator.Counters.*;

/**
 * org.civicsafety.incident.*.v1 → incident counters (I1–I3, penalties, veto, and the 12345 "three rates" of the
 * statistics). Each incident is counted once per fact (reported, resolved, escalated, responded); a report later
 * linked as duplicate or rejected is taken back. Every rating counts (one per resolution; the ce_id dedupes).
 * The optional data field `deaths` (casualties of the incident) feeds penalties and the veto.
 */
@ApplicationScoped
public class IncidentEventHandler extends FlowEventHandler<Incident, Incident.Facts> {
    static final String PREFIX = "org.civicsafety.incident.";

    @Inject IncidentRepository incidents;

    public IncidentEventHandler() {
        super(PREFIX, "incidentId", Incident::new);
    }

    @Override
    PanacheRepositoryBase<Incident, String> rows() {
        return incidents;
    }

    /**
     * Facts (reported, resolved, escalated, taken back) count once each by their own flag, whatever order the
     * events arrive in: a relay re-sending after an outage may deliver `dispatched` before `reported`. The
     * version only decides which event's STATE (area, path, severity, reopening) is the latest.
     */
    @Override
    Incident.Facts count(FlowEvent e, boolean stale, Incident.Facts facts, Map<String, Double> deltas) {
        String carried = EventData.text(e.data(), "severity");
        String severity = stale ? (facts.severity() != null ? facts.severity() : carried)
                : (carried != null ? carried : facts.severity());
        boolean counted = facts.counted();
        boolean withdrawn = facts.withdrawn();
        boolean resolved = facts.resolved();
        boolean escalated = facts.escalated();
        boolean responded = facts.responded();
        LocalDate reportedDay = facts.reportedDay();
        String[] reportedPath = facts.reportedPath();
        String reportedSeverity = facts.reportedSeverity();
        int deaths = facts.deaths();

        switch (e.kind()) {
            case "reported" -> {
                if (!counted && !withdrawn) {
                    // Counted from what the report itself carries: later events may already have set the state.
                    if (carried == null)
                        throw new IllegalArgumentException("data.severity is missing");
                    Long d = EventData.optLong(e.data(), "deaths");
                    deaths = d == null ? 0 : d.intValue();
                    deltas.putAll(reportDeltas(carried, deaths, 1));
                    counted = true;
                    reportedDay = e.day();
                    reportedPath = e.path();
                    reportedSeverity = carried;
                }
            }
            case "resolved" -> {
                if (!resolved) {
                    deltas.put(INC_RESOLVED, 1.0);
                    if (Boolean.TRUE.equals(EventData.optBool(e.data(), "onTime")))
                        deltas.put(INC_RESOLVED_ON_TIME, 1.0);
                    resolved = true;
                }
            }
            case "reopened" -> {
                if (!stale)
                    resolved = false; // state: an old reopening must not re-arm a newer resolution
            }
            case "dispatched" -> {
                // in time when dispatched within the hour of the report; an event without reportedAt (before it was
                // carried) counts as dispatched, not as a response in time
                Instant reportedAt = EventData.optInstant(e.data(), "reportedAt");
                if (!responded) {
                    if (reportedAt != null && !e.at().isAfter(reportedAt.plus(RESPONSE_TIME)))
                        deltas.put(INC_RESPONDED_IN_TIME, 1.0);
                    responded = true;
                }
            }
            case "rated" -> {
                String satisfaction = EventData.required(e.data(), "satisfaction");
                deltas.put(INC_RATED, 1.0);
                if (!"DISSATISFIED".equals(satisfaction))
                    deltas.put(INC_SATISFIED, 1.0);
            }
            case "escalated" -> {
                if (!escalated) {
                    deltas.put(INC_ESCALATED, 1.0);
                    escalated = true;
                }
            }
            case "duplicate-linked", "rejected" -> {
                // Not a separate incident after all: take its report back where it was counted, and make sure
                // a report still on its way is not counted.
                if (counted && reportedDay != null) {
                    counters.add(reportedPath, reportedDay, reportDeltas(reportedSeverity, deaths, -1));
                    counted = false;
                }
                withdrawn = true;
            }
            default -> {} // other transitions do not change the indicators
        }
        return new Incident.Facts(severity, reportedDay, reportedPath, reportedSeverity, deaths, counted, withdrawn,
                resolved, escalated, responded);
    }

    static Map<String, Double> reportDeltas(String severity, int deaths, int sign) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(INC_REPORTED, (double) sign);
        d.put(severity(severity), (double) sign);
        if (Severity.CRITICAL.name().equals(severity)) {
            d.put(INC_CRITICAL, (double) sign);
            if (deaths > 0)
                d.put(INC_CRITICAL_DEATHS, (double) sign);
        }
        if (deaths > 0)
            d.put(INC_DEATHS, (double) sign * deaths);
        return d;
    }
}
