package org.civicsafety.assessment.score;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.AssessmentConfig;
import org.civicsafety.assessment.common.Ticker;
import org.civicsafety.assessment.counter.CounterRepository;
import org.civicsafety.assessment.counter.SnapshotWake;
import org.civicsafety.assessment.indicator.Counters;
import org.civicsafety.assessment.model.ScoringModel;
import org.civicsafety.assessment.outbox.EventType;
import org.civicsafety.assessment.outbox.Outbox;
import org.civicsafety.assessment.outbox.OutboxRelay;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.period.Period;
import org.civicsafety.assessment.risk.RiskWatch;
import org.civicsafety.assessment.warning.WarningService;
import org.civicsafety.assessment.warning.WarningType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Works off dirty sibling groups: re-scores just those groups (from counters, cheap), stores the snapshot,
 * emits score.changed for areas whose score, grade or rank moved, and raises VETO, TREND_ALERT, YELLOW_CARD
 * (and REASSESS via {@link RiskWatch}) warnings. Groups are claimed with SKIP LOCKED so instances cooperate.
 */
@ApplicationScoped
public class SnapshotJob {
    private static final Logger LOG = Logger.getLogger(SnapshotJob.class);

    @Inject ScoreService scores;
    @Inject ScoreRepository snapshots;
    @Inject AreaRepository areas;
    @Inject CounterRepository counters;
    @Inject Calendar calendar;
    @Inject Outbox outbox;
    @Inject WarningService warnings;
    @Inject RiskWatch riskWatch;
    @Inject OutboxRelay outboxRelay;

    @Inject AssessmentConfig config;
    @Inject EntityManager em;

    private Ticker ticker;

    void start(@Observes StartupEvent ev) {
        ticker = new Ticker("assessment-snapshot", config.snapshot().interval(), Duration.ofSeconds(1), this::tick);
        ticker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (ticker != null)
            ticker.stop();
    }

    /** Dirty groups were marked (and committed): snapshot them now rather than at the end of the interval. */
    void wake(@Observes SnapshotWake.Requested requested) {
        Ticker t = ticker;
        if (t != null)
            t.wake();
    }

    void tick() {
        try {
            int n = 0;
            while (processOne())
                n++;
            if (n > 0)
                outboxRelay.wake();
        } catch (RuntimeException e) {
            LOG.warnf(e, "snapshot job failed (will retry)");
        }
    }

    /** The running window moves every day: re-snapshot all groups shortly after midnight. */
    @Scheduled(cron = "0 5 0 * * ?", timeZone = "Asia/Shanghai")
    void daily() {
        QuarkusTransaction.requiringNew().run(() -> counters.markAllGroups(calendar.openPeriodKeys()));
    }

