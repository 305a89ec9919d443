-- Issue 16 (notices.md): the notices cases-service sends, their deliveries per channel and every attempt, in the
-- tables of the design cases-service and grid-service share. A notice is written in the transaction of the change
-- that causes it; NoticeRelay delivers it. Contact data lives only in notice_delivery.address_enc (and the
-- citizens' preferences), encrypted like every personal column; notice bodies never hold personal data.

-- The notice itself, and so the inbox (channel INBOX is implicit). recipient: a user's sub (USER), a handling
-- unit's id (UNIT), an area code whose supervisors are told (AREA); null for a petitioner without an account
-- (registered by an officer without petitionerUserId), who is told only by SMS or e-mail.
CREATE TABLE notice (
    id             uuid PRIMARY KEY,
    seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    recipient_type text NOT NULL CHECK (recipient_type IN ('USER', 'UNIT', 'AREA', 'PARTNER')),
    recipient      text,
    area_path      text[] NOT NULL,
    notice_type    text NOT NULL,
    subject_type   text NOT NULL,
    subject_id     uuid NOT NULL,
    subject_number text,
    lang           text NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    title          text NOT NULL,
    body           text NOT NULL,
    urgent         boolean NOT NULL DEFAULT false,
    stage          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    read_at        timestamptz
);
-- Once-per-stage notices (due soon, overdue): a second one for the same stage is not written.
CREATE UNIQUE INDEX notice_once_per_stage_idx ON notice (notice_type, subject_id, recipient_type, recipient, stage)
    WHERE stage IS NOT NULL;
-- Inboxes, newest first by seq: a user's or unit's by recipient, supervisors' by the area path (GIN, "@>").
CREATE INDEX notice_recipient_seq_idx ON notice (recipient_type, recipient, seq DESC);
CREATE INDEX notice_area_path_idx ON notice USING gin (area_path);
CREATE INDEX notice_subject_idx ON notice (subject_id, seq);

CREATE TABLE notice_delivery (
    id              uuid PRIMARY KEY,
    notice_id       uuid NOT NULL REFERENCES notice (id),
    channel         text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'WEBHOOK')),
    address_enc     text,
    address_masked  text,
    status          text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'DEFERRED', 'SUPPRESSED')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notice_delivery_notice_idx ON notice_delivery (notice_id);
-- What the relay claims: due deliveries only (a small slice of the table).
CREATE INDEX notice_delivery_due_idx ON notice_delivery (next_attempt_at) WHERE status IN ('PENDING', 'DEFERRED');

CREATE TABLE notice_attempt (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id uuid NOT NULL REFERENCES notice_delivery (id),
    at          timestamptz NOT NULL,
    status_code int,
    latency_ms  int,
    error       text
);
CREATE INDEX notice_attempt_delivery_idx ON notice_attempt (delivery_id, id);

-- A citizen's own choice of channels and language (GET/PUT /api/v1/me/notice-preferences); addresses encrypted.
CREATE TABLE notice_preference (
    sub         text PRIMARY KEY,
    sms         boolean NOT NULL,
    email       boolean NOT NULL,
    language    text NOT NULL CHECK (language IN ('zh-CN', 'en')),
    email_enc   text,
    mobile_enc  text,
    updated_at  timestamptz NOT NULL
);

-- The channels the petitioner chose at registration (SMS, EMAIL); null: SMS when a phone was given.
ALTER TABLE petition_case ADD COLUMN notice_channels text[];

-- Each of a unit's deadlines is announced to it once, three working days ahead (like case_overdue).
CREATE TABLE case_due_soon (
    case_id    uuid NOT NULL REFERENCES petition_case (id),
    stage      text NOT NULL,
    warned_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, stage)
);
