CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Area hierarchy mirrored from grid-service (civicsafety.areas.v1); path = codes from the county down.
CREATE TABLE area (
    code             text PRIMARY KEY,
    name             text NOT NULL,
    level            text,
    parent_code      text,
    path             text[] NOT NULL,
    population       bigint,
    responsible_unit text,
    version          bigint NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Idempotent consumer: every applied ce_id, written in the same transaction as its effect.
CREATE TABLE consumed_event (
    ce_id       text PRIMARY KEY,
    consumed_at timestamptz NOT NULL DEFAULT now()
);

-- Exceptions to the Monday-Friday week: public holidays and adjusted working days (调休).
CREATE TABLE calendar_day (
    day  date PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name text NOT NULL
);

CREATE SEQUENCE case_number_seq;

CREATE TABLE petition_case (
    id                     uuid PRIMARY KEY,
    number                 text NOT NULL UNIQUE,
    tracking_code          text NOT NULL UNIQUE,
    channel                text NOT NULL,
    type                   text NOT NULL,
    title                  text NOT NULL,
    content                text NOT NULL,
    area_code              text NOT NULL,
    area_path              text[] NOT NULL,
    petitioner_enc         bytea NOT NULL,
    petitioner_ref         text NOT NULL,
    group_size             int NOT NULL,
    merged_petitioners     int NOT NULL DEFAULT 0,
    owner_sub              text,
    registered_by          text NOT NULL,
    registered_role        text NOT NULL,
    state                  text NOT NULL,
    unit_id                text,
    unit_area_code         text,
    unit_area_path         text[],
    reviewer_area_code     text,
    reviewer_area_path     text[],
    not_accept_reason      text,
    divert_channel         text,
    decline_reason         text,
    repeat                 boolean NOT NULL DEFAULT false,
    repeat_of              uuid,
    merged_into            uuid,
    decision               text,
    answer_text            text,
    answer_stage           text,
    satisfaction           text,
    registered_at          timestamptz NOT NULL,
    triage_due_at          timestamptz,
    assigned_at            timestamptz,
    acceptance_due_at      timestamptz,
    objection_due_at       timestamptz,
    accepted_at            timestamptz,
    handling_due_at        timestamptz,
    extension_days         int,
    extension_reason       text,
    answered_at            timestamptz,
    answer_window_due_at   timestamptz,
    review_requested_at    timestamptz,
    review_due_at          timestamptz,
    review_answered_at     timestamptz,
    review_window_due_at   timestamptz,
    re_review_requested_at timestamptz,
    re_review_due_at       timestamptz,
    hearing                boolean NOT NULL DEFAULT false,
    hearing_started_at     timestamptz,
    hearing_paused_days    int NOT NULL DEFAULT 0,
    finalized_at           timestamptz,
    overdue                boolean NOT NULL DEFAULT false,
    backlog                boolean NOT NULL DEFAULT false,
    backlog_reason         text,
    backlog_leader         text,
    backlog_plan           text,
    backlog_target_date    date,
    version                bigint NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);
CREATE INDEX petition_case_area_path_idx ON petition_case USING gin (area_path);
CREATE INDEX petition_case_unit_path_idx ON petition_case USING gin (unit_area_path);
CREATE INDEX petition_case_ref_idx ON petition_case (petitioner_ref, created_at DESC);
CREATE INDEX petition_case_unit_idx ON petition_case (unit_id);
CREATE INDEX petition_case_owner_idx ON petition_case (owner_sub);
CREATE INDEX petition_case_state_idx ON petition_case (state);
CREATE INDEX petition_case_created_idx ON petition_case (created_at DESC, id DESC);
CREATE INDEX petition_case_text_trgm_idx ON petition_case USING gin ((title || ' ' || content) gin_trgm_ops);

-- Append-only audit trail: updates and deletes are refused by the database itself.
CREATE TABLE case_history (
    id         bigserial PRIMARY KEY,
    case_id    uuid NOT NULL REFERENCES petition_case (id),
    at         timestamptz NOT NULL DEFAULT now(),
    actor_sub  text NOT NULL,
    actor_role text NOT NULL,
    action     text NOT NULL,
    from_state text,
    to_state   text NOT NULL,
    note       text
);
CREATE INDEX case_history_case_idx ON case_history (case_id, id);
CREATE FUNCTION case_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_history is append-only';
END $$;
CREATE TRIGGER case_history_no_update BEFORE UPDATE OR DELETE ON case_history
    FOR EACH ROW EXECUTE FUNCTION case_history_append_only();

-- One rating per answer stage (the primary key enforces it).
CREATE TABLE case_rating (
    case_id      uuid NOT NULL REFERENCES petition_case (id),
    stage        text NOT NULL,
    satisfaction text NOT NULL,
    comment      text,
    rated_by     text NOT NULL,
    rated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, stage)
);

-- Each passed deadline is flagged exactly once (the primary key enforces it across instances).
CREATE TABLE case_overdue (
    case_id    uuid NOT NULL REFERENCES petition_case (id),
    stage      text NOT NULL,
    flagged_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, stage)
);

CREATE TABLE case_supervision (
    id        bigserial PRIMARY KEY,
    case_id   uuid NOT NULL REFERENCES petition_case (id),
    at        timestamptz NOT NULL DEFAULT now(),
    actor_sub text NOT NULL,
    note      text NOT NULL
);

CREATE TABLE case_attachment (
    id         uuid PRIMARY KEY,
    case_id    uuid NOT NULL REFERENCES petition_case (id),
    filename   text NOT NULL,
    media_type text NOT NULL,
    size       bigint NOT NULL,
    content    bytea NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_attachment_case_idx ON case_attachment (case_id);

CREATE TABLE outbox_event (
    id           bigserial PRIMARY KEY,
    ce_id        uuid NOT NULL,
    ce_type      text NOT NULL,
    subject      text NOT NULL,
    payload      text NOT NULL,
    request_id   text,
    traceparent  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE published_at IS NULL;

CREATE TABLE idempotency_record (
    client       text NOT NULL,
    key          text NOT NULL,
    request_hash text NOT NULL,
    status       int,
    body         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, key)
);
