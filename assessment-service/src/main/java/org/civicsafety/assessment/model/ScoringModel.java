package org.civicsafety.assessment.model;

import org.civicsafety.assessment.indicator.Indicator;
import org.civicsafety.assessment.indicator.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every number of the safety index, versioned and stored in the database (scoring_model.body as JSON).
 * Which indicators exist, their formulas and directions are definitions ({@link Indicator}), not configuration;
 * the model holds their weights and goalposts by id.
 */
public record ScoringModel(
        int version,
        Map<String, IndicatorSettings> indicators,
        Map<String, Double> severityWeights,
        double smoothingM,
        double minDenominator,
        double minCoverage,
        I1Goalposts i1,
        Penalties penalties,
        Veto veto,
        Grades grades,
        YellowCard yellowCard,
        Trend trend) {

    public record IndicatorSettings(double weight, double lower, double upper) {}

    /** The settings of one indicator (every stored model has all of them: problems() refuses one without). */
    public IndicatorSettings settings(Indicator i) { return indicators.get(i.id()); }

    /** I1 is scored on r = area rate / county rate: r ≤ best → 100, r = mid → midScore, r ≥ worst → 0, linear between. */
    public record I1Goalposts(double bestRatio, double midRatio, double midScore, double worstRatio) {}

    public record Penalties(double perCriticalIncident, double perDeath) {}

    /** One-vote veto: at least this many CRITICAL incidents with deaths (0 disables) or deaths in total (0 disables). */
    public record Veto(int criticalIncidentsWithDeaths, int deaths) {}

    public record Grades(double excellent, double qualified, double basic) {}

    public record YellowCard(int minSiblings, int lastPeriods, int unqualifiedPeriods) {}

    public record Trend(double zThreshold, int baselineYears) {}

    /** The default model: the indicator table's weights and goalposts, the spec's other numbers. */
    public static ScoringModel defaults(int version) {
        Map<String, IndicatorSettings> ind = new LinkedHashMap<>();
        for (Indicator i : Indicator.values())
            ind.put(i.id(), new IndicatorSettings(i.defaultWeight(), i.defaultLower(), i.defaultUpper()));
        Map<String, Double> sev = new LinkedHashMap<>();
        for (Severity s : Severity.values()) sev.put(s.name(), s.defaultWeight());
        return new ScoringModel(version, ind, sev, 20, 5, 0.65, new I1Goalposts(0.5, 1.0, 60, 2.0),
                new Penalties(2, 5), new Veto(1, 0), new Grades(90, 75, 60), new YellowCard(5, 2, 3), new Trend(3, 3));
    }

    /** Every reason the model cannot be used, as (field, message). */
    public List<String[]> problems() {
        List<String[]> out = new ArrayList<>();
        if (indicators == null) {
            out.add(new String[]{"indicators", "is required"});
        } else {
            for (Indicator ind : Indicator.values()) {
                String id = ind.id();
                IndicatorSettings i = indicators.get(id);
                if (i == null) { out.add(new String[]{"indicators." + id, "is required"}); continue; }
                if (i.weight() < 0) out.add(new String[]{"indicators." + id + ".weight", "must be ≥ 0"});
                if (ind.usesGoalposts() && !(i.upper() > i.lower()))
                    out.add(new String[]{"indicators." + id + ".upper", "must be greater than lower"});
            }
            for (String k : indicators.keySet())
                if (Indicator.byId(k) == null) out.add(new String[]{"indicators." + k, "unknown indicator"});
            if (indicators.values().stream().mapToDouble(IndicatorSettings::weight).sum() <= 0)
                out.add(new String[]{"indicators", "weights must sum to more than 0"});
        }
        if (severityWeights == null) out.add(new String[]{"severityWeights", "is required"});
        else for (Severity s : Severity.values())
            if (severityWeights.get(s.name()) == null || severityWeights.get(s.name()) < 0)
                out.add(new String[]{"severityWeights." + s.name(), "must be ≥ 0"});
        if (smoothingM < 0) out.add(new String[]{"smoothingM", "must be ≥ 0"});
        if (minDenominator < 0) out.add(new String[]{"minDenominator", "must be ≥ 0"});
        if (minCoverage < 0 || minCoverage > 1) out.add(new String[]{"minCoverage", "must be between 0 and 1"});
        if (i1 == null) out.add(new String[]{"i1", "is required"});
        else if (!(i1.bestRatio() < i1.midRatio() && i1.midRatio() < i1.worstRatio()) || i1.midScore() < 0 || i1.midScore() > 100)
            out.add(new String[]{"i1", "needs bestRatio < midRatio < worstRatio and 0 ≤ midScore ≤ 100"});
        if (penalties == null) out.add(new String[]{"penalties", "is required"});
        else if (penalties.perCriticalIncident() < 0 || penalties.perDeath() < 0) out.add(new String[]{"penalties", "must be ≥ 0"});
        if (veto == null) out.add(new String[]{"veto", "is required"});
        else if (veto.criticalIncidentsWithDeaths() < 0 || veto.deaths() < 0) out.add(new String[]{"veto", "thresholds must be ≥ 0"});
        if (grades == null) out.add(new String[]{"grades", "is required"});
        else if (!(grades.excellent() > grades.qualified() && grades.qualified() > grades.basic()))
            out.add(new String[]{"grades", "needs excellent > qualified > basic"});
        if (yellowCard == null) out.add(new String[]{"yellowCard", "is required"});
        else if (yellowCard.minSiblings() < 2 || yellowCard.lastPeriods() < 1 || yellowCard.unqualifiedPeriods() < 1)
            out.add(new String[]{"yellowCard", "needs minSiblings ≥ 2 and periods ≥ 1"});
        if (trend == null) out.add(new String[]{"trend", "is required"});
        else if (trend.zThreshold() <= 0 || trend.baselineYears() < 1) out.add(new String[]{"trend", "needs zThreshold > 0 and baselineYears ≥ 1"});
        return out;
    }
}
