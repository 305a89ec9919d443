-- Per-area, per-period counters. period is a day ('2026-11-21', for running windows and trend baselines),
-- a month ('2026-11'), a quarter ('2026-Q4') or a year ('2026'). Every event adds to its area and all ancestors.
CREATE TABLE area_counter (
    area_code text NOT NULL,
    period    text NOT NULL,
    metric    text NOT NULL,
    value     double precision NOT NULL,
    PRIMARY KEY (area_code, period, metric)
);

-- Sibling groups (by parent; '' = the roots) whose scores must be re-snapshotted for a period.
CREATE TABLE dirty_group (
    parent_code text NOT NULL,
    period      text NOT NULL,
    marked_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (parent_code, period)
);

-- What the service knows of each incident/case, for stale-version checks and count-once rules.
CREATE TABLE incident (
    id           text PRIMARY KEY,
    version      bigint NOT NULL,
    area_code    text NOT NULL,
    path         text[] NOT NULL,
    severity     text,
    reported_day date,
    deaths       integer NOT NULL DEFAULT 0,
    counted      boolean NOT NULL DEFAULT false,
    resolved     boolean NOT NULL DEFAULT false,
    escalated    boolean NOT NULL DEFAULT false
);

CREATE TABLE case_file (
    id             text PRIMARY KEY,
    version        bigint NOT NULL,
    area_code      text NOT NULL,
    path           text[] NOT NULL,
    registered     boolean NOT NULL DEFAULT false,
    assigned       boolean NOT NULL DEFAULT false,
    accept_decided boolean NOT NULL DEFAULT false,
    accepted       boolean NOT NULL DEFAULT false,
    resolved       boolean NOT NULL DEFAULT false
);

CREATE TABLE scoring_model (
    version      integer PRIMARY KEY,
    body         jsonb NOT NULL,
    active       boolean NOT NULL DEFAULT false,
    created_by   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    activated_at timestamptz
);
CREATE UNIQUE INDEX scoring_model_one_active ON scoring_model (active) WHERE active;

INSERT INTO scoring_model (version, body, active, created_by, activated_at) VALUES (1, '{
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
}', true, 'migration', now());

-- Latest snapshot per (area, period): what score.changed events and history are built from.
CREATE TABLE area_score (
    area_code     text NOT NULL,
    period        text NOT NULL,
    model_version integer NOT NULL,
    score         double precision,
    grade         text,
    rank          integer,
    rank_of       integer,
    veto          boolean NOT NULL,
    coverage      double precision NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (area_code, period)
);

-- Raised warnings (YELLOW_CARD, TREND_ALERT, VETO, REASSESS); dedupe_key makes raising idempotent.
CREATE TABLE warning (
    id            uuid PRIMARY KEY,
    type          text NOT NULL,
    area_code     text NOT NULL,
    path          text[] NOT NULL,
    period        text NOT NULL,
    reason        text NOT NULL,
    assessment_id uuid,
    dedupe_key    text NOT NULL UNIQUE,
    raised_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX warning_path_idx ON warning USING gin (path);

-- Survey results for I9 (sense of security) and I10 (satisfaction with public services).
CREATE TABLE survey (
    id          uuid PRIMARY KEY,
    area_code   text NOT NULL,
    period      text NOT NULL,
    indicator   text NOT NULL,
    value       double precision NOT NULL,
    sample_size integer NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (area_code, period, indicator)
);

-- Idempotency-Key of creates: (client, key) → hash of the body and the stored response.
CREATE TABLE idempotency_key (
    client       text NOT NULL,
    key          text NOT NULL,
    request_hash text NOT NULL,
    status       integer,
    body         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, key)
);

CREATE SEQUENCE score_event_seq;
