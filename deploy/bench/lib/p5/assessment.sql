-- P5 data for assessment-service, as its consumers would have built it from the events: the P5
-- areas, the incidents it knows, and the per-area per-period counters (every incident adds to its
-- grid and all ancestors for its day, month, quarter and year) — same formulas as grid_incidents.sql.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, version)
SELECT 'P5C', 'P5 county', 'COUNTY', NULL, ARRAY['P5C'], 1000000, 'p5-county', 1
UNION ALL SELECT 'P5C-T' || t, 'P5 township ' || t, 'TOWNSHIP', 'P5C', ARRAY['P5C', 'P5C-T' || t], 100000, 'p5-t' || t, 1 FROM generate_series(0, 9) t
UNION ALL SELECT 'P5C-T' || t || '-V' || v, 'P5 village', 'VILLAGE', 'P5C-T' || t, ARRAY['P5C', 'P5C-T' || t, 'P5C-T' || t || '-V' || v], 10000, 'p5-v' || t || '-' || v, 1
  FROM generate_series(0, 9) t, generate_series(0, 9) v
UNION ALL SELECT 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10) || '-G' || g, 'P5 grid ' || g, 'GRID', 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10),
  ARRAY['P5C', 'P5C-T' || (g / 1000), 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10), 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10) || '-G' || g], 100 + g % 900, 'p5-g' || g, 1
  FROM generate_series(0, 9999) g;
CREATE TEMP TABLE p5_inc AS
SELECT n, 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10) || '-G' || g AS grid,
       (ARRAY['GENERAL','GENERAL','GENERAL','GENERAL','GENERAL','GENERAL','SERIOUS','SERIOUS','MAJOR','CRITICAL'])[1 + (n / 7) % 10] AS sev,
       ((now() AT TIME ZONE 'Asia/Shanghai') - ((n::bigint * 7919) % 365) * interval '1 day' - (n % 86400) * interval '1 second')::date AS day,
       CASE WHEN n % 1009 = 0 THEN 'REPORTED'
            ELSE (ARRAY['CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','RESOLVED','IN_PROGRESS','DISPATCHED','REJECTED','CLOSED'])[1 + (n / 3) % 10] END AS st
FROM (SELECT n, n % 10000 AS g FROM generate_series(1, :incidents) n) s;
INSERT INTO incident (id, version, area_code, path, severity, reported_day, counted, resolved)
SELECT 'p5-' || n, 1, grid, a.path, sev, day, st <> 'REJECTED', st IN ('RESOLVED', 'CLOSED')
FROM p5_inc JOIN area a ON a.code = grid;
INSERT INTO area_counter (area_code, period, metric, value)
SELECT anc, per, metric, sum(c) FROM (
  SELECT grid, sev, day, st, count(*) c FROM p5_inc WHERE st <> 'REJECTED' GROUP BY 1, 2, 3, 4) g
JOIN area a ON a.code = g.grid
CROSS JOIN LATERAL unnest(a.path) anc
CROSS JOIN LATERAL unnest(ARRAY[g.day::text, to_char(g.day, 'YYYY-MM'), to_char(g.day, 'YYYY') || '-Q' || extract(quarter from g.day), to_char(g.day, 'YYYY')]) per
CROSS JOIN LATERAL unnest(ARRAY['inc_reported', 'inc_sev_' || g.sev] || CASE WHEN g.st IN ('RESOLVED', 'CLOSED') THEN ARRAY['inc_resolved'] ELSE ARRAY[]::text[] END) metric
GROUP BY 1, 2, 3
ON CONFLICT (area_code, period, metric) DO UPDATE SET value = area_counter.value + excluded.value;
COMMIT;
