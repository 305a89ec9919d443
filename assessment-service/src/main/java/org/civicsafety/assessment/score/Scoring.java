package org.civicsafety.assessment.score;

import org.civicsafety.assessment.indicator.Counters;
import org.civicsafety.assessment.indicator.Indicator;
import org.civicsafety.assessment.model.ScoringModel;
import org.civicsafety.assessment.survey.SurveyResult;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.civicsafety.assessment.indicator.Counters.*;

/**
 * The safety-index maths, pure: counters of one sibling group (and its parent and county) in, scores,
 * grades, ranks and explanations out. Nothing here touches the database.
 */
public final class Scoring {
    private Scoring() {}

    /** One area of the group: its pooled counters (area and all its descendants), population and survey results. */
    public record AreaInput(String code, Map<String, Double> counts, Long population,
            Map<Indicator, SurveyResult> surveys) {}

    /**
     * @param parentCounts pooled counters of the group's parent (proportions are smoothed toward it); null for roots
     * @param countyRate   the county's severity-weighted rate per 10,000 (I1 baseline); null when unknown
     */
    public record GroupInput(List<AreaInput> areas, Map<String, Double> parentCounts, Double countyRate) {}

    /** One indicator of the explanation; name is the table's label (zh-CN, see {@link #named}). */
    @Schema(name = "IndicatorScore", description = "One indicator of a score's explanation")
    public record IndicatorResult(@Schema(ref = "Indicator") String id,
            @Schema(description = "zh-CN, or en with Accept-Language: en") String name,
            @Schema(nullable = true) Double numerator, @Schema(nullable = true) Double denominator,
            @Schema(nullable = true) Double raw, @Schema(nullable = true) Double smoothed,
            @Schema(nullable = true, description = "sⱼ, 0–100") Double normalised, double weight,
            @Schema(description = "false when the data are insufficient: the weight drops out") boolean available,
            @Schema(nullable = true) String note, @Schema(nullable = true) Double contribution,
            @Schema(nullable = true) Double pointsLost) {
        /** The same with the label in the requested language. */
        public IndicatorResult named(boolean english) {
            return new IndicatorResult(id, Indicator.valueOf(id).label(english), numerator, denominator, raw, smoothed,
                    normalised, weight, available, note, contribution, pointsLost);
        }
    }

    @Schema(name = "ScorePenalty")
    public record Penalty(double criticalIncidents, double deaths,
            @Schema(description = "points subtracted from the score") double points) {}

    public record AreaResult(String code, Double score, Double baseScore, String grade, Integer rank, Integer rankOf,
            boolean last, boolean veto, List<String> vetoTriggers, double coverage,
            List<IndicatorResult> indicators, List<String> topLosers, Penalty penalty) {}

    // ---------------------------------------------------------------- building blocks

    /** p̃ = (x + m·p_parent)/(n + m); without a parent value the raw proportion. */
    public static double smoothProportion(double x, double n, Double parentP, double m) {
        if (parentP == null)
            return n == 0 ? 0 : x / n;
        return (x + m * parentP) / (n + m);
    }

    /** Empirical Bayes for rates among siblings (method of moments, Marshall 1991). */
    public record EbPrior(double mean, double variance) {
        /** W·r + (1−W)·μ with W = v/(v + μ/P); P in the rate's population units. */
        public double shrink(double x, double p) {
            double r = x / p;
            if (mean <= 0)
                return r;
            double w = variance / (variance + mean / p);
            return w * r + (1 - w) * mean;
        }

        public double weight(double p) {
            if (mean <= 0)
                return 1;
            return variance / (variance + mean / p);
        }
    }

