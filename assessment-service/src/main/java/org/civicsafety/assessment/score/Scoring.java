package org.civicsafety.assessment.score;

import org.civicsafety.assessment.model.ScoringModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.civicsafety.assessment.score.Metrics.*;

/**
 * The safety-index maths, pure: counters of one sibling group (and its parent and county) in, scores,
 * grades, ranks and explanations out. Nothing here touches the database.
 */
public final class Scoring {
    private Scoring() { }

    public record Survey(double value, double sampleSize) {}

    /** One area of the group: its pooled counters (area and all its descendants), population and surveys. */
    public record AreaInput(String code, Map<String, Double> counts, Long population, Survey i9, Survey i10) {}

    /**
     * @param parentCounts pooled counters of the group's parent (proportions are smoothed toward it); null for roots
     * @param countyRate   the county's severity-weighted rate per 10,000 (I1 baseline); null when unknown
     */
    public record GroupInput(List<AreaInput> areas, Map<String, Double> parentCounts, Double countyRate) {}

    public record IndicatorResult(String id, Double numerator, Double denominator, Double raw, Double smoothed,
                                  Double normalised, double weight, boolean available, String note,
                                  Double contribution, Double pointsLost) {}

    public record Penalty(double criticalIncidents, double deaths, double points) {}

    public record AreaResult(String code, Double score, Double baseScore, String grade, Integer rank, Integer rankOf,
                             boolean last, boolean veto, List<String> vetoTriggers, double coverage,
                             List<IndicatorResult> indicators, List<String> topLosers, Penalty penalty) {}

    // ---------------------------------------------------------------- building blocks

    /** p̃ = (x + m·p_parent)/(n + m); without a parent value the raw proportion. */
    public static double smoothProportion(double x, double n, Double parentP, double m) {
        if (parentP == null) return n == 0 ? 0 : x / n;
        return (x + m * parentP) / (n + m);
    }

    /** Empirical Bayes for rates among siblings (method of moments, Marshall 1991). */
    public record EbPrior(double mean, double variance) {
        /** W·r + (1−W)·μ with W = v/(v + μ/P); P in the rate's population units. */
        public double shrink(double x, double p) {
            double r = x / p;
            if (mean <= 0) return r;
            double w = variance / (variance + mean / p);
            return w * r + (1 - w) * mean;
        }

        public double weight(double p) {
            if (mean <= 0) return 1;
            return variance / (variance + mean / p);
        }
    }

    /** @param xs numerators, ps population units (both same length, ps > 0) */
    public static EbPrior ebPrior(double[] xs, double[] ps) {
        double sx = 0, sp = 0;
        for (int i = 0; i < xs.length; i++) { sx += xs[i]; sp += ps[i]; }
        if (sp <= 0) return new EbPrior(0, 0);
        double mu = sx / sp;
        double s2 = 0;
        for (int i = 0; i < xs.length; i++) {
            double r = xs[i] / ps[i];
            s2 += ps[i] * (r - mu) * (r - mu);
        }
        s2 /= sp;
        double pBar = sp / xs.length;
        return new EbPrior(mu, Math.max(0, s2 - mu / pBar));
    }

    public static double clamp01(double v) { return Math.max(0, Math.min(1, v)); }

    public static double normaliseHigherBetter(double x, double lower, double upper) {
        return 100 * clamp01((x - lower) / (upper - lower));
    }

    public static double normaliseLowerBetter(double x, double lower, double upper) {
        return 100 * clamp01((upper - x) / (upper - lower));
    }

    /** I1 from the ratio to the county rate: piecewise linear through (best,100), (mid,midScore), (worst,0). */
    public static double normaliseI1(double ratio, ScoringModel.I1Goalposts g) {
        if (ratio <= g.bestRatio()) return 100;
        if (ratio <= g.midRatio())
            return 100 - (ratio - g.bestRatio()) / (g.midRatio() - g.bestRatio()) * (100 - g.midScore());
        if (ratio < g.worstRatio())
            return g.midScore() - (ratio - g.midRatio()) / (g.worstRatio() - g.midRatio()) * g.midScore();
        return 0;
    }

