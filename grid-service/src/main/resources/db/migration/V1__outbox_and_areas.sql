CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Transactional outbox: written with the change, published by the relay.
CREATE TABLE outbox_event (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    msg_key      text        NOT NULL,
    ce_type      text        NOT NULL,
    payload      json        NOT NULL, -- json, not jsonb: published byte-for-byte as written
    request_id   text,
    traceparent  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;

-- Administrative hierarchy COUNTY > TOWNSHIP > VILLAGE > GRID. path = codes from the county down
-- (including the area itself), so "in subtree of X" is X = ANY(path).
CREATE TABLE area (
    code             varchar(64)  PRIMARY KEY,
    name             varchar(200) NOT NULL,
    name_en          varchar(200),
    level            varchar(16)  NOT NULL CHECK (level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID')),
    parent_code      varchar(64) REFERENCES area (code),
    path             text[]       NOT NULL,
    population       bigint CHECK (population >= 0),
    responsible_unit varchar(100),
    boundary         geometry(MultiPolygon, 4326),
    version          bigint       NOT NULL DEFAULT 1,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    CHECK (level <> 'GRID' OR boundary IS NOT NULL),
    CHECK ((level = 'COUNTY') = (parent_code IS NULL))
);
CREATE INDEX area_parent ON area (parent_code, code);
CREATE INDEX area_level ON area (level, code);
CREATE INDEX area_path ON area USING gin (path);
CREATE INDEX area_boundary ON area USING gist (boundary);
