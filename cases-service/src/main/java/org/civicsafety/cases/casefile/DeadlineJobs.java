package org.civicsafety.cases.casefile;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Enums.BacklogReason;
import org.civicsafety.cases.workflow.Stage;
import org.jboss.logging.Logger;
import org.civicsafety.cases.workflow.CaseEntity;

/**
 * The clock of the statute: flags every passed deadline once (case.overdue naming the stage),
 * finalises answers whose petitioner window lapsed, and puts long-open cases on the backlog.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and the (case, stage) key of
 * {@code case_overdue} makes "exactly once" hold with several instances running.
 */
@ApplicationScoped
public class DeadlineJobs {

    private static final Logger LOG = Logger.getLogger(DeadlineJobs.class);
    static final String SYSTEM = "system";
    private static final int BATCH = 100;

    @Inject CaseRepository cases;
    @Inject CaseJournal journal;

    @Scheduled(every = "${cases.deadline-job-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf("deadline job failed (will retry): %s", e.getClass().getSimpleName());
        }
    }

    public void runOnce() {
        for (Stage s : Stage.values()) {
            while (!s.lapses() && flagOverdue(s) == BATCH) {
                // next batch
            }
        }
        for (Stage s : Stage.values()) {
            while (s.lapses() && finalizeLapsed(s) == BATCH) {
                // next batch
            }
        }
        while (backlogLongOpen() == BATCH) {
            // next batch
        }
    }

    @Transactional
    int flagOverdue(Stage stage) {
        List<CaseEntity> due = cases.claimPastDeadline(stage.state(), stage.column(), true, stage.name(), BATCH);
        for (CaseEntity c : due) {
            if (!cases.flagOnce(c.id, stage.name())) {
                continue;
            }
            boolean newlyBacklogged = !c.backlog;
            c.overdue = true;
            c.backlog = true;
            if (newlyBacklogged) {
                c.backlogReason = BacklogReason.OVERDUE;
            }
            CaseService.touch(c, OffsetDateTime.now(ZoneOffset.UTC));
            journal.history(c, SYSTEM, SYSTEM, "OVERDUE", c.state, stage + " deadline passed");
            journal.event(c, "overdue", Map.of("stage", stage.name()));
            if (newlyBacklogged) {
                c.version++;
                journal.event(c, "backlogged", Map.of("reason", "OVERDUE"));
            }
        }
        return due.size();
    }

    @Transactional
    int finalizeLapsed(Stage window) {
        List<CaseEntity> lapsed = cases.claimPastDeadline(window.state(), window.column(), false, null, BATCH);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (CaseEntity c : lapsed) {
            CaseState from = c.state;
            c.state = CaseState.FINAL;
            c.finalizedAt = now;
            CaseService.touch(c, now);
            journal.history(c, SYSTEM, SYSTEM, "LAPSE", from, "the petitioner's 30-day window lapsed");
            journal.event(c, "finalized", null);
        }
        return lapsed.size();
    }

    /** Backlog trigger 2: open for more than 90 days. */
    @Transactional
    int backlogLongOpen() {
        List<CaseEntity> old = cases.claimOpenLongerThan(
                Arrays.stream(CaseState.values()).filter(CaseState::isOpen).toList(), 90, BATCH);
        for (CaseEntity c : old) {
            c.backlog = true;
            c.backlogReason = BacklogReason.OPEN_OVER_90_DAYS;
            CaseService.touch(c, OffsetDateTime.now(ZoneOffset.UTC));
            journal.history(c, SYSTEM, SYSTEM, "BACKLOG", c.state, "open for more than 90 days");
            journal.event(c, "backlogged", Map.of("reason", "OPEN_OVER_90_DAYS"));
        }
        return old.size();
    }
}
