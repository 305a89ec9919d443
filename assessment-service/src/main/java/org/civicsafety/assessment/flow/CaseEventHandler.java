package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject CaseFileRepository cases;

    public CaseEventHandler() {
        super(PREFIX);
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        String kind = kind(event);
        String id = EventData.required(data, "caseId");
        long version = EventData.version(data);
        String area = EventData.required(data, "areaCode");
        String[] path = EventData.path(data, area);
        Instant at = EventData.occurredAt(data, event.getTime());

        CaseFile row = cases.locked(id);
        boolean stale = row != null && version <= row.version; // an older (or repeated) copy: its state is not news

        boolean registered = row != null && row.registered;
        boolean assigned = row != null && row.assigned;
        boolean acceptDecided = row != null && row.acceptDecided;
        boolean accepted = row != null && row.accepted;
        boolean resolved = row != null && row.resolved;
        Map<String, Double> d = new LinkedHashMap<>();
        Boolean onTime = EventData.optBool(data, "onTime");
        Instant due = EventData.optInstant(data, "dueAt");
        // not-accepted carries no onTime: decided by its due date (no due date → within the deadline).
        boolean withinDue = onTime != null ? onTime : due == null || !at.isAfter(due);

        switch (kind) {
            case "registered" -> {
                if (!registered) {
                    d.put(CASE_REGISTERED, 1.0);
                    if (Boolean.TRUE.equals(EventData.optBool(data, "repeat")))
                        d.put(CASE_REPEAT, 1.0);
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
                if (!stale && Boolean.TRUE.equals(onTime))
                    d.put(CASE_DEADLINE_MET, 1.0);
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
                    double points = satisfactionPoints(s);
                    if (points > 0)
                        d.put(CASE_SATISFACTION_POINTS, points);
                }
            }
            case "overdue" -> {
                if (!stale)
                    d.put(CASE_OVERDUE, 1.0);
            }
            default -> {}
        }
        counters.add(path, calendar.day(at), d);
        CaseFile kept = row != null ? row : new CaseFile(id);
        kept.record(stale ? row.version : version, stale ? row.areaCode : area, stale ? row.path : path, registered,
                assigned,
                acceptDecided, accepted, resolved);
        if (row == null)
            cases.persist(kept); // inserted when the batch flushes
    }
}