    public static String grade(double score, ScoringModel.Grades g) {
        if (score >= g.excellent()) return "EXCELLENT";
        if (score >= g.qualified()) return "QUALIFIED";
        if (score >= g.basic()) return "BASIC";
        return "UNQUALIFIED";
    }

    /** Poisson trend statistic (variance-stabilised): z = 2(√c − √b). */
    public static double trendZ(double current, double baseline) {
        return 2 * (Math.sqrt(current) - Math.sqrt(baseline));
    }

    /** A trend alert needs a baseline (no history, no test) and |z| at or above the threshold. */
    public static boolean trendAlert(double current, double baseline, double threshold) {
        return baseline > 0 && Math.abs(trendZ(current, baseline)) >= threshold;
    }

    /** Severity-weighted incident count Σ sₖ·nₖ. */
    public static double severityWeighted(Map<String, Double> counts, Map<String, Double> weights) {
        double sum = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) sum += w.getValue() * get(counts, INC_SEV + w.getKey());
        return sum;
    }

    public static double ratePer10k(double weighted, long population) {
        return weighted / (population / 10_000.0);
    }

    static double get(Map<String, Double> m, String k) {
        if (m == null) return 0;
        Double v = m.get(k);
        return v == null ? 0 : v;
    }

    static double round2(double v) { return Math.round(v * 100) / 100.0; }

    static Double round4(Double v) { return v == null ? null : Math.round(v * 10_000) / 10_000.0; }

    /** numerator and denominator of the proportion indicators I2–I8. */
    static double[] proportion(String id, Map<String, Double> c) {
        return switch (id) {
            case "I2" -> new double[]{get(c, INC_RESOLVED_ON_TIME), get(c, INC_RESOLVED)};
            case "I3" -> new double[]{get(c, INC_ESCALATED), get(c, INC_REPORTED)};
            case "I4" -> new double[]{get(c, CASE_RESOLVED), get(c, CASE_ACCEPTED)};
            case "I5" -> new double[]{get(c, CASE_OVERDUE), get(c, CASE_DEADLINE_MET) + get(c, CASE_OVERDUE)};
            case "I6" -> new double[]{get(c, CASE_REPEAT), get(c, CASE_REGISTERED)};
            case "I7" -> new double[]{get(c, CASE_ACCEPT_DECIDED_ON_TIME), get(c, CASE_ASSIGNED)};
            case "I8" -> new double[]{get(c, CASE_SATISFACTION_POINTS), get(c, CASE_RATED)};
            default -> throw new IllegalArgumentException(id);
        };
    }

    // ---------------------------------------------------------------- the group

    public static List<AreaResult> scoreGroup(GroupInput in, ScoringModel model) {
        // Siblings' prior for the I1 rate (only areas with a population take part).
        List<double[]> rates = new ArrayList<>();
        for (AreaInput a : in.areas()) {
            if (a.population() != null && a.population() > 0)
                rates.add(new double[]{severityWeighted(a.counts(), model.severityWeights()), a.population() / 10_000.0});
        }
        EbPrior prior = ebPrior(rates.stream().mapToDouble(r -> r[0]).toArray(), rates.stream().mapToDouble(r -> r[1]).toArray());

        List<AreaResult> results = new ArrayList<>();
        for (AreaInput a : in.areas()) results.add(scoreArea(a, in, prior, model));
        return rank(results);
    }

    static AreaResult scoreArea(AreaInput a, GroupInput in, EbPrior prior, ScoringModel model) {
        List<IndicatorResult> inds = new ArrayList<>();
        double totalWeight = 0, availWeight = 0;
        for (String id : ScoringModel.IDS) totalWeight += model.indicators().get(id).weight();

        // First pass: values and availability; contributions need the available weight.
        List<Object[]> pass = new ArrayList<>();
        for (String id : ScoringModel.IDS) {
            ScoringModel.Indicator spec = model.indicators().get(id);
            Double num, den, raw = null, smoothed = null, s = null;
            String note = null;
            boolean available;
            switch (id) {
                case "I1" -> {
                    num = severityWeighted(a.counts(), model.severityWeights());
                    den = a.population() == null || a.population() <= 0 ? null : a.population() / 10_000.0;
                    available = den != null;
                    if (!available) note = "population unknown";
                    else {
                        raw = num / den;
                        smoothed = prior.shrink(num, den);
                        Double county = in.countyRate();
                        double ratio = county == null || county <= 0 ? (smoothed <= 0 ? 0 : model.i1().worstRatio()) : smoothed / county;
                        s = normaliseI1(ratio, model.i1());
                        note = "ratio to county rate " + round4(ratio);
                    }
                }
                case "I9", "I10" -> {
                    Survey sv = id.equals("I9") ? a.i9() : a.i10();
                    num = sv == null ? null : sv.value();
                    den = sv == null ? null : sv.sampleSize();
                    available = sv != null && sv.sampleSize() >= model.minDenominator();
                    if (sv == null) note = "no survey";
                    else {
                        raw = sv.value();
                        smoothed = sv.value();
                        if (!available) note = "insufficient sample";
                        else s = normaliseHigherBetter(sv.value(), spec.lower(), spec.upper());
                    }
                }
                default -> {
                    double[] xn = proportion(id, a.counts());
                    double n = xn[1], x = Math.min(xn[0], n);
                    num = xn[0];
                    den = n;
                    available = n >= model.minDenominator() && n > 0;
                    if (n > 0) {
                        raw = x / n;
                        Double parentP = null;
                        if (in.parentCounts() != null) {
                            double[] pxn = proportion(id, in.parentCounts());
                            if (pxn[1] > 0) parentP = Math.min(pxn[0], pxn[1]) / pxn[1];
                        }
                        smoothed = smoothProportion(x, n, parentP, model.smoothingM());
                    }
                    if (!available) note = "insufficient data (denominator below " + (int) model.minDenominator() + ")";
                    else s = ScoringModel.LOWER_IS_BETTER.contains(id)
                            ? normaliseLowerBetter(smoothed, spec.lower(), spec.upper())
                            : normaliseHigherBetter(smoothed, spec.lower(), spec.upper());
                }
            }
            if (available && spec.weight() > 0) availWeight += spec.weight();
            pass.add(new Object[]{id, num, den, raw, smoothed, s, spec.weight(), available, note});
        }

        Double base = null;
        if (availWeight > 0) {
            double sum = 0;
            for (Object[] p : pass) if ((Boolean) p[7]) sum += (Double) p[6] * (Double) p[5];
            base = sum / availWeight;
        }
        for (Object[] p : pass) {
            boolean av = (Boolean) p[7];
            double w = (Double) p[6];
            Double contribution = av && availWeight > 0 ? w * (Double) p[5] / availWeight : null;
            Double lost = av && availWeight > 0 ? w * (100 - (Double) p[5]) / availWeight : null;
            inds.add(new IndicatorResult((String) p[0], round4((Double) p[1]), round4((Double) p[2]), round4((Double) p[3]),
                    round4((Double) p[4]), p[5] == null ? null : round2((Double) p[5]), w, av, (String) p[8],
                    contribution == null ? null : round2(contribution), lost == null ? null : round2(lost)));
        }
        List<String> losers = inds.stream().filter(i -> i.pointsLost() != null && i.pointsLost() > 0)
                .sorted(Comparator.comparing(IndicatorResult::pointsLost).reversed().thenComparing(IndicatorResult::id))
                .limit(3).map(IndicatorResult::id).toList();

        double critical = get(a.counts(), INC_CRITICAL), deaths = get(a.counts(), INC_DEATHS);
        double points = critical * model.penalties().perCriticalIncident() + deaths * model.penalties().perDeath();
        Double score = base == null ? null : round2(Math.max(0, base - points));

        List<String> triggers = new ArrayList<>();
        double criticalWithDeaths = get(a.counts(), INC_CRITICAL_DEATHS);
        if (model.veto().criticalIncidentsWithDeaths() > 0 && criticalWithDeaths >= model.veto().criticalIncidentsWithDeaths())
            triggers.add("CRITICAL_INCIDENT_WITH_DEATHS: " + (long) criticalWithDeaths);
        if (model.veto().deaths() > 0 && deaths >= model.veto().deaths())
            triggers.add("DEATHS: " + (long) deaths);
        boolean veto = !triggers.isEmpty();
        double coverage = totalWeight == 0 ? 0 : availWeight / totalWeight;
        String grade = veto ? "UNQUALIFIED"
                : score == null || coverage < model.minCoverage() ? null : grade(score, model.grades());
        return new AreaResult(a.code(), score, base == null ? null : round2(base), grade, null, null, false, veto, triggers,
                round4(coverage), inds, losers, new Penalty(critical, deaths, round2(points)));
    }

    /**
     * Ranks among graded siblings, best score first (competition ranking: ties share a rank). A vetoed area
     * ranks after every area without a veto, whatever its score.
     */
    static List<AreaResult> rank(List<AreaResult> results) {
        List<AreaResult> graded = results.stream().filter(r -> r.grade() != null)
                .sorted(Comparator.comparing(AreaResult::veto)
                        .thenComparing(r -> r.score() == null ? -1 : -r.score()))
                .toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < graded.size(); i++) {
            AreaResult r = graded.get(i);
            if (i > 0 && sameStanding(graded.get(i - 1), r)) ranks.put(r.code(), ranks.get(graded.get(i - 1).code()));
            else ranks.put(r.code(), i + 1);
        }
        int n = graded.size();
        AreaResult worst = n == 0 ? null : graded.get(n - 1);
        List<AreaResult> out = new ArrayList<>();
        for (AreaResult r : results) {
            Integer rank = ranks.get(r.code());
            boolean last = rank != null && sameStanding(worst, r);
            out.add(new AreaResult(r.code(), r.score(), r.baseScore(), r.grade(), rank, rank == null ? null : n, last,
                    r.veto(), r.vetoTriggers(), r.coverage(), r.indicators(), r.topLosers(), r.penalty()));
        }
        return out;
    }

    private static boolean sameStanding(AreaResult a, AreaResult b) {
        return a.veto() == b.veto() && java.util.Objects.equals(a.score(), b.score());
    }

    /**
     * YELLOW_CARD: last among at least minSiblings graded siblings in the latest lastPeriods periods, or
     * UNQUALIFIED in the latest unqualifiedPeriods periods. standings are newest first.
     */
    public static String yellowCard(List<AreaResult> standingsNewestFirst, ScoringModel.YellowCard cfg) {
        if (standingsNewestFirst.size() >= cfg.lastPeriods()
                && standingsNewestFirst.subList(0, cfg.lastPeriods()).stream()
                .allMatch(r -> r != null && r.last() && r.rankOf() != null && r.rankOf() >= cfg.minSiblings()))
            return "last among graded siblings in " + cfg.lastPeriods() + " consecutive periods";
        if (standingsNewestFirst.size() >= cfg.unqualifiedPeriods()
                && standingsNewestFirst.subList(0, cfg.unqualifiedPeriods()).stream()
                .allMatch(r -> r != null && "UNQUALIFIED".equals(r.grade())))
            return "UNQUALIFIED in " + cfg.unqualifiedPeriods() + " consecutive periods";
        return null;
    }
}
