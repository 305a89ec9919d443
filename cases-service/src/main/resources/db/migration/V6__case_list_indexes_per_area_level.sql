-- Filtered case lists by area level (issue 14, P5: the worst filter combination, not a random one).
-- An area filter was a containment test on area_path, which no btree can order by time: PostgreSQL walked
-- the newest-first state index testing each case's paths (76 ms p99 for a state a village has few of) or
-- intersected GIN postings and sorted them. Now an area is an equality on the path position of its level
-- (area_path[1] county, [2] township, [3] village), and the list indexes lead with it, so an area and a state
-- (and a from/to range) are one range of an index already in list order; area alone is merged from its
-- states' ranges, a state without area from the counties' (CaseRepository.page). The GIN index on area_path
-- stays for the staff scope (area or handling unit's area) and the statistics.
CREATE INDEX IF NOT EXISTS petition_case_area1_state_created_idx ON petition_case ((area_path[1]), state, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS petition_case_area2_state_created_idx ON petition_case ((area_path[2]), state, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS petition_case_area3_state_created_idx ON petition_case ((area_path[3]), state, created_at DESC, id DESC);
-- Overdue cases and the backlog, by area: partial indexes (a case enters them when flagged, not at intake);
-- a list of all of them is merged from the counties', so the partial indexes without area go.
CREATE INDEX IF NOT EXISTS petition_case_area1_overdue_created_idx ON petition_case ((area_path[1]), created_at DESC, id DESC) WHERE overdue;
CREATE INDEX IF NOT EXISTS petition_case_area2_overdue_created_idx ON petition_case ((area_path[2]), created_at DESC, id DESC) WHERE overdue;
CREATE INDEX IF NOT EXISTS petition_case_area3_overdue_created_idx ON petition_case ((area_path[3]), created_at DESC, id DESC) WHERE overdue;
CREATE INDEX IF NOT EXISTS petition_case_area1_backlog_created_idx ON petition_case ((area_path[1]), created_at DESC, id DESC) WHERE backlog;
CREATE INDEX IF NOT EXISTS petition_case_area2_backlog_created_idx ON petition_case ((area_path[2]), created_at DESC, id DESC) WHERE backlog;
CREATE INDEX IF NOT EXISTS petition_case_area3_backlog_created_idx ON petition_case ((area_path[3]), created_at DESC, id DESC) WHERE backlog;
DROP INDEX IF EXISTS petition_case_overdue_created_idx;
DROP INDEX IF EXISTS petition_case_backlog_created_idx;
-- Text search (q) is one trigram test over title and content, as petition_case_text_trgm_idx holds them, or
-- over the number: its own trigram index, so that a rare text is found by the two indexes (not a walk
-- over every case) and a common one by the newest-first walk.
CREATE INDEX IF NOT EXISTS petition_case_number_trgm_idx ON petition_case USING gin (number gin_trgm_ops);
ANALYZE petition_case;
