-- The new default scoring model (assessment.md, mediation.md): I11 dispute mediation success and I12 disputes
-- resolved at the grassroots weigh 5 each, the others are reweighted so that the weights total 100. Stored as the
-- next version (versions never change: snapshots made with version 1 keep referring to it, where I11 and I12 weigh
-- 0) and activated as a model activation is (ModelService.activate): the previous active version steps down, and
-- every sibling group is marked for recomputation, at bulk priority (2), of the running period and of every period
-- that has scores — the snapshot job leaves frozen ones as they are. DefaultModelSeedTest parses this body and fails
-- when it differs from the Java definitions (indicator/Indicator.java, ScoringModel.defaults).
UPDATE scoring_model SET active = false WHERE active;

INSERT INTO scoring_model (version, body, active, created_by, activated_at)
SELECT coalesce(max(version), 0) + 1, '{
  "indicators": {
    "I1": {"weight": 18, "lower": 0, "upper": 0},
    "I2": {"weight": 7, "lower": 0.6, "upper": 1.0},
    "I3": {"weight": 6, "lower": 0.0, "upper": 0.3},
    "I4": {"weight": 9, "lower": 0.5, "upper": 1.0},
    "I5": {"weight": 7, "lower": 0.0, "upper": 0.3},
    "I6": {"weight": 6, "lower": 0.0, "upper": 0.3},
    "I7": {"weight": 5, "lower": 0.6, "upper": 1.0},
    "I8": {"weight": 5, "lower": 0.5, "upper": 1.0},
    "I9": {"weight": 18, "lower": 60, "upper": 100},
    "I10": {"weight": 9, "lower": 60, "upper": 100},
    "I11": {"weight": 5, "lower": 0.6, "upper": 1.0},
    "I12": {"weight": 5, "lower": 0.5, "upper": 1.0}
  },
  "severityWeights": {"GENERAL": 1, "SERIOUS": 3, "MAJOR": 10, "CRITICAL": 30},
  "smoothingM": 20,
  "minDenominator": 5,
  "minCoverage": 0.65,
  "i1": {"bestRatio": 0.5, "midRatio": 1.0, "midScore": 60, "worstRatio": 2.0},
  "penalties": {"perCriticalIncident": 2, "perDeath": 5},
  "veto": {"criticalIncidentsWithDeaths": 1, "deaths": 0},
  "grades": {"excellent": 90, "qualified": 75, "basic": 60},
  "yellowCard": {"minSiblings": 5, "lastPeriods": 2, "unqualifiedPeriods": 3},
  "trend": {"zThreshold": 3, "baselineYears": 3}
}', true, 'migration', now() FROM scoring_model;

INSERT INTO dirty_group (parent_code, period, priority)
SELECT DISTINCT coalesce(a.parent_code, ''), p.period, cast(2 AS smallint)
FROM area a CROSS JOIN (SELECT 'running' AS period UNION SELECT DISTINCT period FROM area_score) p
ON CONFLICT DO NOTHING;
