-- The reporter's feedback on a resolution (notices.md "Reporter feedback", 回访) and the 12345 "three rates":
-- when an incident was first dispatched (response within an hour of the report), the latest rating of a
-- resolution and when it was given (a rating older than resolved_at belongs to an earlier resolution).
ALTER TABLE incident
    ADD COLUMN dispatched_at timestamptz,
    ADD COLUMN satisfaction  varchar(24) CHECK (satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    ADD COLUMN rated_at      timestamptz;

-- Incidents dispatched before this migration: the time of their first DISPATCH in the audit trail.
UPDATE incident i SET dispatched_at = d.at
FROM (SELECT incident_id, min(at) AS at FROM incident_history WHERE action = 'DISPATCH' GROUP BY incident_id) d
WHERE d.incident_id = i.id;

-- The feedback job closes resolutions nobody answered within the window: it reads only resolved incidents.
CREATE INDEX incident_resolved_unanswered ON incident (resolved_at) WHERE state = 'RESOLVED';
