package org.civicsafety.cases.mediation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The mediation's clock: a running mediation whose deadline passed is flagged once ({@code mediation.overdue}, the
 * table's OVERDUE row), its mediators' units or its area's supervisors told. Claimed with
 * {@code FOR UPDATE SKIP LOCKED}; the flag set in the same transaction makes "once" hold on several instances.
 */
@ApplicationScoped
public class MediationJobs {

    private static final Logger LOG = Logger.getLogger(MediationJobs.class);
    private static final int BATCH = 100;

    @Inject MediationRepository mediations;
    @Inject MediationService service;

    @Scheduled(every = "${cases.deadline-job-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf("mediation deadline job failed (will retry): %s", e.getClass().getSimpleName());
        }
    }

    public void runOnce() {
        while (flagOverdue() == BATCH) {
            // next batch
        }
    }

    @Transactional
    int flagOverdue() {
        List<MediationEntity> due = mediations.claimOverdue(BATCH);
        for (MediationEntity m : due) {
            service.applySystem(m, MediationTable.find(m.state, MediationAction.OVERDUE).orElseThrow());
        }
        return due.size();
    }
}
