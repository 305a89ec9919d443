package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.messaging.EventData;
import org.civicsafety.assessment.messaging.EventHandler;
import org.civicsafety.assessment.score.Calendar;
import org.civicsafety.assessment.score.CounterRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.civicsafety.assessment.score.Metrics.*;

/**
 * org.civicsafety.incident.*.v1 → incident counters (I1–I3, penalties, veto). Each incident is counted once
 * per fact (reported, resolved, escalated); a report later linked as duplicate or rejected is taken back.
 * The optional data field `deaths` (casualties of the incident) feeds penalties and the veto.
 */
@ApplicationScoped
public class IncidentEventHandler implements EventHandler {
    static final String PREFIX = "org.civicsafety.incident.";

    @Inject
    Db db;
    @Inject
    CounterRepository counters;
    @Inject
    Calendar calendar;

    @Override
    public boolean handles(String type) { return type != null && type.startsWith(PREFIX) && type.endsWith(".v1"); }

    record Row(long version, String[] path, String severity, LocalDate reportedDay, int deaths, boolean counted,
               boolean resolved, boolean escalated) {}

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        String kind = event.getType().substring(PREFIX.length(), event.getType().length() - 3);
        String id = EventData.required(data, "incidentId");
        long version = EventData.version(data);
        String area = EventData.required(data, "areaCode");
        String[] path = EventData.path(data, area);
        Instant at = EventData.occurredAt(data, event.getTime());
        LocalDate day = calendar.day(at);

        Row row = db.one("SELECT * FROM incident WHERE id = ? FOR UPDATE", rs -> new Row(rs.getLong("version"),
                Db.strings(rs, "path"), rs.getString("severity"), rs.getObject("reported_day", LocalDate.class),
                rs.getInt("deaths"), rs.getBoolean("counted"), rs.getBoolean("resolved"), rs.getBoolean("escalated")), id);
        if (row != null && version <= row.version()) return; // stale or repeated: ordering is per key, versions rise

        String severity = EventData.text(data, "severity");
        if (severity == null && row != null) severity = row.severity();
        boolean counted = row != null && row.counted();
        boolean resolved = row != null && row.resolved();
        boolean escalated = row != null && row.escalated();
        LocalDate reportedDay = row == null ? null : row.reportedDay();
        int deaths = row == null ? 0 : row.deaths();
        Map<String, Double> deltas = new LinkedHashMap<>();

        switch (kind) {
            case "reported" -> {
                if (!counted) {
                    if (severity == null) throw new IllegalArgumentException("data.severity is missing");
                    Long d = EventData.optLong(data, "deaths");
                    deaths = d == null ? 0 : d.intValue();
                    deltas.putAll(reportDeltas(severity, deaths, 1));
                    counted = true;
                    reportedDay = day;
                }
            }
            case "resolved" -> {
                if (!resolved) {
                    deltas.put(INC_RESOLVED, 1.0);
                    if (Boolean.TRUE.equals(EventData.optBool(data, "onTime"))) deltas.put(INC_RESOLVED_ON_TIME, 1.0);
                    resolved = true;
                }
            }
            case "reopened" -> resolved = false;
            case "escalated" -> {
                if (!escalated) {
                    deltas.put(INC_ESCALATED, 1.0);
                    escalated = true;
                }
            }
            case "duplicate-linked", "rejected" -> {
                // Not a separate incident after all: take its report back where it was counted.
                if (counted && reportedDay != null) {
                    counters.add(row.path(), reportedDay, reportDeltas(severity, deaths, -1));
                    counted = false;
                }
            }
            default -> { } // other transitions do not change the indicators
        }
        counters.add(path, day, deltas);
        db.update("""
                INSERT INTO incident (id, version, area_code, path, severity, reported_day, deaths, counted, resolved, escalated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, area_code = excluded.area_code,
                    path = excluded.path, severity = excluded.severity, reported_day = excluded.reported_day,
                    deaths = excluded.deaths, counted = excluded.counted, resolved = excluded.resolved,
                    escalated = excluded.escalated
                """, id, version, area, path, severity, reportedDay, deaths, counted, resolved, escalated);
    }

    static Map<String, Double> reportDeltas(String severity, int deaths, int sign) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(INC_REPORTED, (double) sign);
        d.put(INC_SEV + severity, (double) sign);
        if ("CRITICAL".equals(severity)) {
            d.put(INC_CRITICAL, (double) sign);
            if (deaths > 0) d.put(INC_CRITICAL_DEATHS, (double) sign);
        }
        if (deaths > 0) d.put(INC_DEATHS, (double) sign * deaths);
        return d;
    }
}
