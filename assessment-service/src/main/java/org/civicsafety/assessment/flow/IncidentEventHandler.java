package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.civicsafety.assessment.common.Db;
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

    public IncidentEventHandler() { super(PREFIX); }

    record Row(long version, String areaCode, String[] path, String severity, LocalDate reportedDay,
               String[] reportedPath, String reportedSeverity, int deaths, boolean counted, boolean withdrawn,
               boolean resolved, boolean escalated) {}

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

        Row row = db.one("SELECT * FROM incident WHERE id = ? FOR UPDATE", rs -> new Row(rs.getLong("version"),
                rs.getString("area_code"), Db.strings(rs, "path"), rs.getString("severity"),
                rs.getObject("reported_day", LocalDate.class), Db.strings(rs, "reported_path"),
                rs.getString("reported_severity"), rs.getInt("deaths"), rs.getBoolean("counted"),
                rs.getBoolean("withdrawn"), rs.getBoolean("resolved"), rs.getBoolean("escalated")), id);
        boolean stale = row != null && version <= row.version(); // an older (or repeated) copy: its state is not news

        String carried = EventData.text(data, "severity");
        String severity = row == null ? carried : stale ? (row.severity() != null ? row.severity() : carried)
                : (carried != null ? carried : row.severity());
        boolean counted = row != null && row.counted();
        boolean withdrawn = row != null && row.withdrawn();
        boolean resolved = row != null && row.resolved();
        boolean escalated = row != null && row.escalated();
        LocalDate reportedDay = row == null ? null : row.reportedDay();
        // Rows counted before these columns existed fall back to the incident's latest path and severity.
        String[] reportedPath = row == null ? null : row.reportedPath().length > 0 ? row.reportedPath() : row.path();
        String reportedSeverity = row == null ? null : row.reportedSeverity() != null ? row.reportedSeverity() : row.severity();
        int deaths = row == null ? 0 : row.deaths();
        Map<String, Double> deltas = new LinkedHashMap<>();

        switch (kind) {
            case "reported" -> {
                if (!counted && !withdrawn) {
                    // Counted from what the report itself carries: later events may already have set the state.
                    if (carried == null) throw new IllegalArgumentException("data.severity is missing");
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
                    if (Boolean.TRUE.equals(EventData.optBool(data, "onTime"))) deltas.put(INC_RESOLVED_ON_TIME, 1.0);
                    resolved = true;
                }
            }
            case "reopened" -> {
                if (!stale) resolved = false; // state: an old reopening must not re-arm a newer resolution
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
            default -> { } // other transitions do not change the indicators
        }
        counters.add(path, day, deltas);
        long keptVersion = stale ? row.version() : version;
        String keptArea = stale ? row.areaCode() : area;
        String[] keptPath = stale ? row.path() : path;
        db.update("""
                INSERT INTO incident (id, version, area_code, path, severity, reported_day, reported_path,
                    reported_severity, deaths, counted, withdrawn, resolved, escalated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, area_code = excluded.area_code,
                    path = excluded.path, severity = excluded.severity, reported_day = excluded.reported_day,
                    reported_path = excluded.reported_path, reported_severity = excluded.reported_severity,
                    deaths = excluded.deaths, counted = excluded.counted, withdrawn = excluded.withdrawn,
                    resolved = excluded.resolved, escalated = excluded.escalated
                """, id, keptVersion, keptArea, keptPath, severity, reportedDay, reportedPath, reportedSeverity, deaths,
                counted, withdrawn, resolved, escalated);
    }

    static Map<String, Double> reportDeltas(String severity, int deaths, int sign) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(INC_REPORTED, (double) sign);
        d.put(severity(severity), (double) sign);
        if ("CRITICAL".equals(severity)) {
            d.put(INC_CRITICAL, (double) sign);
            if (deaths > 0) d.put(INC_CRITICAL_DEATHS, (double) sign);
        }
        if (deaths > 0) d.put(INC_DEATHS, (double) sign * deaths);
        return d;
    }
}
