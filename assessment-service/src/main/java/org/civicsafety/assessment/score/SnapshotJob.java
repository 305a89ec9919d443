package org.civicsafety.assessment.score;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.AssessmentConfig;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.common.Ticker;
import org.civicsafety.assessment.model.ScoringModel;
import org.civicsafety.assessment.outbox.Outbox;
import org.civicsafety.assessment.outbox.OutboxRelay;
import org.civicsafety.assessment.risk.RiskWatch;
import org.civicsafety.assessment.warning.WarningService;
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
    static final List<String> TREND_METRICS = List.of(Metrics.INC_REPORTED, Metrics.CASE_REGISTERED);

    @Inject
    Db db;
    @Inject
    ScoreService scores;
    @Inject
    AreaRepository areas;
    @Inject
    CounterRepository counters;
    @Inject
    Calendar calendar;
    @Inject
    Outbox outbox;
    @Inject
    WarningService warnings;
    @Inject
    RiskWatch riskWatch;
    @Inject
    OutboxRelay outboxRelay;

    @Inject
    AssessmentConfig config;

    private Ticker ticker;

    void start(@Observes StartupEvent ev) {
        ticker = new Ticker("assessment-snapshot", config.snapshot().interval(), Duration.ofSeconds(1), this::tick);
        ticker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (ticker != null) ticker.stop();
    }

    /** Dirty groups were marked (and committed): snapshot them now rather than at the end of the interval. */
    public void wake() {
        Ticker t = ticker;
        if (t != null) t.wake();
    }

    void tick() {
        try {
            int n = 0;
            while (processOne()) n++;
            if (n > 0) outboxRelay.wake();
        } catch (RuntimeException e) {
            LOG.warnf(e, "snapshot job failed (will retry)");
        }
    }

    /** The running window moves every day: re-snapshot all groups shortly after midnight. */
    @Scheduled(cron = "0 5 0 * * ?", timeZone = "Asia/Shanghai")
    void daily() {
        QuarkusTransaction.requiringNew().run(() -> db.update("""
                INSERT INTO dirty_group (parent_code, period, priority)
                SELECT DISTINCT coalesce(parent_code, ''), p, 2 FROM area CROSS JOIN unnest(?::text[]) AS p ON CONFLICT DO NOTHING
                """, (Object) calendar.openPeriodKeys().toArray(String[]::new)));
    }

    /**
     * Claims one dirty group in its own short transaction (so the event consumer, which re-marks groups, never
     * waits for a long scoring transaction), then scores it; on failure the mark is put back.
     * The claim is a MATERIALIZED CTE, evaluated exactly once: as an `IN (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED)`
     * sub-query it is up to the plan, and a plan that re-runs it per outer row (each run skipping the rows the
     * statement already deleted) drains many groups while only the first returned one is scored.
     */
    boolean processOne() {
        String[] g = QuarkusTransaction.requiringNew().call(() -> db.one("""
                WITH claimed AS MATERIALIZED (
                    SELECT parent_code, period FROM dirty_group ORDER BY priority, marked_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                DELETE FROM dirty_group d USING claimed c WHERE d.parent_code = c.parent_code AND d.period = c.period
                RETURNING d.parent_code, d.period, d.priority
                """, rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}));
        if (g == null) return false;
        try {
            QuarkusTransaction.requiringNew().timeout(60).run(() -> snapshot(g[0].isEmpty() ? null : g[0], g[1]));
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> db.update(
                    "INSERT INTO dirty_group (parent_code, period, priority) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    g[0], g[1], Short.parseShort(g[2])));
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
        if (calendar.frozen(p)) return;
        List<Area> children = areas.children(parentCode);
        if (children.isEmpty()) return;
        ScoringModel model = scores.modelFor(p, children);
        List<Scoring.AreaResult> results = scores.compute(parentCode, children, p, model);
        List<ScoreService.Scored> group = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            group.add(new ScoreService.Scored(children.get(i), results.get(i), null, model.version()));
        }
        for (ScoreService.Scored s : group) {
            store(s, p);
            if (s.result().veto()) {
                warnings.raise("VETO", s.area().code(), s.area().path(), p.key(),
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
        Object[] prev = db.one("SELECT score, grade, rank, model_version, rank_of FROM area_score WHERE area_code = ? AND period = ? FOR UPDATE",
                rs -> new Object[]{rs.getObject(1) == null ? null : rs.getDouble(1), rs.getString(2),
                        rs.getObject(3) == null ? null : rs.getInt(3), rs.getInt(4), rs.getObject(5) == null ? null : rs.getInt(5)},
                s.area().code(), p.key());
        boolean changed = prev == null || !Objects.equals(prev[0], r.score()) || !Objects.equals(prev[1], r.grade())
                || !Objects.equals(prev[2], r.rank()) || !Objects.equals(prev[3], s.modelVersion())
                || !Objects.equals(prev[4], r.rankOf());
        if (!changed) return;
        db.update("""
                INSERT INTO area_score (area_code, period, model_version, score, grade, rank, rank_of, veto, coverage, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (area_code, period) DO UPDATE SET model_version = excluded.model_version, score = excluded.score,
                    grade = excluded.grade, rank = excluded.rank, rank_of = excluded.rank_of, veto = excluded.veto,
                    coverage = excluded.coverage, updated_at = now()
                """, s.area().code(), p.key(), s.modelVersion(), r.score(), r.grade(), r.rank(), r.rankOf(), r.veto(), r.coverage());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("areaCode", s.area().code());
        data.put("period", p.key());
        data.put("score", r.score());
        data.put("grade", r.grade());
        data.put("rank", r.rank());
        data.put("rankOf", r.rankOf());
        data.put("previousGrade", prev == null ? null : prev[1]);
        data.put("modelVersion", s.modelVersion());
        // One rising sequence for all score events: a consumer keeps the highest version per area and period.
        long version = db.one("SELECT nextval('score_event_seq')", rs -> rs.getLong(1));
        outbox.write(s.area().code(), Outbox.SCORE_CHANGED, version, data);
    }

    /** TREND_ALERT: incidents reported + cases registered in the period vs the same window's mean over past years. */
    private void trendAlerts(List<ScoreService.Scored> group, Period p, ScoringModel model) {
        List<String> codes = group.stream().map(s -> s.area().code()).toList();
        Map<String, Double> current = counters.daySum(codes, p.start(), p.end(), TREND_METRICS);
        int years = model.trend().baselineYears();
        Map<String, Double> baseline = new LinkedHashMap<>();
        for (int y = 1; y <= years; y++) {
            LocalDate[] w = p.yearsEarlier(y);
            counters.daySum(codes, w[0], w[1], TREND_METRICS).forEach((k, v) -> baseline.merge(k, v / years, Double::sum));
        }
        for (ScoreService.Scored s : group) {
            double c = current.getOrDefault(s.area().code(), 0.0), b = baseline.getOrDefault(s.area().code(), 0.0);
            if (!Scoring.trendAlert(c, b, model.trend().zThreshold())) continue;
            double z = Math.round(Scoring.trendZ(c, b) * 100) / 100.0;
            String reason = String.format("z = %.2f: %d events against a %d-year baseline of %.2f", z, (long) c, years, b);
            // The running window moves daily, so its alert is keyed by day; calendar periods once per period.
            String key = "TREND_ALERT|" + s.area().code() + "|" + p.key() + (p.type() == Period.Type.RUNNING ? "|" + p.end() : "");
            if (warnings.raise("TREND_ALERT", s.area().code(), s.area().path(), p.key(), reason, null, key)) {
                riskWatch.trendAlert(s.area(), p.key(), reason);
            }
        }
    }

    private void yellowCards(String parentCode, List<Area> children, Period p, ScoringModel model) {
        int depth = Math.max(model.yellowCard().lastPeriods(), model.yellowCard().unqualifiedPeriods());
        List<List<Scoring.AreaResult>> history = new ArrayList<>();
        Period q = p;
        for (int i = 0; i < depth; i++, q = q.previous()) history.add(scores.compute(parentCode, children, q, model));
        for (int a = 0; a < children.size(); a++) {
            List<Scoring.AreaResult> standings = new ArrayList<>();
            for (List<Scoring.AreaResult> h : history) standings.add(h.get(a));
            String reason = Scoring.yellowCard(standings, model.yellowCard());
            if (reason != null) {
                Area area = children.get(a);
                warnings.raise("YELLOW_CARD", area.code(), area.path(), p.key(), reason, null,
                        "YELLOW_CARD|" + area.code() + "|" + p.key());
            }
        }
    }
}
