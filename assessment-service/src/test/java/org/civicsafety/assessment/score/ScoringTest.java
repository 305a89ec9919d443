package org.civicsafety.assessment.score;

import org.civicsafety.assessment.indicator.Indicator;
import org.civicsafety.assessment.model.ScoringModel;
import org.civicsafety.assessment.survey.SurveyResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.civicsafety.assessment.indicator.Counters.*;
import static org.junit.jupiter.api.Assertions.*;

/** Worked examples computed by hand (the arithmetic is in the comments). */
class ScoringTest {
    static final ScoringModel M = ScoringModel.defaults(1);
    static final double EPS = 1e-4;

    @Test
    void proportionSmoothingTowardParent() {
        // (3 + 20·0.8) / (5 + 20) = 19/25
        assertEquals(0.76, Scoring.smoothProportion(3, 5, 0.8, 20), EPS);
        // a large denominator barely moves: (900 + 16)/(1000 + 20)
        assertEquals(916.0 / 1020, Scoring.smoothProportion(900, 1000, 0.8, 20), EPS);
        // no parent value: raw
        assertEquals(0.6, Scoring.smoothProportion(3, 5, null, 20), EPS);
    }

    @Test
    void empiricalBayesRateShrinkage() {
        // x = 10, 30, 5 over P = 1, 2, 1 (×10,000): μ = 45/4 = 11.25; rates 10, 15, 5
        // s² = (1·1.5625 + 2·14.0625 + 1·39.0625)/4 = 17.1875; P̄ = 4/3; v = 17.1875 − 11.25/(4/3) = 8.75
        Scoring.EbPrior prior = Scoring.ebPrior(new double[]{10, 30, 5}, new double[]{1, 2, 1});
        assertEquals(11.25, prior.mean(), EPS);
        assertEquals(8.75, prior.variance(), EPS);
        // A: W = 8.75/(8.75 + 11.25) = 0.4375 → 0.4375·10 + 0.5625·11.25 = 10.703125
        assertEquals(0.4375, prior.weight(1), EPS);
        assertEquals(10.703125, prior.shrink(10, 1), EPS);
        // B: W = 8.75/(8.75 + 5.625) → 13.532609
        assertEquals(13.532609, prior.shrink(30, 2), EPS);
        // identical siblings: no between-area variance, everyone gets the pooled mean
        Scoring.EbPrior flat = Scoring.ebPrior(new double[]{2, 2}, new double[]{1, 1});
        assertEquals(0, flat.variance(), EPS);
        assertEquals(2, flat.shrink(2, 1), EPS);
    }

    @Test
    void goalpostNormalisation() {
        assertEquals(75, Scoring.normaliseHigherBetter(0.9, 0.6, 1.0), EPS); // (0.9−0.6)/0.4
        assertEquals(100, Scoring.normaliseHigherBetter(1.2, 0.6, 1.0), EPS); // clamped
        assertEquals(0, Scoring.normaliseHigherBetter(0.3, 0.6, 1.0), EPS);
        assertEquals(80, Scoring.normaliseLowerBetter(0.06, 0, 0.3), EPS); // (0.3−0.06)/0.3
        assertEquals(0, Scoring.normaliseLowerBetter(0.5, 0, 0.3), EPS);
        assertEquals(100, Scoring.normaliseLowerBetter(0, 0, 0.3), EPS);
    }

    @Test
    void i1AgainstTheCountyBaseline() {
        ScoringModel.I1Goalposts g = M.i1();
        assertEquals(100, Scoring.normaliseI1(0.2, g), EPS);
        assertEquals(100, Scoring.normaliseI1(0.5, g), EPS);
        assertEquals(80, Scoring.normaliseI1(0.75, g), EPS); // halfway 100 → 60
        assertEquals(60, Scoring.normaliseI1(1.0, g), EPS);
        assertEquals(30, Scoring.normaliseI1(1.5, g), EPS); // halfway 60 → 0
        assertEquals(0, Scoring.normaliseI1(2.0, g), EPS);
        assertEquals(0, Scoring.normaliseI1(3.0, g), EPS);
    }

    @Test
    void gradeBoundaries() {
        assertEquals("EXCELLENT", Scoring.grade(90, M.grades()));
        assertEquals("QUALIFIED", Scoring.grade(89.99, M.grades()));
        assertEquals("QUALIFIED", Scoring.grade(75, M.grades()));
        assertEquals("BASIC", Scoring.grade(74.99, M.grades()));
        assertEquals("BASIC", Scoring.grade(60, M.grades()));
        assertEquals("UNQUALIFIED", Scoring.grade(59.99, M.grades()));
    }

