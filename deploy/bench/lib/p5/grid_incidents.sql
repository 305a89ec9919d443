-- one batch of P5 incidents: n from :lo to :hi (grid = n % 10000, day = n * 7919 % 365 days ago).
-- Besides the even spread, a few rare slices, so that lists can be asked for values an area has few
-- or none of: state REPORTED (n % 1009 = 0: ~1,000 in the county, most grids none), category
-- FIRE_HAZARD (n % 997 = 0), and open incidents flagged overdue (n % 53 = 0, their deadline past;
-- the escalation job leaves flagged ones alone; the RESOLVED ones were resolved at load time, so the feedback job,
-- which closes resolutions unanswered for 7 days, leaves them alone too). Township T3 has no DISPATCHED incident (IN_PROGRESS
-- instead: the same for the assessment's counters) and no THEFT (MANHOLE_COVER instead), 10 % of every
-- other township's: an area without a value common elsewhere. assessment.sql repeats the state formula.
\set ON_ERROR_STOP on
INSERT INTO incident (id, number, category_code, severity, description, location, address, area_code, path, source,
                      attributes, state, level, assigned_unit, due_at, overdue, report_count, occurred_at, reported_at, updated_at,
                      resolved_at, resolved_on_time, dispatched_at, version)
SELECT gen_random_uuid(), 'SJ-P5-' || lpad(n::text, 7, '0'),
       CASE WHEN n % 997 = 0 THEN 'FIRE_HAZARD' WHEN g / 1000 = 3 AND n % 6 = 2 THEN 'MANHOLE_COVER'
            ELSE (ARRAY['STREET_LIGHT','RUBBISH','THEFT','FIGHT','POLLUTION','NEIGHBOUR_DISPUTE'])[1 + n % 6] END,
       (ARRAY['GENERAL','GENERAL','GENERAL','GENERAL','GENERAL','GENERAL','SERIOUS','SERIOUS','MAJOR','CRITICAL'])[1 + (n / 7) % 10],
       'P5 generated report ' || n || ' 路灯 积水 垃圾 ' || md5(n::text),
       ST_SetSRID(ST_MakePoint(126 + (g % 100) * 0.01 + 0.001 + (n % 97) * 0.00008, 46 + (g / 100) * 0.01 + 0.001 + (n % 89) * 0.00009), 4326),
       'P5 road ' || (n % 500),
       'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10) || '-G' || g,
       ARRAY['P5C', 'P5C-T' || (g / 1000), 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10), 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10) || '-G' || g],
       (ARRAY['GRID_WORKER','CITIZEN','PARTNER','HOTLINE','SENSOR'])[1 + n % 5], '{}'::jsonb,
       st, 'VILLAGE', 'p5-v' || (g / 1000) || '-' || ((g % 100) / 10),
       CASE WHEN st IN ('DISPATCHED', 'IN_PROGRESS') AND n % 53 <> 0 THEN now() + interval '3650 days' ELSE ts + interval '72 hours' END,
       st IN ('DISPATCHED', 'IN_PROGRESS') AND n % 53 = 0, 1, ts, ts, ts,
       CASE WHEN st = 'CLOSED' THEN ts + interval '20 hours' WHEN st = 'RESOLVED' THEN now() END,
       CASE WHEN st IN ('RESOLVED', 'CLOSED') THEN n % 5 <> 0 END, CASE WHEN st <> 'REPORTED' THEN ts END, 1
FROM (SELECT n, n % 10000 AS g, now() - ((n::bigint * 7919) % 365) * interval '1 day' - (n % 86400) * interval '1 second' AS ts,
             CASE WHEN n % 1009 = 0 THEN 'REPORTED' WHEN (n % 10000) / 1000 = 3 AND (n / 3) % 10 = 7 THEN 'IN_PROGRESS'
                  ELSE (ARRAY['CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','RESOLVED','IN_PROGRESS','DISPATCHED','REJECTED','CLOSED'])[1 + (n / 3) % 10] END AS st
      FROM generate_series(:lo, :hi) n) s;
