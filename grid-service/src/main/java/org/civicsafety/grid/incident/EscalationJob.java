package org.civicsafety.grid.incident;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Moves incidents that passed their deadline one level up (village → township → county) and flags
 * those past the county deadline as overdue; tells handling units whose incidents have used 75 % of their time.
 * Rows are claimed with SKIP LOCKED so several instances can run the job without doing the same incident twice.
 */
@ApplicationScoped
public class EscalationJob {
    @Inject IncidentRepository incidents;
    @Inject IncidentService service;
    @Inject IncidentNotices notices;

    @Scheduled(every = "${grid.escalation.interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runOnce();
    }

    /** Handles every incident overdue right now; returns how many were escalated or flagged. */
    public int runOnce() {
        return ClaimedBatches.drain(this::batch);
    }

    @Scheduled(every = "${grid.escalation.interval}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledDueSoon() {
        warnDueSoon();
    }

    /** Tells the unit of every incident due soon that was not told in this stage yet; returns how many. */
    public int warnDueSoon() {
        return ClaimedBatches.drain(() -> {
            List<Incident> due = incidents.claimDueSoon(IncidentService.now(), ClaimedBatches.SIZE);
            due.forEach(notices::dueSoon);
            return due.size();
        });
    }

    private int batch() {
        OffsetDateTime now = IncidentService.now();
        List<Incident> late = incidents.claimLate(now, ClaimedBatches.SIZE);
        late.forEach(i -> service.late(i, now));
        return late.size();
    }
}
