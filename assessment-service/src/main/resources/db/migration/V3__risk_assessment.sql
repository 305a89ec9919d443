-- Social-stability risk assessments of major decisions (社会稳定风险评估).
CREATE TABLE risk_assessment (
    id              uuid PRIMARY KEY,
    title           text NOT NULL,
    decision_owner  text NOT NULL,
    area_codes      text[] NOT NULL,
    area_paths      text[] NOT NULL,
    opposition_rate double precision,
    state           text NOT NULL,
    decision        text,
    inherent_level  text,
    residual_level  text,
    decided_at      timestamptz,
    decided_by      text,
    version         integer NOT NULL DEFAULT 1,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_assessment_areas_idx ON risk_assessment USING gin (area_codes);
CREATE INDEX risk_assessment_paths_idx ON risk_assessment USING gin (area_paths);

CREATE TABLE risk_factor (
    id            uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES risk_assessment (id),
    dimension     text NOT NULL,
    category      text NOT NULL,
    description   text NOT NULL,
    likelihood    integer NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    consequence   integer NOT NULL CHECK (consequence BETWEEN 1 AND 5),
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX risk_factor_assessment_idx ON risk_factor (assessment_id);

CREATE TABLE risk_mitigation (
    id                   uuid PRIMARY KEY,
    assessment_id        uuid NOT NULL REFERENCES risk_assessment (id),
    factor_id            uuid NOT NULL REFERENCES risk_factor (id),
    measure              text NOT NULL,
    owner                text NOT NULL,
    deadline             date NOT NULL,
    residual_likelihood  integer NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_consequence integer NOT NULL CHECK (residual_consequence BETWEEN 1 AND 5),
    created_at           timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX risk_mitigation_assessment_idx ON risk_mitigation (assessment_id);
