package org.civicsafety.assessment.score;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.counter.CounterRepository;
import org.civicsafety.assessment.indicator.Indicator;
import org.civicsafety.assessment.model.ModelService;
import org.civicsafety.assessment.model.ScoringModel;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.period.Period;
import org.civicsafety.assessment.survey.SurveyRepository;
import org.civicsafety.assessment.survey.SurveyResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores one sibling group from the pre-aggregated counters (cheap reads, always current) with the active
 * model — or, for a frozen period, with the model version its snapshots were made with.
 */
@ApplicationScoped
public class ScoreService {
    @Inject AreaRepository areas;
    @Inject CounterRepository counters;
    @Inject SurveyRepository surveys;
    @Inject ModelService models;
    @Inject Calendar calendar;
    @Inject ScoreRepository snapshots;

    public record Scored(Area area, Scoring.AreaResult result, Double previousScore, int modelVersion) {
        public Double trend() {
            return result.score() == null || previousScore == null ? null
                    : Math.round((result.score() - previousScore) * 100) / 100.0;
        }
    }

    public ScoringModel modelFor(Period p, List<Area> group) {
        if (calendar.frozen(p) && !group.isEmpty()) {
            Integer v = snapshots.modelVersion(p.key(), group.stream().map(Area::code).toList());
            if (v != null && models.get(v) != null)
                return models.get(v);
        }
        return models.active();
    }

    /** Scores, ranks and previous-period scores (trend) of the children of parentCode (null: the roots). */
    public List<Scored> group(String parentCode, Period p) {
        List<Area> children = areas.children(parentCode);
        if (children.isEmpty())
            return List.of();
        ScoringModel m = modelFor(p, children);
        List<Scoring.AreaResult> now = compute(parentCode, children, p, m);
        List<Scoring.AreaResult> before = compute(parentCode, children, p.previous(), m);
        Map<String, Double> prev = new HashMap<>();
        before.forEach(r -> prev.put(r.code(), r.score()));
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            out.add(new Scored(children.get(i), now.get(i), prev.get(children.get(i).code()), m.version()));
        }
        return out;
    }

    /** The 12345 three rates of an area's incidents in the period, from its pooled counters. */
    public IncidentRates incidentRates(String areaCode, Period p) {
        return IncidentRates.of(counters.sums(Set.of(areaCode), p).getOrDefault(areaCode, Map.of()));
    }

    /** Results in the order of children. */
    public List<Scoring.AreaResult> compute(String parentCode, List<Area> children, Period p, ScoringModel m) {
        Set<String> codes = new LinkedHashSet<>();
        children.forEach(a -> codes.add(a.code()));
        if (parentCode != null)
            codes.add(parentCode);
        String countyCode = children.get(0).path().length > 0 ? children.get(0).path()[0] : children.get(0).code();
        codes.add(countyCode);
        Map<String, Map<String, Double>> sums = counters.sums(codes, p);
        Map<String, Map<Indicator, SurveyResult>> sv = surveys.forGroup(children, p, calendar.today());

        Area county = countyCode.equals(children.get(0).code()) ? children.get(0) : areas.byCode(countyCode);
        Double countyRate = null;
        if (county != null && county.population() != null && county.population() > 0) {
            countyRate = Scoring.ratePer10k(Scoring.severityWeighted(sums.get(countyCode), m.severityWeights()),
                    county.population());
        }
        List<Scoring.AreaInput> inputs = new ArrayList<>();
        for (Area a : children) {
            inputs.add(new Scoring.AreaInput(a.code(), sums.getOrDefault(a.code(), Map.of()), a.population(),
                    sv.getOrDefault(a.code(), Map.of())));
        }
        Map<String, Double> parentCounts = parentCode == null ? null : sums.getOrDefault(parentCode, Map.of());
        return Scoring.scoreGroup(new Scoring.GroupInput(inputs, parentCounts, countyRate), m);
    }
}