    /**
     * Claims one dirty group in its own short transaction (so the event consumer, which re-marks groups, never
     * waits for a long scoring transaction), then scores it; on failure the mark is put back.
     */
    boolean processOne() {
        CounterRepository.DirtyGroup g = QuarkusTransaction.requiringNew().call(counters::claimDirty);
        if (g == null)
            return false;
        try {
            QuarkusTransaction.requiringNew().timeout(60).run(() -> {
                // Everything a snapshot writes is SQL or an outbox insert: no query needs the session flushed first,
                // and flushing before each of a large group's thousands of statements would cost O(n²).
                em.setFlushMode(FlushModeType.COMMIT);
                snapshot(g.parent(), g.period());
            });
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> counters.putBack(g));
            throw e;
        }
        return true;
    }

    public void snapshot(String parentCode, String periodKey) {
        Period p;
        try {
            p = calendar.parse(periodKey);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (calendar.frozen(p))
            return;
        List<Area> children = areas.children(parentCode);
        if (children.isEmpty())
            return;
        ScoringModel model = scores.modelFor(p, children);
        List<Scoring.AreaResult> results = scores.compute(parentCode, children, p, model);
        List<ScoreService.Scored> group = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            group.add(new ScoreService.Scored(children.get(i), results.get(i), null, model.version()));
        }
        for (ScoreService.Scored s : group) {
            store(s, p);
            if (s.result().veto()) {
                warnings.raise(WarningType.VETO, s.area().code(), s.area().path(), p.key(),
                        "one-vote veto: " + String.join(", ", s.result().vetoTriggers()), null,
                        "VETO|" + s.area().code() + "|" + p.key());
            }
        }
        trendAlerts(group, p, model);
        if (p.type() != Period.Type.RUNNING) {
            // A period's standing also decides the cards of the periods after it (late events arrive in any order).
            int depth = Math.max(model.yellowCard().lastPeriods(), model.yellowCard().unqualifiedPeriods());
            Period q = p;
            for (int i = 0; i < depth && !q.start().isAfter(calendar.today()); i++, q = q.next()) {
                yellowCards(parentCode, children, q, model);
            }
        }
    }

    private void store(ScoreService.Scored s, Period p) {
        Scoring.AreaResult r = s.result();
        ScoreRepository.Snapshot prev = snapshots.lock(s.area().code(), p.key());
        boolean changed = prev == null || !Objects.equals(prev.score(), r.score())
                || !Objects.equals(prev.grade(), r.grade())
                || !Objects.equals(prev.rank(), r.rank()) || prev.modelVersion() != s.modelVersion()
                || !Objects.equals(prev.rankOf(), r.rankOf());
        if (!changed)
            return;
        snapshots.store(s.area().code(), p.key(), s.modelVersion(), r);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("areaCode", s.area().code());
        data.put("period", p.key());
        data.put("score", r.score());
        data.put("grade", r.grade());
        data.put("rank", r.rank());
        data.put("rankOf", r.rankOf());
        data.put("previousGrade", prev == null ? null : prev.grade());
        data.put("modelVersion", s.modelVersion());
        long version = snapshots.nextEventVersion();
        outbox.write(s.area().code(), EventType.SCORE_CHANGED, version, data);
    }

    /** TREND_ALERT: incidents reported + cases registered in the period vs the same window's mean over past years. */
    private void trendAlerts(List<ScoreService.Scored> group, Period p, ScoringModel model) {
        List<String> codes = group.stream().map(s -> s.area().code()).toList();
        Map<String, Double> current = counters.daySum(codes, p.start(), p.end(), Counters.TREND);
        int years = model.trend().baselineYears();
        Map<String, Double> baseline = new LinkedHashMap<>();
        for (int y = 1; y <= years; y++) {
            LocalDate[] w = p.yearsEarlier(y);
            counters.daySum(codes, w[0], w[1], Counters.TREND)
                    .forEach((k, v) -> baseline.merge(k, v / years, Double::sum));
        }
        for (ScoreService.Scored s : group) {
            double c = current.getOrDefault(s.area().code(), 0.0), b = baseline.getOrDefault(s.area().code(), 0.0);
            if (!Scoring.trendAlert(c, b, model.trend().zThreshold()))
                continue;
            double z = Math.round(Scoring.trendZ(c, b) * 100) / 100.0;
            String reason = String.format("z = %.2f: %d events against a %d-year baseline of %.2f", z, (long) c, years,
                    b);
            // The running window moves daily, so its alert is keyed by day; calendar periods once per period.
            String key = "TREND_ALERT|" + s.area().code() + "|" + p.key()
                    + (p.type() == Period.Type.RUNNING ? "|" + p.end() : "");
            if (warnings.raise(WarningType.TREND_ALERT, s.area().code(), s.area().path(), p.key(), reason, null, key)) {
                riskWatch.trendAlert(s.area(), p.key(), reason);
            }
        }
    }

    private void yellowCards(String parentCode, List<Area> children, Period p, ScoringModel model) {
        int depth = Math.max(model.yellowCard().lastPeriods(), model.yellowCard().unqualifiedPeriods());
        List<List<Scoring.AreaResult>> history = new ArrayList<>();
        Period q = p;
        for (int i = 0; i < depth; i++, q = q.previous())
            history.add(scores.compute(parentCode, children, q, model));
        for (int a = 0; a < children.size(); a++) {
            List<Scoring.AreaResult> standings = new ArrayList<>();
            for (List<Scoring.AreaResult> h : history)
                standings.add(h.get(a));
            String reason = Scoring.yellowCard(standings, model.yellowCard());
            if (reason != null) {
                Area area = children.get(a);
                warnings.raise(WarningType.YELLOW_CARD, area.code(), area.path(), p.key(), reason, null,
                        "YELLOW_CARD|" + area.code() + "|" + p.key());
            }
        }
    }
}
