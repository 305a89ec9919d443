-- Event-driven re-scoring (priority 0) must never wait behind bulk recomputes after a model activation or
-- the daily window move (priority 1).
ALTER TABLE dirty_group ADD COLUMN priority smallint NOT NULL DEFAULT 0;
CREATE INDEX dirty_group_order_idx ON dirty_group (priority, marked_at);
