-- The newest-first list by state also carries the area paths, so an area filter (or a staff
-- member's area scope) checked row by row along it is tested inside the index (an index-only scan
-- of ids) instead of reading the heap row of every case in that state.
CREATE INDEX IF NOT EXISTS petition_case_state_created_paths_idx ON petition_case (state, created_at DESC, id DESC) INCLUDE (area_path, unit_area_path);
DROP INDEX IF EXISTS petition_case_state_created_idx;
