-- County-wide lists by severity or by source (issue 14, P5). Neither had an index leading with it, so
-- `?severity=CRITICAL` walked the newest-first index testing every row until a page of matches turned up:
-- 262 ms when the newest 270,000 incidents of the benchmark county held none (a quiet week for critical
-- reports is the normal case). Each is one btree in list order; a combination with a state or category is a
-- short filtered range of it. Measured intake cost in deploy/bench/RESULTS.md (P2).
CREATE INDEX IF NOT EXISTS incident_severity_reported ON incident (severity, reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incident_source_reported ON incident (source, reported_at DESC, id DESC);
