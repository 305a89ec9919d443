-- P5 data for grid-service, in its own schema: county P5C (lon 126–127, lat 46–47), 10 townships,
-- 100 villages, 10,000 grids of 0.01° squares (row = township band, column = village band), and
-- :incidents incidents spread over the grids and the last 365 days. Open incidents get a due date
-- far ahead so the escalation job has nothing to do.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, boundary, version)
VALUES ('P5C', 'P5 county', 'COUNTY', NULL, ARRAY['P5C'], 1000000, 'p5-county', NULL, 1);
INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, boundary, version)
SELECT 'P5C-T' || t, 'P5 township ' || t, 'TOWNSHIP', 'P5C', ARRAY['P5C', 'P5C-T' || t], 100000, 'p5-t' || t, NULL, 1
FROM generate_series(0, 9) t;
INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, boundary, version)
SELECT 'P5C-T' || t || '-V' || v, 'P5 village ' || t || '/' || v, 'VILLAGE', 'P5C-T' || t,
       ARRAY['P5C', 'P5C-T' || t, 'P5C-T' || t || '-V' || v], 10000, 'p5-v' || t || '-' || v, NULL, 1
FROM generate_series(0, 9) t, generate_series(0, 9) v;
INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, boundary, version)
SELECT 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10) || '-G' || g, 'P5 grid ' || g, 'GRID',
       'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10),
       ARRAY['P5C', 'P5C-T' || (g / 1000), 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10), 'P5C-T' || (g / 1000) || '-V' || ((g % 100) / 10) || '-G' || g],
       100 + g % 900, 'p5-g' || g,
       ST_Multi(ST_MakeEnvelope(126 + (g % 100) * 0.01, 46 + (g / 100) * 0.01, 126 + (g % 100 + 1) * 0.01, 46 + (g / 100 + 1) * 0.01, 4326)), 1
FROM generate_series(0, 9999) g;
COMMIT;
