-- Partner webhook subscriptions (notices.md "Webhook subscriptions"): a partner's receiver URL, the event types it
-- wants (prefixes), and its signing secret, sealed by the personal-data cipher like every secret and personal column;
-- during a rotation the previous secret signs too until previous_secret_until.
CREATE TABLE webhook_subscription (
    id                    uuid PRIMARY KEY,
    partner_id            text        NOT NULL,
    -- a partner system's endpoint (not personal data); re-checked against the SSRF rules at every delivery
    url                   text        NOT NULL,
    event_types           text[]      NOT NULL,
    description           text,
    secret_enc            text        NOT NULL,
    previous_secret_enc   text,
    previous_secret_until timestamptz,
    -- false once deliveries failed for 24 h (the partner is told) or the subscription was deleted
    active                boolean     NOT NULL DEFAULT true,
    disabled_at           timestamptz,
    deleted_at            timestamptz,
    created_by            text        NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscription_partner ON webhook_subscription (partner_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

-- A partner's event is delivered like a notice but has none: the delivery names its subscription and carries the
-- CloudEvent it sends (the Kafka event's id, type and data; no personal data).
ALTER TABLE notice_delivery
    ALTER COLUMN notice_id DROP NOT NULL,
    ADD COLUMN subscription_id uuid REFERENCES webhook_subscription (id),
    ADD COLUMN event_id uuid,
    ADD COLUMN event_type text,
    ADD COLUMN payload text,
    ADD CONSTRAINT notice_delivery_of_a_notice_or_an_event CHECK ((notice_id IS NULL) <> (subscription_id IS NULL));
CREATE INDEX notice_delivery_subscription ON notice_delivery (subscription_id, created_at DESC, id DESC)
    WHERE subscription_id IS NOT NULL;