    /** @param xs numerators, ps population units (both same length, ps > 0) */
    public static EbPrior ebPrior(double[] xs, double[] ps) {
        double sx = 0, sp = 0;
        for (int i = 0; i < xs.length; i++) {
            sx += xs[i];
            sp += ps[i];
        }
        if (sp <= 0)
            return new EbPrior(0, 0);
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

    public static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    public static double normaliseHigherBetter(double x, double lower, double upper) {
        return 100 * clamp01((x - lower) / (upper - lower));
    }

    public static double normaliseLowerBetter(double x, double lower, double upper) {
        return 100 * clamp01((upper - x) / (upper - lower));
    }

    /** Distance to the model's goalposts, in the indicator's direction. */
    static double normalise(Indicator ind, double x, ScoringModel.IndicatorSettings g) {
        return ind.direction() == Indicator.Direction.LOWER_IS_BETTER
                ? normaliseLowerBetter(x, g.lower(), g.upper()) : normaliseHigherBetter(x, g.lower(), g.upper());
    }

    /** I1 from the ratio to the county rate: piecewise linear through (best,100), (mid,midScore), (worst,0). */
    public static double normaliseI1(double ratio, ScoringModel.I1Goalposts g) {
        if (ratio <= g.bestRatio())
            return 100;
        if (ratio <= g.midRatio())
            return 100 - (ratio - g.bestRatio()) / (g.midRatio() - g.bestRatio()) * (100 - g.midScore());
        if (ratio < g.worstRatio())
            return g.midScore() - (ratio - g.midRatio()) / (g.worstRatio() - g.midRatio()) * g.midScore();
        return 0;
    }

    /** The grades (优秀/合格/基本合格/不合格), best first. */
    @Schema(name = "Grade", description = "EXCELLENT 优秀, QUALIFIED 合格, BASIC 基本合格, UNQUALIFIED 不合格")
    public enum Grade {
        EXCELLENT, QUALIFIED, BASIC, UNQUALIFIED;

        /** The grade a computed or stored name stands for; no grade (null) stays null. */
        public static Grade of(String name) {
            return name == null ? null : valueOf(name);
        }
    }

    public static String grade(double score, ScoringModel.Grades g) {
        if (score >= g.excellent())
            return Grade.EXCELLENT.name();
        if (score >= g.qualified())
            return Grade.QUALIFIED.name();
        if (score >= g.basic())
            return Grade.BASIC.name();
        return Grade.UNQUALIFIED.name();
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
        for (Map.Entry<String, Double> w : weights.entrySet())
            sum += w.getValue() * count(counts, Counters.severity(w.getKey()));
        return sum;
    }

    public static double ratePer10k(double weighted, long population) {
        return weighted / (population / 10_000.0);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static Double round4(Double v) {
        return v == null ? null : Math.round(v * 10_000) / 10_000.0;
    }

    // ---------------------------------------------------------------- the group

    public static List<AreaResult> scoreGroup(GroupInput in, ScoringModel model) {
        // Siblings' prior for the I1 rate (only areas with a population take part).
        List<double[]> rates = new ArrayList<>();
        for (AreaInput a : in.areas()) {
            if (a.population() != null && a.population() > 0)
                rates.add(
                        new double[]{severityWeighted(a.counts(), model.severityWeights()), a.population() / 10_000.0});
        }
        EbPrior prior = ebPrior(rates.stream().mapToDouble(r -> r[0]).toArray(),
                rates.stream().mapToDouble(r -> r[1]).toArray());

        List<AreaResult> results = new ArrayList<>();
        for (AreaInput a : in.areas())
            results.add(scoreArea(a, in, prior, model));
        return rank(results);
    }

    /** One indicator of one area before weighting; available exactly when it has a normalised value. */
    private record Value(Indicator indicator, Double numerator, Double denominator, Double raw, Double smoothed,
            Double normalised, String note) {
        boolean available() {
            return normalised != null;
        }
    }

    static AreaResult scoreArea(AreaInput a, GroupInput in, EbPrior prior, ScoringModel model) {
        // First pass: values and availability; contributions need the available weight.
        List<Value> values = new ArrayList<>();
        double totalWeight = 0, availWeight = 0;
        for (Indicator ind : Indicator.values()) {
            Value v = switch (ind.kind()) {
                case RATE -> rate(ind, a, in, prior, model);
                case PROPORTION -> proportion(ind, a, in, model);
                case SURVEY -> survey(ind, a, model);
            };
            double w = model.settings(ind).weight();
            totalWeight += w;
            if (v.available() && w > 0)
                availWeight += w;
            values.add(v);
        }

        Double base = null;
        if (availWeight > 0) {
            double sum = 0;
            for (Value v : values)
                if (v.available())
                    sum += model.settings(v.indicator()).weight() * v.normalised();
            base = sum / availWeight;
        }
        List<IndicatorResult> inds = new ArrayList<>();
        for (Value v : values) {
            double w = model.settings(v.indicator()).weight();
            boolean av = v.available() && availWeight > 0;
            inds.add(new IndicatorResult(v.indicator().id(), v.indicator().label(false), round4(v.numerator()),
                    round4(v.denominator()), round4(v.raw()), round4(v.smoothed()),
                    v.normalised() == null ? null : round2(v.normalised()), w, v.available(), v.note(),
                    av ? round2(w * v.normalised() / availWeight) : null,
                    av ? round2(w * (100 - v.normalised()) / availWeight) : null));
        }
        List<String> losers = inds.stream().filter(i -> i.pointsLost() != null && i.pointsLost() > 0)
                .sorted(Comparator.comparing(IndicatorResult::pointsLost).reversed().thenComparing(IndicatorResult::id))
                .limit(3).map(IndicatorResult::id).toList();

        double critical = count(a.counts(), INC_CRITICAL), deaths = count(a.counts(), INC_DEATHS);
        double points = critical * model.penalties().perCriticalIncident() + deaths * model.penalties().perDeath();
        Double score = base == null ? null : round2(Math.max(0, base - points));

        List<String> triggers = new ArrayList<>();
        double criticalWithDeaths = count(a.counts(), INC_CRITICAL_DEATHS);
        if (model.veto().criticalIncidentsWithDeaths() > 0
                && criticalWithDeaths >= model.veto().criticalIncidentsWithDeaths())
            triggers.add("CRITICAL_INCIDENT_WITH_DEATHS: " + (long) criticalWithDeaths);
        if (model.veto().deaths() > 0 && deaths >= model.veto().deaths())
            triggers.add("DEATHS: " + (long) deaths);
        boolean veto = !triggers.isEmpty();
        double coverage = totalWeight == 0 ? 0 : availWeight / totalWeight;
        String grade = veto ? Grade.UNQUALIFIED.name()
                : score == null || coverage < model.minCoverage() ? null : grade(score, model.grades());
        return new AreaResult(a.code(), score, base == null ? null : round2(base), grade, null, null, false, veto,
                triggers,
                round4(coverage), inds, losers, new Penalty(critical, deaths, round2(points)));
    }

    /** Severity-weighted incidents per 10,000 people, shrunk toward the siblings, scored on the county ratio. */
    private static Value rate(Indicator ind, AreaInput a, GroupInput in, EbPrior prior, ScoringModel model) {
        double num = severityWeighted(a.counts(), model.severityWeights());
        if (a.population() == null || a.population() <= 0)
            return new Value(ind, num, null, null, null, null, "population unknown");
        double den = a.population() / 10_000.0;
        double smoothed = prior.shrink(num, den);
        Double county = in.countyRate();
        double ratio = county == null || county <= 0 ? (smoothed <= 0 ? 0 : model.i1().worstRatio())
                : smoothed / county;
        return new Value(ind, num, den, num / den, smoothed, normaliseI1(ratio, model.i1()),
                "ratio to county rate " + round4(ratio));
    }

    /** Counters over counters (numerator capped at the denominator), smoothed toward the parent's pooled value. */
    private static Value proportion(Indicator ind, AreaInput a, GroupInput in, ScoringModel model) {
        Indicator.Ratio r = ind.ratio(a.counts());
        double n = r.denominator(), x = Math.min(r.numerator(), n);
        Double raw = null, smoothed = null;
        if (n > 0) {
            raw = x / n;
            Double parentP = null;
            if (in.parentCounts() != null) {
                Indicator.Ratio p = ind.ratio(in.parentCounts());
                if (p.denominator() > 0)
                    parentP = Math.min(p.numerator(), p.denominator()) / p.denominator();
            }
            smoothed = smoothProportion(x, n, parentP, model.smoothingM());
        }
        if (n <= 0 || n < model.minDenominator())
            return new Value(ind, r.numerator(), n, raw, smoothed, null,
                    "insufficient data (denominator below " + (int) model.minDenominator() + ")");
        return new Value(ind, r.numerator(), n, raw, smoothed, normalise(ind, smoothed, model.settings(ind)), null);
    }

    /** The uploaded survey value; its sample size is the denominator. */
    private static Value survey(Indicator ind, AreaInput a, ScoringModel model) {
        SurveyResult sv = a.surveys().get(ind);
        if (sv == null)
            return new Value(ind, null, null, null, null, null, "no survey");
        boolean enough = sv.sampleSize() >= model.minDenominator();
        return new Value(ind, sv.value(), sv.sampleSize(), sv.value(), sv.value(),
                enough ? normalise(ind, sv.value(), model.settings(ind)) : null, enough ? null : "insufficient sample");
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
            if (i > 0 && sameStanding(graded.get(i - 1), r))
                ranks.put(r.code(), ranks.get(graded.get(i - 1).code()));
            else
                ranks.put(r.code(), i + 1);
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
                        .allMatch(r -> r != null && Grade.UNQUALIFIED.name().equals(r.grade())))
            return "UNQUALIFIED in " + cfg.unqualifiedPeriods() + " consecutive periods";
        return null;
    }
}
