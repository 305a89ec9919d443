-- The hourly purge of Idempotency-Keys past their retention (Idempotency.purge) finds them by age.
CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
