-- grid-service consumes cases' events (mediation outcomes resolve incidents). Idempotent consumer: the ce_ids
-- already applied, written in the same transaction as their effect, so a redelivered event changes nothing.
CREATE TABLE consumed_event (
    ce_id       text PRIMARY KEY,
    topic       text NOT NULL,
    ce_type     text NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now()
);