    @Test
    void poissonTrendTest() {
        assertEquals(4, Scoring.trendZ(25, 9), EPS); // 2(5 − 3)
        assertTrue(Scoring.trendAlert(25, 9, 3));
        assertEquals(2, Scoring.trendZ(16, 9), EPS); // 2(4 − 3)
        assertFalse(Scoring.trendAlert(16, 9, 3));
        assertEquals(-6, Scoring.trendZ(1, 16), EPS); // 2(1 − 4): a fall is also a trend
        assertTrue(Scoring.trendAlert(1, 16, 3));
        assertEquals(3, Scoring.trendZ(16, 6.25), EPS); // 2(4 − 2.5) = 3: the boundary alerts
        assertTrue(Scoring.trendAlert(16, 6.25, 3));
        assertFalse(Scoring.trendAlert(50, 0, 3), "no baseline, no test");
    }

    static Map<String, Double> workedCounts() {
        Map<String, Double> c = new HashMap<>();
        c.put(INC_SEV + "GENERAL", 10.0);
        c.put(INC_SEV + "SERIOUS", 2.0); // Σ s·n = 10·1 + 2·3 = 16
        c.put(INC_REPORTED, 12.0);
        c.put(INC_ESCALATED, 3.0); // I3 = 0.25
        c.put(INC_RESOLVED, 10.0);
        c.put(INC_RESOLVED_ON_TIME, 8.0); // I2 = 0.8
        c.put(CASE_ACCEPTED, 10.0);
        c.put(CASE_RESOLVED, 9.0); // I4 = 0.9
        c.put(CASE_DEADLINE_MET, 9.0);
        c.put(CASE_OVERDUE, 1.0); // I5 = 1/10
        c.put(CASE_REGISTERED, 20.0);
        c.put(CASE_REPEAT, 2.0); // I6 = 0.1
        c.put(CASE_ASSIGNED, 4.0);
        c.put(CASE_ACCEPT_DECIDED_ON_TIME, 4.0); // I7: 4 < 5 → insufficient
        return c; // I8: nothing rated → insufficient
    }

