-- Filtered incident lists by area level (issue 14, P5: the worst filter combination, not a random one).
-- An area filter was a containment test on the path array, which no btree can order by time: PostgreSQL
-- either walked a newest-first (state, category) index testing every row's path (225 ms p99 for a state an
-- area has few of, as it estimates area and state independent) or intersected GIN postings and sorted them.
-- Now an area is an equality on the path position of its level (path[1] county ... path[4] grid), and the
-- list indexes lead with it, so an area and a state are one range of an index already in list order:
--   (path[d], state, reported_at DESC, id DESC)                 every level; area alone is merged from its
--                                                               states' ranges, a list without area from the
--                                                               counties' (IncidentRepository.page)
--   (path[d], state, category_code, reported_at DESC, id DESC)  county, township, village; in a grid the
--                                                               (area, state) range is small enough to filter
-- Overdue incidents are few (a new report never is): partial (path[d], reported_at DESC, id DESC) indexes
-- list them by area newest first, at no cost to intake. A box or circle (its bounding box,
-- then the distance) is read from one GiST index over (location, reported_at) (btree_gist), newest first as
-- the nearest to a far-future time: only entries inside the box, in list order, whatever the box's size
-- (the plain GiST index made the planner choose between sorting every incident in a large box and walking
-- the newest-first index past every incident outside a small one). Intake pays for each index on every
-- insert, so what these make redundant goes: the GIN index over (path, state, category), the three
-- (state/category, reported_at) indexes that carried the path for row-by-row area tests, and the two
-- spatial indexes over all incidents (the point, and the point as geography for circles; open incidents
-- keep theirs for duplicates and "nearby").
CREATE INDEX IF NOT EXISTS incident_area1_state_reported ON incident ((path[1]), state, reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incident_area2_state_reported ON incident ((path[2]), state, reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incident_area3_state_reported ON incident ((path[3]), state, reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incident_area4_state_reported ON incident ((path[4]), state, reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incident_area1_state_category_reported ON incident ((path[1]), state, category_code, reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incident_area2_state_category_reported ON incident ((path[2]), state, category_code, reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incident_area3_state_category_reported ON incident ((path[3]), state, category_code, reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incident_area1_overdue_reported ON incident ((path[1]), reported_at DESC, id DESC) WHERE overdue;
CREATE INDEX IF NOT EXISTS incident_area2_overdue_reported ON incident ((path[2]), reported_at DESC, id DESC) WHERE overdue;
CREATE INDEX IF NOT EXISTS incident_area3_overdue_reported ON incident ((path[3]), reported_at DESC, id DESC) WHERE overdue;
CREATE INDEX IF NOT EXISTS incident_area4_overdue_reported ON incident ((path[4]), reported_at DESC, id DESC) WHERE overdue;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE INDEX IF NOT EXISTS incident_location_reported ON incident USING gist (location, reported_at);
DROP INDEX IF EXISTS incident_location;
DROP INDEX IF EXISTS incident_geog;
DROP INDEX IF EXISTS incident_path_state_category;
DROP INDEX IF EXISTS incident_state_category_reported_p;
DROP INDEX IF EXISTS incident_category_reported_p;
DROP INDEX IF EXISTS incident_state_reported_p;
-- the expressions' statistics (how many incidents each area has) for the plans that are still the planner's
ANALYZE incident;
