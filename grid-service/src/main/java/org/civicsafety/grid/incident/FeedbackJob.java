package org.civicsafety.grid.incident;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.config.GridConfig;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Closes resolved incidents whose reporter neither confirmed, reopened nor was called back within the feedback
 * window (notices.md "Reporter feedback": 7 days). Rows are claimed with SKIP LOCKED, as the escalation job does,
 * so several instances can run it without closing one incident twice.
 */
@ApplicationScoped
public class FeedbackJob {
    @Inject IncidentRepository incidents;
    @Inject IncidentService service;
    @Inject GridConfig config;

    @Scheduled(every = "${grid.feedback.interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runOnce();
    }

    /** Closes every resolution unanswered right now; returns how many. */
    public int runOnce() {
        return ClaimedBatches.drain(this::batch);
    }

    private int batch() {
        OffsetDateTime now = IncidentService.now();
        List<Incident> unanswered = incidents.claimUnanswered(now.minus(config.feedback().window()),
                ClaimedBatches.SIZE);
        unanswered.forEach(i -> service.closeUnanswered(i, now));
        return unanswered.size();
    }
}