    static Scoring.IndicatorResult ind(Scoring.AreaResult r, String id) {
        return r.indicators().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void fullWorkedExampleOfOneArea() {
        // population 20,000 → P = 2; rate 16/2 = 8 = county rate → ratio 1 → s1 = 60 (single area: EB keeps the mean)
        Scoring.AreaInput a = new Scoring.AreaInput("A", workedCounts(), 20_000L,
                Map.of(Indicator.I9, new SurveyResult(90, 100)));
        Scoring.AreaResult r = Scoring.scoreGroup(new Scoring.GroupInput(List.of(a), null, 8.0), M).get(0);

        assertEquals(8, ind(r, "I1").raw(), EPS);
        assertEquals(60, ind(r, "I1").normalised(), EPS);
        assertEquals(50, ind(r, "I2").normalised(), EPS); // (0.8−0.6)/0.4
        assertEquals(16.67, ind(r, "I3").normalised(), EPS); // (0.3−0.25)/0.3
        assertEquals(80, ind(r, "I4").normalised(), EPS); // (0.9−0.5)/0.5
        assertEquals(66.67, ind(r, "I5").normalised(), EPS); // (0.3−0.1)/0.3
        assertEquals(66.67, ind(r, "I6").normalised(), EPS);
        assertFalse(ind(r, "I7").available());
        assertFalse(ind(r, "I8").available());
        assertEquals(75, ind(r, "I9").normalised(), EPS); // (90−60)/40
        assertFalse(ind(r, "I10").available());
        assertFalse(ind(r, "I11").available()); // no mediation concluded
        assertFalse(ind(r, "I12").available());
        // available weights 18+7+6+9+7+6+18 = 71 of 100
        assertEquals(0.71, r.coverage(), EPS);
        // Σ w·s = 1080 + 350 + 100 + 720 + 466.667 + 400 + 1350 = 4466.667; /71 = 62.911
        assertEquals(62.91, r.score(), EPS);
        assertEquals("BASIC", r.grade());
        assertEquals(15.21, ind(r, "I1").contribution(), EPS); // 18·60/71
        assertEquals(10.14, ind(r, "I1").pointsLost(), EPS); // 18·40/71
        assertEquals(7.04, ind(r, "I3").pointsLost(), EPS); // 6·83.333/71
        assertEquals(6.34, ind(r, "I9").pointsLost(), EPS); // 18·25/71
        assertEquals(List.of("I1", "I3", "I9"), r.topLosers());
        assertEquals(Indicator.ids(), r.indicators().stream().map(Scoring.IndicatorResult::id).toList());
        assertEquals("严重程度加权案事件发生率", ind(r, "I1").name()); // zh-CN by default
        assertEquals("severity-weighted incident rate", ind(r, "I1").named(true).name());
        assertEquals(1, r.rank());
        assertEquals(1, r.rankOf());
        assertFalse(r.veto());
    }

    @Test
    void penaltiesAndVeto() {
        Map<String, Double> c = workedCounts();
        c.put(INC_CRITICAL, 1.0);
        c.put(INC_DEATHS, 2.0);
        c.put(INC_CRITICAL_DEATHS, 1.0);
        Scoring.AreaInput a = new Scoring.AreaInput("A", c, 20_000L, Map.of(Indicator.I9, new SurveyResult(90, 100)));
        Scoring.AreaResult r = Scoring.scoreGroup(new Scoring.GroupInput(List.of(a), null, 8.0), M).get(0);
        // penalties: 1 CRITICAL · 2 + 2 deaths · 5 = 12 points; 62.911 − 12 = 50.911
        assertEquals(12, r.penalty().points(), EPS);
        assertEquals(62.91, r.baseScore(), EPS);
        assertEquals(50.91, r.score(), EPS);
        assertTrue(r.veto());
        assertEquals("UNQUALIFIED", r.grade());
        assertEquals(List.of("CRITICAL_INCIDENT_WITH_DEATHS: 1"), r.vetoTriggers());

        // the veto overrides even an excellent score; penalties never go below 0
        c.put(INC_DEATHS, 100.0);
        Scoring.AreaResult floor = Scoring.scoreGroup(new Scoring.GroupInput(
                List.of(new Scoring.AreaInput("A", c, 20_000L, Map.of())), null, 8.0), M).get(0);
        assertEquals(0, floor.score(), EPS);
    }

    @Test
    void coverageRuleDropsTheGradeBelow65Percent() {
        // I1 (18) + I9 (18) + I10 (9) + I4 (9) + I6 (6) + I7 (5) = 65 → exactly 65 % → graded
        Map<String, Double> c = new HashMap<>();
        c.put(CASE_REGISTERED, 10.0); // none repeat
        c.put(CASE_ACCEPTED, 10.0);
        c.put(CASE_RESOLVED, 10.0);
        c.put(CASE_ASSIGNED, 5.0);
        c.put(CASE_ACCEPT_DECIDED_ON_TIME, 5.0);
        Scoring.AreaInput a = new Scoring.AreaInput("A", c, 10_000L,
                Map.of(Indicator.I9, new SurveyResult(100, 50), Indicator.I10, new SurveyResult(100, 50)));
        Scoring.AreaResult r = Scoring.scoreGroup(new Scoring.GroupInput(List.of(a), null, 0.0), M).get(0);
        assertEquals(0.65, r.coverage(), EPS);
        // rate 0 and county 0 → ratio 0 → 100; everything else 100 → 100
        assertEquals(100, r.score(), EPS);
        assertEquals("EXCELLENT", r.grade());

        c.put(CASE_ASSIGNED, 4.0); // I7 insufficient → 60 %
        Scoring.AreaResult r2 = Scoring.scoreGroup(new Scoring.GroupInput(
                List.of(new Scoring.AreaInput("A", c, 10_000L,
                        Map.of(Indicator.I9, new SurveyResult(100, 50), Indicator.I10, new SurveyResult(100, 50)))),
                null, 0.0), M).get(0);
        assertEquals(0.6, r2.coverage(), EPS);
        assertEquals(100, r2.score(), EPS, "the score is still shown");
        assertNull(r2.grade());
        assertNull(r2.rank());

        // a survey with a sample below 5 is insufficient too
        Scoring.AreaResult r3 = Scoring.scoreGroup(new Scoring.GroupInput(
                List.of(new Scoring.AreaInput("A", c, 10_000L, Map.of(Indicator.I9, new SurveyResult(100, 4)))), null,
                0.0), M).get(0);
        assertFalse(ind(r3, "I9").available());
    }

    @Test
    void smallAreaProportionIsSmoothedTowardItsParent() {
        Map<String, Double> parent = new HashMap<>();
        parent.put(INC_RESOLVED, 100.0);
        parent.put(INC_RESOLVED_ON_TIME, 80.0); // p_parent = 0.8
        Map<String, Double> child = new HashMap<>();
        child.put(INC_RESOLVED, 5.0);
        child.put(INC_RESOLVED_ON_TIME, 2.0); // raw 0.4
        Scoring.AreaResult r = Scoring.scoreGroup(new Scoring.GroupInput(
                List.of(new Scoring.AreaInput("V", child, 1000L, Map.of())), parent, 1.0), M).get(0);
        assertEquals(0.4, ind(r, "I2").raw(), EPS);
        assertEquals(0.72, ind(r, "I2").smoothed(), EPS); // (2 + 16)/25
        assertEquals(30, ind(r, "I2").normalised(), EPS); // (0.72 − 0.6)/0.4
    }

    @Test
    void i1UsesSiblingShrinkageThenTheCountyRatio() {
        // siblings as in empiricalBayesRateShrinkage: A gets 10.703125; county rate 10 → ratio 1.0703 → 60 − 0.0703·60 = 55.78
        Map<String, Double> a = Map.of(INC_SEV + "GENERAL", 10.0);
        Map<String, Double> b = Map.of(INC_SEV + "GENERAL", 30.0);
        Map<String, Double> c = Map.of(INC_SEV + "GENERAL", 5.0);
        List<Scoring.AreaResult> rs = Scoring.scoreGroup(new Scoring.GroupInput(List.of(
                new Scoring.AreaInput("A", a, 10_000L, Map.of()),
                new Scoring.AreaInput("B", b, 20_000L, Map.of()),
                new Scoring.AreaInput("C", c, 10_000L, Map.of())), null, 10.0), M);
        assertEquals(10.7031, ind(rs.get(0), "I1").smoothed(), EPS);
        assertEquals(55.78, ind(rs.get(0), "I1").normalised(), EPS);
        // only I1 (20 %) available → score shown, no grade
        assertEquals(55.78, rs.get(0).score(), EPS);
        assertNull(rs.get(0).grade());
    }

    static Scoring.AreaResult res(String code, Double score, String grade, boolean veto) {
        return new Scoring.AreaResult(code, score, score, grade, null, null, false, veto, List.of(), 1.0, List.of(),
                List.of(),
                new Scoring.Penalty(0, 0, 0));
    }

    @Test
    void ranksAmongGradedSiblingsWithTiesAndVetoLast() {
        List<Scoring.AreaResult> ranked = Scoring.rank(List.of(
                res("A", 80.0, "QUALIFIED", false), res("B", 70.0, "BASIC", false), res("C", 70.0, "BASIC", false),
                res("D", 60.0, "BASIC", false), res("E", 99.0, null, false), res("F", 95.0, "UNQUALIFIED", true)));
        Map<String, Scoring.AreaResult> by = new HashMap<>();
        ranked.forEach(r -> by.put(r.code(), r));
        assertEquals(1, by.get("A").rank());
        assertEquals(2, by.get("B").rank());
        assertEquals(2, by.get("C").rank());
        assertEquals(4, by.get("D").rank());
        assertEquals(5, by.get("F").rank());
        assertNull(by.get("E").rank(), "ungraded areas are not ranked");
        assertEquals(5, by.get("A").rankOf());
        assertTrue(by.get("F").last());
        assertFalse(by.get("D").last());
    }

    static Scoring.AreaResult standing(boolean last, int of, String grade) {
        return new Scoring.AreaResult("A", 50.0, 50.0, grade, of, of, last, false, List.of(), 1.0, List.of(), List.of(),
                new Scoring.Penalty(0, 0, 0));
    }

    @Test
    void yellowCardRules() {
        ScoringModel.YellowCard cfg = M.yellowCard();
        assertNotNull(Scoring.yellowCard(List.of(standing(true, 5, "BASIC"), standing(true, 6, "BASIC")), cfg));
        assertNull(Scoring.yellowCard(List.of(standing(true, 5, "BASIC"), standing(false, 5, "BASIC")), cfg),
                "last only once");
        assertNull(Scoring.yellowCard(List.of(standing(true, 4, "BASIC"), standing(true, 4, "BASIC")), cfg),
                "fewer than 5 siblings");
        List<Scoring.AreaResult> unq = new ArrayList<>(List.of(standing(false, 3, "UNQUALIFIED"),
                standing(false, 3, "UNQUALIFIED"), standing(false, 3, "UNQUALIFIED")));
        assertEquals("UNQUALIFIED in 3 consecutive periods", Scoring.yellowCard(unq, cfg));
        unq.set(1, standing(false, 3, "BASIC"));
        assertNull(Scoring.yellowCard(unq, cfg));
    }

    @Test
    void defaultModelIsValidAndWeightsTotal100() {
        assertTrue(M.problems().isEmpty());
        assertEquals(100, M.indicators().values().stream().mapToDouble(ScoringModel.IndicatorSettings::weight).sum(),
                EPS);
    }
}
