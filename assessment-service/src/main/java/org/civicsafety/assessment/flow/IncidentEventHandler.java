package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
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
 * org.civicsafety.incident.*.v1 → incident counters (I1–I3, penalties, veto). Each incident is counted once
 * per fact (reported, resolved, escalated); a report later linked as duplicate or rejected is taken back.
 * The optional data field `deaths` (casualties of the incident) feeds penalties and the veto.
 */
@ApplicationScoped
public class IncidentEventHandler extends FlowEventHandler {
    static final String PREFIX = "org.civicsafety.incident.";

    @Inject IncidentRepository incidents;

    public IncidentEventHandler() {
        super(PREFIX);
    }

    /**
     * Facts (reported, resolved, escalated, taken back) count once each by their own flag, whatever order the
     * events arrive in: a relay re-sending after an outage may deliver `dispatched` before `reported`. The
     * version only decides which event's STATE (area, path, severity, reopening) is the latest.
     */
    @Override
    public void apply(CloudEvent event, JsonNode data) {
        String kind = kind(event);
        String id = EventData.required(data, "incidentId");
        long version = EventData.version(data);
        String area = EventData.required(data, "areaCode");
        String[] path = EventData.path(data, area);
        Instant at = EventData.occurredAt(data, event.getTime());
        LocalDate day = calendar.day(at);

        Incident row = incidents.locked(id);
        boolean stale = row != null && version <= row.version; // an older (or repeated) copy: its state is not news

        String carried = EventData.text(data, "severity");
        String severity = row == null ? carried : stale ? (row.severity != null ? row.severity : carried)
                : (carried != null ? carried : row.severity);
        boolean counted = row != null && row.counted;
        boolean withdrawn = row != null && row.withdrawn;
        boolean resolved = row != null && row.resolved;
        boolean escalated = row != null && row.escalated;
        LocalDate reportedDay = row == null ? null : row.reportedDay;
        // Rows counted before these columns existed fall back to the incident's latest path and severity.
        String[] reportedPath = row == null ? null
                : row.reportedPath != null && row.reportedPath.length > 0 ? row.reportedPath : row.path;
        String reportedSeverity = row == null ? null
                : row.reportedSeverity != null ? row.reportedSeverity : row.severity;
        int deaths = row == null ? 0 : row.deaths;
        Map<String, Double> deltas = new LinkedHashMap<>();

        switch (kind) {
            case "reported" -> {
                if (!counted && !withdrawn) {
                    // Counted from what the report itself carries: later events may already have set the state.
                    if (carried == null)
                        throw new IllegalArgumentException("data.severity is missing");
                    Long d = EventData.optLong(data, "deaths");
                    deaths = d == null ? 0 : d.intValue();
                    deltas.putAll(reportDeltas(carried, deaths, 1));
                    counted = true;
                    reportedDay = day;
                    reportedPath = path;
                    reportedSeverity = carried;
                }
            }
            case "resolved" -> {
                if (!resolved) {
                    deltas.put(INC_RESOLVED, 1.0);
                    if (Boolean.TRUE.equals(EventData.optBool(data, "onTime")))
                        deltas.put(INC_RESOLVED_ON_TIME, 1.0);
                    resolved = true;
                }
            }
            case "reopened" -> {
                if (!stale)
                    resolved = false; // state: an old reopening must not re-arm a newer resolution
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
        counters.add(path, day, deltas);
        long keptVersion = stale ? row.version : version;
        String keptArea = stale ? row.areaCode : area;
        String[] keptPath = stale ? row.path : path;
        Incident kept = row != null ? row : new Incident(id);
        kept.record(keptVersion, keptArea, keptPath, severity, reportedDay, reportedPath, reportedSeverity, deaths,
                counted,
                withdrawn, resolved, escalated);
        if (row == null)
            incidents.persist(kept); // inserted when the batch flushes

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
