-- Issue 17 (mediation.md): dispute mediations. The parties' personal data and the sessions (attendees, notes) are
-- only ciphertext (parties_enc, sessions_enc: the service's cipher, walked by the re-encryption job); parties and
-- obligations keep in plain JSON only what the workflow needs (roles, consents, tracking codes, statuses).
CREATE SEQUENCE mediation_number_seq;

CREATE TABLE mediation (
    id                    uuid PRIMARY KEY,
    number                text        NOT NULL UNIQUE,
    type                  text        NOT NULL,
    sector                text,
    area_code             text        NOT NULL,
    area_path             text[]      NOT NULL,
    level                 text        NOT NULL,
    summary               text        NOT NULL,
    dispute_category      text        NOT NULL,
    amount_in_dispute     numeric(16, 2),
    parties               jsonb       NOT NULL,
    parties_enc           bytea       NOT NULL,
    tracking_codes        text[]      NOT NULL,
    mediator_ids          uuid[]      NOT NULL,
    source_incident_id    uuid,
    source_case_id        uuid REFERENCES petition_case (id),
    referral_note         text,
    state                 text        NOT NULL,
    outcome               text,
    referral              text,
    referred_case_id      uuid REFERENCES petition_case (id),
    conclusion_reason     text,
    opened_by             text        NOT NULL,
    opened_role           text        NOT NULL,
    opened_at             timestamptz NOT NULL,
    in_mediation_at       timestamptz,
    due_at                timestamptz,
    extension_days        int,
    extension_reason      text,
    overdue               boolean     NOT NULL DEFAULT false,
    agreement_written     boolean,
    terms                 text,
    obligations           jsonb,
    agreed_at             timestamptz,
    judicial_court        text,
    judicial_confirmed_on date,
    concluded_at          timestamptz,
    duration_days         int,
    follow_up_note        text,
    followed_up_at        timestamptz,
    sessions_enc          bytea,
    session_count         int         NOT NULL DEFAULT 0,
    version               bigint      NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX mediation_list_idx ON mediation (created_at DESC, id DESC);
CREATE INDEX mediation_area_path_idx ON mediation USING gin (area_path);
CREATE INDEX mediation_mediators_idx ON mediation USING gin (mediator_ids);
CREATE INDEX mediation_tracking_idx ON mediation USING gin (tracking_codes);
CREATE INDEX mediation_concluded_idx ON mediation (concluded_at) WHERE concluded_at IS NOT NULL;
-- What the deadline job claims: running mediations not yet flagged.
CREATE INDEX mediation_due_idx ON mediation (due_at) WHERE NOT overdue AND state IN ('OPEN', 'IN_MEDIATION');

-- Append-only audit trail, as case_history.
CREATE TABLE mediation_history (
    id           bigserial PRIMARY KEY,
    mediation_id uuid        NOT NULL REFERENCES mediation (id),
    at           timestamptz NOT NULL DEFAULT now(),
    actor_sub    text        NOT NULL,
    actor_role   text        NOT NULL,
    action       text        NOT NULL,
    from_state   text,
    to_state     text        NOT NULL,
    note         text
);
CREATE INDEX mediation_history_idx ON mediation_history (mediation_id, id);
CREATE FUNCTION mediation_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'mediation_history is append-only';
END $$;
CREATE TRIGGER mediation_history_no_update BEFORE UPDATE OR DELETE ON mediation_history
    FOR EACH ROW EXECUTE FUNCTION mediation_history_append_only();

-- A petition and its mediation link both ways (cases.md REFER_TO_MEDIATION; a failed mediation's PETITION referral).
ALTER TABLE petition_case ADD COLUMN mediation_id uuid REFERENCES mediation (id);
ALTER TABLE petition_case ADD COLUMN source_mediation_id uuid REFERENCES mediation (id);
