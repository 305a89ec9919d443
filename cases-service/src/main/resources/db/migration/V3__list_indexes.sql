-- Indexes for the filtered, newest-first case lists (GET /api/v1/cases) at hundreds of thousands of cases.
-- Every list orders by (created_at DESC, id DESC) and stops after `limit`, so each selective filter gets a
-- btree that leads with the filter and then carries that order: the planner reads the first `limit` rows of
-- the filter's slice instead of sorting or walking the whole time index. Area (subtree) filters and scopes
-- use the GIN indexes on the path arrays through the containment operator (`area_path @> ARRAY[code]`).
-- Plain CREATE INDEX (Flyway runs each migration in a transaction); the table is small when this first runs.

CREATE INDEX petition_case_state_created_idx ON petition_case (state, created_at DESC, id DESC);
DROP INDEX petition_case_state_idx;

CREATE INDEX petition_case_unit_created_idx ON petition_case (unit_id, created_at DESC, id DESC);
DROP INDEX petition_case_unit_idx;

CREATE INDEX petition_case_owner_created_idx ON petition_case (owner_sub, created_at DESC, id DESC);
DROP INDEX petition_case_owner_idx;

CREATE INDEX petition_case_channel_created_idx ON petition_case (channel, created_at DESC, id DESC);
CREATE INDEX petition_case_type_created_idx ON petition_case (type, created_at DESC, id DESC);

-- The backlog ledger and overdue cases are small slices of the table: partial indexes stay small and are
-- used for the `backlog=true` / `overdue=true` filters.
CREATE INDEX petition_case_backlog_created_idx ON petition_case (created_at DESC, id DESC) WHERE backlog;
CREATE INDEX petition_case_overdue_created_idx ON petition_case (created_at DESC, id DESC) WHERE overdue;

ANALYZE petition_case;
