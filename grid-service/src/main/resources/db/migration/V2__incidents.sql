-- Incident categories (the Open311 "services"). Names in zh-CN and en; attributes follow Open311's
-- service definition model: [{code, datatype, required, description:{zh,en}, values:[{key, name:{zh,en}}]}].
CREATE TABLE category (
    code                 varchar(64) PRIMARY KEY,
    name_zh              varchar(200) NOT NULL,
    name_en              varchar(200) NOT NULL,
    group_code           varchar(64)  NOT NULL,
    group_zh             varchar(200) NOT NULL,
    group_en             varchar(200) NOT NULL,
    keywords             text[]       NOT NULL DEFAULT '{}',
    default_severity     varchar(16)  NOT NULL,
    dedupe_radius_meters int          NOT NULL DEFAULT 50 CHECK (dedupe_radius_meters > 0),
    sla_hours            jsonb        NOT NULL,
    private              boolean      NOT NULL DEFAULT false,
    attributes           jsonb        NOT NULL DEFAULT '[]'
);

-- Routing: the most specific matching rule wins (category, severity, area subtree); without a rule
-- the responsibleUnit of the area at the incident's level handles it.
CREATE TABLE routing_rule (
    id            bigserial PRIMARY KEY,
    category_code varchar(64) REFERENCES category (code),
    severity      varchar(16),
    area_code     varchar(64) REFERENCES area (code),
    unit          varchar(100) NOT NULL,
    level         varchar(16) CHECK (level IN ('VILLAGE', 'TOWNSHIP', 'COUNTY'))
);

CREATE SEQUENCE incident_number_seq;

CREATE TABLE incident (
    id               uuid PRIMARY KEY,
    number           varchar(32)  NOT NULL UNIQUE,
    category_code    varchar(64)  NOT NULL REFERENCES category (code),
    severity         varchar(16)  NOT NULL,
    description      varchar(4000) NOT NULL,
    location         geometry(Point, 4326) NOT NULL,
    address          varchar(500),
    area_code        varchar(64)  NOT NULL REFERENCES area (code),
    path             text[]       NOT NULL,
    source           varchar(16)  NOT NULL,
    reporter_sub     varchar(200),
    reporter_enc     text,           -- personal data (name, phone), AES-GCM encrypted
    partner_id       varchar(100),
    attributes       jsonb        NOT NULL DEFAULT '{}',
    state            varchar(16)  NOT NULL,
    level            varchar(16)  NOT NULL,
    assigned_unit    varchar(100),
    due_at           timestamptz,
    overdue          boolean      NOT NULL DEFAULT false,
    escalation_count int          NOT NULL DEFAULT 0,
    report_count     int          NOT NULL DEFAULT 1,
    duplicate_of     uuid REFERENCES incident (id),
    occurred_at      timestamptz,
    reported_at      timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    resolved_at      timestamptz,
    resolved_on_time boolean,
    version          bigint       NOT NULL DEFAULT 1
);
CREATE INDEX incident_location ON incident USING gist (location);
CREATE INDEX incident_geog ON incident USING gist ((location::geography));
CREATE INDEX incident_path ON incident USING gin (path);
CREATE INDEX incident_reported ON incident (reported_at DESC, id DESC);
CREATE INDEX incident_updated ON incident (updated_at);
CREATE INDEX incident_due ON incident (due_at) WHERE state IN ('DISPATCHED', 'IN_PROGRESS') AND NOT overdue;
CREATE INDEX incident_unit ON incident (assigned_unit);
CREATE INDEX incident_partner ON incident (partner_id);
CREATE INDEX incident_open_category ON incident (category_code, reported_at)
    WHERE state IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS');

-- Append-only audit trail.
CREATE TABLE incident_history (
    id          bigserial PRIMARY KEY,
    incident_id uuid        NOT NULL REFERENCES incident (id),
    at          timestamptz NOT NULL DEFAULT now(),
    actor       varchar(200),
    action      varchar(32) NOT NULL,
    from_state  varchar(16),
    to_state    varchar(16),
    from_level  varchar(16),
    to_level    varchar(16),
    unit        varchar(100),
    note        varchar(4000)
);
CREATE INDEX incident_history_incident ON incident_history (incident_id, id);

CREATE TABLE incident_media (
    id           uuid PRIMARY KEY,
    incident_id  uuid         NOT NULL REFERENCES incident (id),
    content_type varchar(100) NOT NULL,
    size_bytes   int          NOT NULL,
    sha256       varchar(64)  NOT NULL,
    data         bytea        NOT NULL,
    uploaded_by  varchar(200),
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX incident_media_incident ON incident_media (incident_id, created_at);

-- Idempotency-Key store: same client + key + body -> the stored response again.
CREATE TABLE idempotency_key (
    client       varchar(200) NOT NULL,
    key          varchar(128) NOT NULL,
    request_hash varchar(64)  NOT NULL,
    status       int,
    body         text,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (client, key)
);
