-- The newest-first list indexes also carry the area path, so an area filter the planner checks row
-- by row along one of them (a state/category rare in that area) is tested inside the index (an
-- index-only scan of ids) instead of reading every heap row of that state/category platform-wide:
-- measured on 1.3 M incidents, 250 ms → 23 ms for a township without any such incident.
CREATE INDEX IF NOT EXISTS incident_state_category_reported_p ON incident (state, category_code, reported_at DESC, id DESC) INCLUDE (path);
CREATE INDEX IF NOT EXISTS incident_category_reported_p ON incident (category_code, reported_at DESC, id DESC) INCLUDE (path);
CREATE INDEX IF NOT EXISTS incident_state_reported_p ON incident (state, reported_at DESC, id DESC) INCLUDE (path);
DROP INDEX IF EXISTS incident_state_category_reported;
DROP INDEX IF EXISTS incident_category_reported;
DROP INDEX IF EXISTS incident_state_reported;
