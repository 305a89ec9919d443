-- Filtered incident lists are newest first (reported_at DESC, id DESC). Without these indexes a
-- selective filter walked incident_reported and threw most rows away (8.5 s at 1M incidents).
-- Equality filters on state and/or category lead, so the index returns rows already in list order;
-- area subtrees use the GIN index on path (queries say path @> ARRAY[code], which GIN can serve,
-- unlike code = ANY(path)).
CREATE INDEX incident_state_category_reported ON incident (state, category_code, reported_at DESC, id DESC);
CREATE INDEX incident_category_reported ON incident (category_code, reported_at DESC, id DESC);
CREATE INDEX incident_state_reported ON incident (state, reported_at DESC, id DESC);

-- Duplicate detection looks for an open incident of the category within a few dozen metres. The partial
-- btree (category_code, reported_at) made it read every open incident of the category of the last 72 h;
-- a spatial index over open incidents only returns the handful around the point.
CREATE INDEX incident_open_geog ON incident USING gist ((location::geography))
    WHERE state IN ('REPORTED', 'DISPATCHED', 'IN_PROGRESS');
