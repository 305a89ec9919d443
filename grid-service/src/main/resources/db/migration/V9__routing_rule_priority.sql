-- Routing rules become editable through the API: a priority breaks ties between equally specific rules
-- (higher wins) and a version serves ETag/If-Match.
ALTER TABLE routing_rule
    ADD COLUMN priority int    NOT NULL DEFAULT 0,
    ADD COLUMN version  bigint NOT NULL DEFAULT 1;
