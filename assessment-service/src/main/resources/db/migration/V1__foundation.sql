-- Area hierarchy as learnt from org.civicsafety.area.upserted.v1; path = codes from the county down (incl. the area).
CREATE TABLE area (
    code             text PRIMARY KEY,
    name             text NOT NULL,
    level            text NOT NULL,
    parent_code      text,
    path             text[] NOT NULL,
    population       bigint,
    responsible_unit text,
    version          bigint NOT NULL,
    occurred_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX area_parent_idx ON area (parent_code);
CREATE INDEX area_level_idx ON area (level);
CREATE INDEX area_path_idx ON area USING gin (path);

-- ce_ids already applied: inserted in the same transaction as the effect (idempotent consumer).
CREATE TABLE consumed_event (
    ce_id       text PRIMARY KEY,
    topic       text NOT NULL,
    ce_type     text NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now()
);

-- Transactional outbox: written with the change, published by OutboxRelay in id order.
CREATE TABLE outbox_event (
    id           bigserial PRIMARY KEY,
    ce_id        uuid NOT NULL UNIQUE,
    topic        text NOT NULL,
    msg_key      text NOT NULL,
    ce_type      text NOT NULL,
    subject      text NOT NULL,
    data         jsonb NOT NULL,
    request_id   text,
    traceparent  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox_event (id) WHERE published_at IS NULL;
