package org.civicsafety.grid.incident;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.common.Jdbc;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Moves incidents that passed their deadline one level up (village → township → county) and flags
 * those past the county deadline as overdue. Rows are claimed with SKIP LOCKED so several instances
 * can run the job without doing the same incident twice.
 */
@ApplicationScoped
public class EscalationJob {
    private static final int BATCH = 100;

    @Inject
    Jdbc jdbc;
    @Inject
    IncidentService service;

    @Scheduled(every = "${grid.escalation.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runOnce();
    }

    /** Handles every incident overdue right now; returns how many were escalated or flagged. */
    public int runOnce() {
        int total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(this::batch);
            total += n;
        } while (n == BATCH);
        return total;
    }

    private int batch() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Incident> due = jdbc.query("SELECT " + IncidentRepository.COLUMNS + " FROM incident i"
                + " WHERE i.state IN ('DISPATCHED', 'IN_PROGRESS') AND NOT i.overdue AND i.due_at < ?"
                + " ORDER BY i.due_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", IncidentRepository::map, now);
        for (Incident i : due) {
            if (EscalationPolicy.up(i.level()) != null) {
                service.escalate(i, IncidentService.SYSTEM, IncidentService.SYSTEM, "deadline " + i.dueAt() + " passed",
                        now);
            } else {
                service.markOverdue(i, now);
            }
        }
        return due.size();
    }
}
