package org.civicsafety.cases.casefile;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

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

    @Inject EntityManager em;
    @Inject CaseJournal journal;

    /** Stage name → state it belongs to and its deadline column. */
    private static final String[][] STAGES = {
            {"TRIAGE", "REGISTERED", "triage_due_at"},
            {"ACCEPTANCE", "ASSIGNED", "acceptance_due_at"},
            {"HANDLING", "IN_HANDLING", "handling_due_at"},
            {"REVIEW", "IN_REVIEW", "review_due_at"},
            {"RE_REVIEW", "IN_RE_REVIEW", "re_review_due_at"},
    };

    @Scheduled(every = "${cases.deadline-job-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf("deadline job failed (will retry): %s", e.getClass().getSimpleName());
        }
    }

    public void runOnce() {
        for (String[] s : STAGES) {
            while (flagOverdue(s[0], s[1], s[2]) == BATCH) {
                // next batch
            }
        }
        while (finalizeLapsed() == BATCH) {
            // next batch
        }
        while (backlogLongOpen() == BATCH) {
            // next batch
        }
    }

    @Transactional
    int flagOverdue(String stage, String state, String column) {
        List<CaseEntity> due = claim("""
                SELECT * FROM petition_case c
                WHERE c.state = '%s' AND c.%s < now() AND NOT c.hearing
                  AND NOT EXISTS (SELECT 1 FROM case_overdue o WHERE o.case_id = c.id AND o.stage = '%s')
                ORDER BY c.%s LIMIT %d FOR UPDATE SKIP LOCKED""".formatted(state, column, stage, column, BATCH));
        for (CaseEntity c : due) {
            int fresh = em.createNativeQuery("INSERT INTO case_overdue (case_id, stage) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, c.id).setParameter(2, stage).executeUpdate();
            if (fresh == 0) {
                continue;
            }
            boolean newlyBacklogged = !c.backlog;
            c.overdue = true;
            c.backlog = true;
            if (newlyBacklogged) {
                c.backlogReason = "OVERDUE";
            }
            CaseService.touch(c, OffsetDateTime.now(ZoneOffset.UTC));
            journal.history(c, SYSTEM, SYSTEM, "OVERDUE", c.state, stage + " deadline passed");
            journal.event(c, "overdue", Map.of("stage", stage));
            if (newlyBacklogged) {
                c.version++;
                journal.event(c, "backlogged", Map.of("reason", "OVERDUE"));
            }
        }
        return due.size();
    }

    @Transactional
    int finalizeLapsed() {
        List<CaseEntity> lapsed = claim("""
                SELECT * FROM petition_case c
                WHERE (c.state = 'ANSWERED' AND c.answer_window_due_at < now())
                   OR (c.state = 'REVIEW_ANSWERED' AND c.review_window_due_at < now())
                LIMIT %d FOR UPDATE SKIP LOCKED""".formatted(BATCH));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (CaseEntity c : lapsed) {
            String from = c.state;
            c.state = "FINAL";
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
        List<CaseEntity> old = claim("""
                SELECT * FROM petition_case c
                WHERE NOT c.backlog AND c.registered_at < now() - interval '90 days'
                  AND c.state IN ('REGISTERED', 'ASSIGNED', 'IN_HANDLING', 'ANSWERED', 'IN_REVIEW',
                                  'REVIEW_ANSWERED', 'IN_RE_REVIEW')
                LIMIT %d FOR UPDATE SKIP LOCKED""".formatted(BATCH));
        for (CaseEntity c : old) {
            c.backlog = true;
            c.backlogReason = "OPEN_OVER_90_DAYS";
            CaseService.touch(c, OffsetDateTime.now(ZoneOffset.UTC));
            journal.history(c, SYSTEM, SYSTEM, "BACKLOG", c.state, "open for more than 90 days");
            journal.event(c, "backlogged", Map.of("reason", "OPEN_OVER_90_DAYS"));
        }
        return old.size();
    }

    @SuppressWarnings("unchecked")
    private List<CaseEntity> claim(String sql) {
        return em.createNativeQuery(sql, CaseEntity.class).getResultList();
    }

}
