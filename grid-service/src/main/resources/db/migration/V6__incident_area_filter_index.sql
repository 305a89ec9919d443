-- A list filtered by area and by state and/or category used one of the (state, category, reported_at)
-- indexes and fetched every row of that state/category across the whole platform to test its path:
-- tens of thousands of heap reads for an area that has none. One GIN index over all three (btree_gin
-- makes the scalar columns GIN-indexable) finds exactly the rows of the area with that state and
-- category; it also serves area-only filters, so the path-only GIN index goes.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX IF NOT EXISTS incident_path_state_category ON incident USING gin (path, state, category_code);
DROP INDEX IF EXISTS incident_path;
