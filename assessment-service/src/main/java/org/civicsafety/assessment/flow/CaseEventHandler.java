package org.civicsafety.assessment.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventData;

import java.time.Instant;
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
public class CaseEventHandler extends FlowEventHandler<CaseFile, CaseFile.Facts> {
    static final String PREFIX = "org.civicsafety.case.";

    @Inject CaseFileRepository cases;

    public CaseEventHandler() {
        super(PREFIX, "caseId", CaseFile::new);
    }

    @Override
    PanacheRepositoryBase<CaseFile, String> rows() {
        return cases;
    }

    @Override
    CaseFile.Facts count(FlowEvent e, boolean stale, CaseFile.Facts facts, Map<String, Double> d) {
        boolean registered = facts.registered();
        boolean assigned = facts.assigned();
        boolean acceptDecided = facts.acceptDecided();
        boolean accepted = facts.accepted();
        boolean resolved = facts.resolved();
        Boolean onTime = EventData.optBool(e.data(), "onTime");
        Instant due = EventData.optInstant(e.data(), "dueAt");
        // not-accepted carries no onTime: decided by its due date (no due date → within the deadline).
        boolean withinDue = onTime != null ? onTime : due == null || !e.at().isAfter(due);

        switch (e.kind()) {
            case "registered" -> {
                if (!registered) {
                    d.put(CASE_REGISTERED, 1.0);
                    if (Boolean.TRUE.equals(EventData.optBool(e.data(), "repeat")))
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
                if (e.kind().equals("accepted") && !accepted) {
                    d.put(CASE_ACCEPTED, 1.0);
                    accepted = true;
                }
            }
            case "answered", "finalized" -> {
                if (e.kind().equals("answered") && !stale && Boolean.TRUE.equals(onTime))
                    d.put(CASE_DEADLINE_MET, 1.0);
                if (!resolved) {
                    d.put(CASE_RESOLVED, 1.0);
                    resolved = true;
                }
            }
            case "rated" -> {
                String s = EventData.text(e.data(), "satisfaction");
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
        return new CaseFile.Facts(registered, assigned, acceptDecided, accepted, resolved);
    }
}
