-- The default scoring model (version 1) re-seeded from the Java definitions: each indicator's weight and
-- goalposts from the indicator table (indicator/Indicator.java), severity weights from indicator/Severity.java,
-- the other numbers from ScoringModel.defaults. The values are the ones V2 seeded; DefaultModelSeedTest parses
-- this statement and fails when it differs from the Java definitions, so the two cannot drift apart.
-- Only the row the migrations seeded is touched; its version stays, the snapshots made with it refer to it.
UPDATE scoring_model SET body = '{
  "indicators": {
    "I1": {"weight": 20, "lower": 0, "upper": 0},
    "I2": {"weight": 8, "lower": 0.6, "upper": 1.0},
    "I3": {"weight": 7, "lower": 0.0, "upper": 0.3},
    "I4": {"weight": 10, "lower": 0.5, "upper": 1.0},
    "I5": {"weight": 8, "lower": 0.0, "upper": 0.3},
    "I6": {"weight": 7, "lower": 0.0, "upper": 0.3},
    "I7": {"weight": 5, "lower": 0.6, "upper": 1.0},
    "I8": {"weight": 5, "lower": 0.5, "upper": 1.0},
    "I9": {"weight": 20, "lower": 60, "upper": 100},
    "I10": {"weight": 10, "lower": 60, "upper": 100}
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
}' WHERE version = 1 AND created_by = 'migration';
