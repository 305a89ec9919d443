-- Notices (notices.md; the design cases-service shares): the inbox is the notice row itself, each outside channel
-- a delivery row that the relay sends, every try an attempt row. Written in the transaction of the change.
CREATE TABLE notice (
    id             uuid PRIMARY KEY,
    -- the order of cursors and of the SSE stream's Last-Event-ID
    seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    recipient_type text        NOT NULL CHECK (recipient_type IN ('USER', 'UNIT', 'AREA', 'PARTNER')),
    -- a user id (sub), unit id, area code or partner id: ids, never contact data
    recipient      text        NOT NULL,
    -- the subject's area path, the scope supervisors read the delivery log in
    area_path      text[]      NOT NULL DEFAULT '{}',
    notice_type    text        NOT NULL,
    subject_type   text        NOT NULL,
    subject_id     uuid        NOT NULL,
    subject_number text,
    lang           text        NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    -- rendered from the type's template; no personal data of anyone
    title          text        NOT NULL,
    body           text        NOT NULL,
    urgent         boolean     NOT NULL DEFAULT false,
    -- dedupe key of once-per-stage notices (due soon, overdue)
    stage          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    read_at        timestamptz
);
CREATE UNIQUE INDEX notice_once_per_stage ON notice (notice_type, subject_id, recipient_type, recipient, stage)
    WHERE stage IS NOT NULL;
-- a recipient's inbox, newest first, and its unread count
CREATE INDEX notice_inbox ON notice (recipient_type, recipient, seq DESC);
CREATE INDEX notice_unread ON notice (recipient_type, recipient) WHERE read_at IS NULL;
-- supervisors' notices: area_path holds their area
CREATE INDEX notice_area_path ON notice USING gin (area_path);
CREATE INDEX notice_created ON notice (created_at);

CREATE TABLE notice_delivery (
    id              uuid PRIMARY KEY,
    notice_id       uuid        NOT NULL REFERENCES notice (id),
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'WEBHOOK')),
    -- the e-mail address, mobile number or URL, sealed by the personal-data cipher
    address_enc     text,
    -- 139****1234, a***@example.org, a URL's host
    address_masked  text,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'DEFERRED', 'SUPPRESSED')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    -- a short reason, no personal data
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- the relay's claim: due deliveries in the order they are due
CREATE INDEX notice_delivery_due ON notice_delivery (next_attempt_at) WHERE status IN ('PENDING', 'DEFERRED');
CREATE INDEX notice_delivery_notice ON notice_delivery (notice_id);

CREATE TABLE notice_attempt (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id uuid        NOT NULL REFERENCES notice_delivery (id),
    at          timestamptz NOT NULL DEFAULT now(),
    -- HTTP status or SMTP reply code; null when there was none (no connection)
    status_code int,
    latency_ms  int,
    error       text
);
CREATE INDEX notice_attempt_delivery ON notice_attempt (delivery_id, id);

-- A user's channels (notices.md "Preferences and consent"); contact data sealed like every personal column.
CREATE TABLE notice_preference (
    sub        text PRIMARY KEY,
    sms        boolean     NOT NULL DEFAULT true,
    email      boolean     NOT NULL DEFAULT true,
    language   text        NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
    email_enc  text,
    mobile_enc text,
    updated_at timestamptz NOT NULL DEFAULT now()
);
