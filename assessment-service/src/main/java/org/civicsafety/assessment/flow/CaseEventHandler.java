package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.messaging.EventData;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.civicsafety.assessment.indicator.Counters.*;

/**
 * org.civicsafety.case.*.v1 → case counters (I4–I8). Count-once facts (registered, assigned, acceptance
 * decided, accepted, resolved) are flagged per case and count whatever order the events arrive in; the
 * version only guards the case's latest state (area, path). Every deadline outcome (met: answered on time;
 * missed: overdue) and every rating counts, so those have no flag: they are counted only from events newer
 * than any seen, which keeps a re-sent copy from counting twice.
 */
@ApplicationScoped
public class CaseEventHandler extends FlowEventHandler {
    static final String PREFIX = "org.civicsafety.case.";

    public CaseEventHandler() { super(PREFIX); }

    record Row(long version, String areaCode, String[] path, boolean registered, boolean assigned, boolean acceptDecided, boolean accepted, boolean resolved) {}

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        String kind = kind(event);
        String id = EventData.required(data, "caseId");
        long version = EventData.version(data);
        String area = EventData.required(data, "areaCode");
        String[] path = EventData.path(data, area);
        Instant at = EventData.occurredAt(data, event.getTime());

        Row row = db.one("SELECT * FROM case_file WHERE id = ? FOR UPDATE", rs -> new Row(rs.getLong("version"),
                rs.getString("area_code"), Db.strings(rs, "path"), rs.getBoolean("registered"), rs.getBoolean("assigned"), rs.getBoolean("accept_decided"),
                rs.getBoolean("accepted"), rs.getBoolean("resolved")), id);
        boolean stale = row != null && version <= row.version(); // an older (or repeated) copy: its state is not news

        boolean registered = row != null && row.registered();
        boolean assigned = row != null && row.assigned();
        boolean acceptDecided = row != null && row.acceptDecided();
        boolean accepted = row != null && row.accepted();
        boolean resolved = row != null && row.resolved();
        Map<String, Double> d = new LinkedHashMap<>();
        Boolean onTime = EventData.optBool(data, "onTime");
        Instant due = EventData.optInstant(data, "dueAt");
        // not-accepted carries no onTime: decided by its due date (no due date → within the deadline).
        boolean withinDue = onTime != null ? onTime : due == null || !at.isAfter(due);

        switch (kind) {
            case "registered" -> {
                if (!registered) {
                    d.put(CASE_REGISTERED, 1.0);
                    if (Boolean.TRUE.equals(EventData.optBool(data, "repeat"))) d.put(CASE_REPEAT, 1.0);
                    registered = true;
                }
            }
            case "assigned" -> {
                if (!assigned) {
                    d.put(CASE_ASSIGNED, 1.0);
                    assigned = true;
                }
            }
            case "accepted", "not-accepted" -> {
                if (!acceptDecided) {
                    if (withinDue) {
                        d.put(CASE_ACCEPT_DECIDED_ON_TIME, 1.0);
                        d.put(CASE_DEADLINE_MET, 1.0);
                    }
                    acceptDecided = true;
                }
                if (kind.equals("accepted") && !accepted) {
                    d.put(CASE_ACCEPTED, 1.0);
                    accepted = true;
                }
            }
            case "answered" -> {
                if (!stale && Boolean.TRUE.equals(onTime)) d.put(CASE_DEADLINE_MET, 1.0);
                if (!resolved) {
                    d.put(CASE_RESOLVED, 1.0);
                    resolved = true;
                }
            }
            case "finalized" -> {
                if (!resolved) {
                    d.put(CASE_RESOLVED, 1.0);
                    resolved = true;
                }
            }
            case "rated" -> {
                String s = EventData.text(data, "satisfaction");
                if (!stale && s != null) {
                    d.put(CASE_RATED, 1.0);
                    double points = switch (s) {
                        case "SATISFIED" -> 1.0;
                        case "BASICALLY_SATISFIED" -> 0.5;
                        default -> 0.0;
                    };
                    if (points > 0) d.put(CASE_SATISFACTION_POINTS, points);
                }
            }
            case "overdue" -> {
                if (!stale) d.put(CASE_OVERDUE, 1.0);
            }
            default -> { }
        }
        counters.add(path, calendar.day(at), d);
        db.update("""
                INSERT INTO case_file (id, version, area_code, path, registered, assigned, accept_decided, accepted, resolved)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, area_code = excluded.area_code, path = excluded.path,
                    registered = excluded.registered, assigned = excluded.assigned, accept_decided = excluded.accept_decided,
                    accepted = excluded.accepted, resolved = excluded.resolved
                """, id, stale ? row.version() : version, stale ? row.areaCode() : area, stale ? row.path() : path, registered, assigned, acceptDecided, accepted, resolved);
    }
}
