-- Facts count once whatever order events arrive in (a relay re-sending after an outage may deliver newer
-- events first). A duplicate-link or rejection may come before the report it takes back: `withdrawn` keeps
-- that late report from being counted. The take-back must undo exactly what the report counted, so the
-- report's own path and severity are kept apart from the incident's latest state.
ALTER TABLE incident ADD COLUMN withdrawn boolean NOT NULL DEFAULT false;
ALTER TABLE incident ADD COLUMN reported_path text[];
ALTER TABLE incident ADD COLUMN reported_severity text;
