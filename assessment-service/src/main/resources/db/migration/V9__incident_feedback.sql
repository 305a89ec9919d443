-- The 12345 "three rates" for incidents (notices.md "Reporter feedback"): an incident's first dispatch counts once
-- toward the response rate, whatever order its events arrive in.
ALTER TABLE incident ADD COLUMN responded boolean NOT NULL DEFAULT false;
