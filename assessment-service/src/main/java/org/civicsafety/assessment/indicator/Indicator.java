package org.civicsafety.assessment.indicator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.civicsafety.assessment.indicator.Counters.*;

/**
 * The indicators of the safety index, each defined once: its formula over named counters, its direction, its
 * labels and its default weight and goalposts. Scoring, the explanation, the default scoring model (and the
 * migration that seeds it, checked by DefaultModelSeedTest) and the counters the flow handlers keep follow
 * from this table. Weights and goalposts are only defaults: the stored, versioned model decides.
 */
@Schema(name = "Indicator", description = "An indicator of the safety index: I1 severity-weighted incident rate, I2 "
        + "on-time incident resolution, I3 escalation rate, I4 case resolution, I5 case overdue rate, I6 repeat "
        + "petitions, I7 on-time acceptance, I8 petitioner satisfaction, I9 sense of security, I10 satisfaction with "
        + "public services, I11 dispute mediation success, I12 disputes resolved at the grassroots")
public enum Indicator {
    I1(Formula.rate(), Direction.LOWER_IS_BETTER, 18, 0, 0,
            "severity-weighted incident rate", "严重程度加权案事件发生率"),
    I2(Formula.proportion(List.of(INC_RESOLVED_ON_TIME), List.of(INC_RESOLVED)), Direction.HIGHER_IS_BETTER, 7, 0.6,
            1.0,
            "on-time incident resolution", "案事件按时办结率"),
    I3(Formula.proportion(List.of(INC_ESCALATED), List.of(INC_REPORTED)), Direction.LOWER_IS_BETTER, 6, 0.0, 0.3,
            "incident escalation rate", "案事件上报升级率"),
    I4(Formula.proportion(List.of(CASE_RESOLVED), List.of(CASE_ACCEPTED)), Direction.HIGHER_IS_BETTER, 9, 0.5, 1.0,
            "case resolution rate", "信访事项办结率"),
    I5(Formula.proportion(List.of(CASE_OVERDUE), List.of(CASE_DEADLINE_MET, CASE_OVERDUE)), Direction.LOWER_IS_BETTER,
            7, 0.0, 0.3,
            "case overdue rate", "信访事项超期率"),
    I6(Formula.proportion(List.of(CASE_REPEAT), List.of(CASE_REGISTERED)), Direction.LOWER_IS_BETTER, 6, 0.0, 0.3,
            "repeat petition rate", "重复信访率"),
    I7(Formula.proportion(List.of(CASE_ACCEPT_DECIDED_ON_TIME), List.of(CASE_ASSIGNED)), Direction.HIGHER_IS_BETTER, 5,
            0.6, 1.0,
            "on-time acceptance rate", "按期受理率"),
    I8(Formula.proportion(List.of(CASE_SATISFACTION_POINTS), List.of(CASE_RATED)), Direction.HIGHER_IS_BETTER, 5, 0.5,
            1.0,
            "petitioner satisfaction", "信访群众满意率"),
    I9(Formula.survey(), Direction.HIGHER_IS_BETTER, 18, 60, 100,
            "sense of security", "群众安全感"),
    I10(Formula.survey(), Direction.HIGHER_IS_BETTER, 9, 60, 100,
            "satisfaction with public services", "公共服务满意度"),
    I11(Formula.proportion(List.of(MED_AGREED), List.of(MED_CONCLUDED)), Direction.HIGHER_IS_BETTER, 5, 0.6, 1.0,
            "dispute mediation success", "矛盾纠纷调解成功率"),
    /** 小事不出村: the share of concluded mediations held at village or grid level. */
    I12(Formula.proportion(List.of(MED_CONCLUDED_GRASSROOTS), List.of(MED_CONCLUDED)), Direction.HIGHER_IS_BETTER, 5,
            0.5, 1.0,
            "disputes resolved at the grassroots", "矛盾纠纷就地化解率");

    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER
    }

    public enum Kind {
        /**
         * Severity-weighted incident reports (Σ sₖ·nₖ over the {@link Severity} counters, weights from
         * the model) per 10,000 population; shrunk toward the siblings' pooled rate (empirical Bayes) and scored
         * on its ratio to the county rate, so the model's goalposts do not apply; unknown population: insufficient.
         */
        RATE,
        /**
         * Counters over counters (numerator capped at the denominator), smoothed toward the parent's pooled value;
         * a denominator below the model's minimum is insufficient.
         */
        PROPORTION,
        /** An uploaded survey result 0–100; its sample size is the denominator (below the minimum: insufficient). */
        SURVEY
    }

    /** What an indicator is computed from; numerator and denominator are sums of named counters (PROPORTION only). */
    public record Formula(Kind kind, List<String> numerator, List<String> denominator) {
        static Formula rate() {
            return new Formula(Kind.RATE, List.of(), List.of());
        }

        static Formula proportion(List<String> numerator, List<String> denominator) {
            return new Formula(Kind.PROPORTION, numerator, denominator);
        }

        static Formula survey() {
            return new Formula(Kind.SURVEY, List.of(), List.of());
        }
    }

    /** A proportion's raw counts. */
    public record Ratio(double numerator, double denominator) {}

    private final Formula formula;
    private final Direction direction;
    private final double defaultWeight, defaultLower, defaultUpper;
    private final String labelEn, labelZh;

    Indicator(Formula formula, Direction direction, double defaultWeight, double defaultLower, double defaultUpper,
            String labelEn, String labelZh) {
        this.formula = formula;
        this.direction = direction;
        this.defaultWeight = defaultWeight;
        this.defaultLower = defaultLower;
        this.defaultUpper = defaultUpper;
        this.labelEn = labelEn;
        this.labelZh = labelZh;
    }

    public String id() {
        return name();
    }

    public Formula formula() {
        return formula;
    }

    public Kind kind() {
        return formula.kind();
    }

    public Direction direction() {
        return direction;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    public double defaultLower() {
        return defaultLower;
    }

    public double defaultUpper() {
        return defaultUpper;
    }

    /** zh-CN unless English is asked for (Accept-Language). */
    public String label(boolean english) {
        return english ? labelEn : labelZh;
    }

    /** Goalposts L–U apply to every kind but the rate, which is scored against the county. */
    public boolean usesGoalposts() {
        return kind() != Kind.RATE;
    }

    /** Numerator and denominator of a PROPORTION from pooled counters (absent counters are 0). */
    public Ratio ratio(Map<String, Double> counts) {
        if (kind() != Kind.PROPORTION)
            throw new IllegalStateException(this + " is not a proportion");
        return new Ratio(sum(counts, formula.numerator()), sum(counts, formula.denominator()));
    }

    private static double sum(Map<String, Double> counts, List<String> counters) {
        double s = 0;
        for (String c : counters)
            s += Counters.count(counts, c);
        return s;
    }

    /** The indicator with this id, or null. */
    public static Indicator byId(String id) {
        return Arrays.stream(values()).filter(i -> i.id().equals(id)).findFirst().orElse(null);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Indicator::id).toList();
    }

    public static List<Indicator> ofKind(Kind kind) {
        return Arrays.stream(values()).filter(i -> i.kind() == kind).toList();
    }
}
