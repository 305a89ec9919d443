package org.civicsafety.cases.casefile;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.civicsafety.cases.calendar.CalendarService;
import org.civicsafety.cases.calendar.DeadlineCalendar;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.Stage;
import org.civicsafety.cases.workflow.SystemAction;
import org.civicsafety.cases.workflow.TransitionTable.Transition;
import org.civicsafety.cases.workflow.TransitionTable;
import org.jboss.logging.Logger;

/**
 * The clock of the statute: takes the table's system rows — a passed deadline flagged once per stage
 * ({@code case.overdue} naming it), a lapsed petitioner window finalised, a long-open case put on the backlog — and
 * warns handling units of their deadlines three working days ahead, once per stage ({@code case_due_soon}).
 * Which states, deadline columns and limits to look at come from the rows; the cases are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and the (case, stage) key of {@code case_overdue} makes "exactly once" hold with
 * several instances running.
 */
@ApplicationScoped
public class DeadlineJobs {

    private static final Logger LOG = Logger.getLogger(DeadlineJobs.class);
    private static final int BATCH = 100;
    /** Units are warned this many working days before their deadlines (notices.md "Who is told what"). */
    static final int DUE_SOON_WORKING_DAYS = 3;

    @Inject CaseRepository cases;
    @Inject CaseService service;
    @Inject CalendarService calendar;
    @Inject CaseNotices notices;

    @Scheduled(every = "${cases.deadline-job-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf("deadline job failed (will retry): %s", e.getClass().getSimpleName());
        }
    }

    public void runOnce() {
        for (Transition t : TransitionTable.system(SystemAction.OVERDUE)) {
            while (flagOverdue(t) == BATCH) {
                // next batch
            }
        }
        for (Transition t : TransitionTable.system(SystemAction.LAPSE)) {
            while (lapse(t) == BATCH) {
                // next batch
            }
        }
        while (backlogLongOpen() == BATCH) {
            // next batch
        }
        for (Stage stage : Stage.values()) {
            if (stage.unitsDeadline()) {
                while (warnDueSoon(stage) == BATCH) {
                    // next batch
                }
            }
        }
    }

    /**
     * The unit is told once per stage when its deadline is {@link #DUE_SOON_WORKING_DAYS} working days away: the
     * deadline falls on or before the day that many working days after today.
     */
    @Transactional
    int warnDueSoon(Stage stage) {
        LocalDate today = DeadlineCalendar.localDate(Instant.now());
        OffsetDateTime bound = DeadlineCalendar.endOfDay(calendar.calendar().addWorkingDays(today,
                DUE_SOON_WORKING_DAYS));
        List<CaseEntity> due = cases.claimDueSoon(stage.state(), stage.column(), bound, stage.name(), BATCH);
        for (CaseEntity c : due) {
            if (cases.dueSoonOnce(c.id, stage.name())) {
                notices.dueSoon(c, stage);
            }
        }
        return due.size();
    }

    @Transactional
    int flagOverdue(Transition t) {
        Stage stage = t.deadline();
        List<CaseEntity> due = cases.claimPastDeadline(t.from(), stage.column(), stage.pausedByHearing(), stage.name(),
                BATCH);
        for (CaseEntity c : due) {
            if (cases.flagOnce(c.id, stage.name())) {
                service.applySystem(c, t);
            }
        }
        return due.size();
    }

    @Transactional
    int lapse(Transition t) {
        List<CaseEntity> lapsed = cases.claimPastDeadline(t.from(), t.deadline().column(),
                t.deadline().pausedByHearing(), null, BATCH);
        lapsed.forEach(c -> service.applySystem(c, t));
        return lapsed.size();
    }

    @Transactional
    int backlogLongOpen() {
        List<CaseEntity> old = cases.claimOpenLongerThan(
                TransitionTable.system(SystemAction.BACKLOG).stream().map(Transition::from).toList(),
                TransitionTable.BACKLOG_AFTER_DAYS, BATCH);
        old.forEach(c -> service.applySystem(c, TransitionTable.find(c.state, SystemAction.BACKLOG).orElseThrow()));
        return old.size();
    }
}
