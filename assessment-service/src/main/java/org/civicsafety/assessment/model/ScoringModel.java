package org.civicsafety.assessment.model;

import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.indicator.Indicator;
import org.civicsafety.assessment.indicator.Severity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.civicsafety.assessment.common.FieldMessage.Key.*;

/**
 * Every number of the safety index, versioned and stored in the database (scoring_model.body as JSON).
 * Which indicators exist, their formulas and directions are definitions ({@link Indicator}), not configuration;
 * the model holds their weights and goalposts by id.
 */
@Schema(name = "ScoringModel", description = "Every number of the safety index")
public record ScoringModel(
        @Schema(readOnly = true, description = "assigned by the service when the model is stored") int version,
        @Schema(description = "weight and goalposts per indicator id, I1 to I12; every indicator is required") Map<String, IndicatorSettings> indicators,
        @Schema(description = "I1's weight per incident severity: GENERAL, SERIOUS, MAJOR and CRITICAL, all required") Map<String, Double> severityWeights,
        @Schema(description = "m of the smoothing of proportions toward the parent") double smoothingM,
        @Schema(description = "an indicator with a smaller denominator is insufficient") double minDenominator,
        @Schema(description = "below this share of the weight (0–1) an area gets no grade") double minCoverage,
        I1Goalposts i1,
        Penalties penalties,
        Veto veto,
        Grades grades,
        YellowCard yellowCard,
        Trend trend) {

    @Schema(name = "IndicatorSettings", description = "An indicator's weight and goalposts L (lower) and U (upper)")
    public record IndicatorSettings(double weight, double lower, double upper) {}

    /** The settings of one indicator (every stored model has all of them: problems() refuses one without). */
    public IndicatorSettings settings(Indicator i) {
        return indicators.get(i.id());
    }

    /**
     * This model with an entry for every indicator: one defined after the version was stored (I11 and I12 came after
     * version 1) weighs 0 in it, with its default goalposts, so the version scores as it always did.
     */
    public ScoringModel withEveryIndicator() {
        if (indicators == null || Arrays.stream(Indicator.values()).allMatch(i -> indicators.containsKey(i.id())))
            return this;
        Map<String, IndicatorSettings> all = new LinkedHashMap<>(indicators);
        for (Indicator i : Indicator.values())
            all.putIfAbsent(i.id(), new IndicatorSettings(0, i.defaultLower(), i.defaultUpper()));
        return new ScoringModel(version, all, severityWeights, smoothingM, minDenominator, minCoverage, i1, penalties,
                veto, grades, yellowCard, trend);
    }

    /** I1 is scored on r = area rate / county rate: r ≤ best → 100, r = mid → midScore, r ≥ worst → 0, linear between. */
    @Schema(name = "I1Goalposts")
    public record I1Goalposts(double bestRatio, double midRatio, double midScore, double worstRatio) {}

    @Schema(name = "ScoringPenalties", description = "points subtracted from the score")
    public record Penalties(double perCriticalIncident, double perDeath) {}

    /** One-vote veto: at least this many CRITICAL incidents with deaths (0 disables) or deaths in total (0 disables). */
    @Schema(name = "VetoRule")
    public record Veto(int criticalIncidentsWithDeaths, int deaths) {}

    @Schema(name = "GradeThresholds", description = "the lowest score of each grade")
    public record Grades(double excellent, double qualified, double basic) {}

    @Schema(name = "YellowCardRule")
    public record YellowCard(int minSiblings, int lastPeriods, int unqualifiedPeriods) {}

    @Schema(name = "TrendAlertRule")
    public record Trend(double zThreshold, int baselineYears) {}

    /** The default model: the indicator table's weights and goalposts, the spec's other numbers. */
    public static ScoringModel defaults(int version) {
        Map<String, IndicatorSettings> ind = new LinkedHashMap<>();
        for (Indicator i : Indicator.values())
            ind.put(i.id(), new IndicatorSettings(i.defaultWeight(), i.defaultLower(), i.defaultUpper()));
        Map<String, Double> sev = new LinkedHashMap<>();
        for (Severity s : Severity.values())
            sev.put(s.name(), s.defaultWeight());
        return new ScoringModel(version, ind, sev, 20, 5, 0.65, new I1Goalposts(0.5, 1.0, 60, 2.0),
                new Penalties(2, 5), new Veto(1, 0), new Grades(90, 75, 60), new YellowCard(5, 2, 3), new Trend(3, 3));
    }

    /** Every reason the model cannot be used, one message per field. */
    public List<FieldMessage> problems() {
        List<FieldMessage> out = new ArrayList<>();
        if (indicators == null) {
            out.add(FieldMessage.of("indicators", REQUIRED));
        } else {
            for (Indicator ind : Indicator.values()) {
                String id = ind.id();
                IndicatorSettings i = indicators.get(id);
                if (i == null) {
                    out.add(FieldMessage.of("indicators." + id, REQUIRED));
                    continue;
                }
                if (i.weight() < 0)
                    out.add(FieldMessage.of("indicators." + id + ".weight", MIN_ZERO));
                if (ind.usesGoalposts() && !(i.upper() > i.lower()))
                    out.add(FieldMessage.of("indicators." + id + ".upper", MODEL_UPPER_ABOVE_LOWER));
            }
            for (String k : indicators.keySet())
                if (Indicator.byId(k) == null)
                    out.add(FieldMessage.of("indicators." + k, MODEL_UNKNOWN_INDICATOR));
            if (indicators.values().stream().mapToDouble(IndicatorSettings::weight).sum() <= 0)
                out.add(FieldMessage.of("indicators", MODEL_WEIGHTS_POSITIVE));
        }
        if (severityWeights == null)
            out.add(FieldMessage.of("severityWeights", REQUIRED));
        else
            for (Severity s : Severity.values())
                if (severityWeights.get(s.name()) == null || severityWeights.get(s.name()) < 0)
                    out.add(FieldMessage.of("severityWeights." + s.name(), MIN_ZERO));
        if (smoothingM < 0)
            out.add(FieldMessage.of("smoothingM", MIN_ZERO));
        if (minDenominator < 0)
            out.add(FieldMessage.of("minDenominator", MIN_ZERO));
        if (minCoverage < 0 || minCoverage > 1)
            out.add(FieldMessage.of("minCoverage", RANGE, 0, 1));
        if (i1 == null)
            out.add(FieldMessage.of("i1", REQUIRED));
        else if (!(i1.bestRatio() < i1.midRatio() && i1.midRatio() < i1.worstRatio()) || i1.midScore() < 0
                || i1.midScore() > 100)
            out.add(FieldMessage.of("i1", MODEL_I1_ORDER));
        if (penalties == null)
            out.add(FieldMessage.of("penalties", REQUIRED));
        else if (penalties.perCriticalIncident() < 0 || penalties.perDeath() < 0)
            out.add(FieldMessage.of("penalties", MIN_ZERO));
        if (veto == null)
            out.add(FieldMessage.of("veto", REQUIRED));
        else if (veto.criticalIncidentsWithDeaths() < 0 || veto.deaths() < 0)
            out.add(FieldMessage.of("veto", MIN_ZERO));
        if (grades == null)
            out.add(FieldMessage.of("grades", REQUIRED));
        else if (!(grades.excellent() > grades.qualified() && grades.qualified() > grades.basic()))
            out.add(FieldMessage.of("grades", MODEL_GRADES_ORDER));
        if (yellowCard == null)
            out.add(FieldMessage.of("yellowCard", REQUIRED));
        else if (yellowCard.minSiblings() < 2 || yellowCard.lastPeriods() < 1 || yellowCard.unqualifiedPeriods() < 1)
            out.add(FieldMessage.of("yellowCard", MODEL_YELLOW_CARD));
        if (trend == null)
            out.add(FieldMessage.of("trend", REQUIRED));
        else if (trend.zThreshold() <= 0 || trend.baselineYears() < 1)
            out.add(FieldMessage.of("trend", MODEL_TREND));
        return out;
    }
}
