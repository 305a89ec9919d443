-- P5 data for cases-service: its mirror of the P5 areas and :cases petition cases in the villages.
-- Petitioner data is encrypted by the service, so every generated case carries the encrypted
-- petitioner of one real case (:'blob', hex) and that case's pseudonym key id (:'refkey') — valid ciphertext,
-- readable by the service, under its current keys (else its re-encryption job would rewrite all of them).
-- An open case older than 90 days is on the backlog, as the service's deadline job would put it (else that job
-- would flag ~70,000 cases and publish their events while the lists are measured).
-- Besides the even spread of states, rare slices for the lists: state IN_REVIEW (n % 1013 = 0), open cases
-- flagged overdue (n % 101 = 0) and, younger than 90 days, on the backlog (n % 211 = 0); township T3 has no ASSIGNED case (IN_HANDLING
-- instead) and no SUGGESTION (REQUEST_GRIEVANCE instead), common in every other township.
\set ON_ERROR_STOP on
INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, version)
SELECT code, name, level, parent_code, path, population, unit, 1 FROM (
  SELECT 'P5C' code, 'P5 county' name, 'COUNTY' level, NULL parent_code, ARRAY['P5C'] path, 1000000::bigint population, 'p5-county' unit
  UNION ALL SELECT 'P5C-T' || t, 'P5 township ' || t, 'TOWNSHIP', 'P5C', ARRAY['P5C', 'P5C-T' || t], 100000, 'p5-t' || t FROM generate_series(0, 9) t
  UNION ALL SELECT 'P5C-T' || t || '-V' || v, 'P5 village', 'VILLAGE', 'P5C-T' || t, ARRAY['P5C', 'P5C-T' || t, 'P5C-T' || t || '-V' || v], 10000, 'p5-v' || t || '-' || v
  FROM generate_series(0, 9) t, generate_series(0, 9) v) a
ON CONFLICT (code) DO NOTHING;
INSERT INTO petition_case (id, number, tracking_code, channel, type, title, content, area_code, area_path, petitioner_enc,
                           petitioner_ref, petitioner_ref_key_id, group_size, registered_by, registered_role, state, unit_id, registered_at,
                           triage_due_at, version, created_at, updated_at, owner_sub, overdue, backlog, backlog_reason)
SELECT gen_random_uuid(), 'XF-P5-' || lpad(n::text, 7, '0'), upper(substr(md5('P5C' || n), 1, 14)),
       (ARRAY['VISIT','LETTER','PHONE','HOTLINE_12345','ONLINE','FAX'])[1 + n % 6],
       CASE WHEN n % 10 = 3 AND n % 4 = 2 THEN 'REQUEST_GRIEVANCE' ELSE (ARRAY['REQUEST_GRIEVANCE','REQUEST_GRIEVANCE','SUGGESTION','MISCONDUCT_REPORT'])[1 + n % 4] END,
       'P5 petition ' || n || ' 拖欠工资 土地 噪音', 'generated content ' || md5(n::text) || ' 邻里 纠纷 补偿',
       'P5C-T' || (n % 10) || '-V' || ((n / 10) % 10), ARRAY['P5C', 'P5C-T' || (n % 10), 'P5C-T' || (n % 10) || '-V' || ((n / 10) % 10)],
       decode(:'blob', 'hex'), 'p5ref' || (n % 150000), NULLIF(:'refkey', ''), 1, 'p5-officer', 'PETITION_OFFICER',
       st,
       'p5-v' || (n % 10) || '-' || ((n / 10) % 10), ts, now() + interval '3650 days', 1, ts, ts, 'p5-citizen-' || (n % 50000),
       open AND n % 101 = 0, open AND (old OR n % 211 = 0), CASE WHEN open AND (old OR n % 211 = 0) THEN 'OPEN_OVER_90_DAYS' END
FROM (SELECT n, ts, st, st NOT IN ('FINAL', 'NOT_ACCEPTED') AS open, ts < now() - interval '90 days' AS old FROM (
        SELECT n, now() - ((n::bigint * 7919) % 365) * interval '1 day' - (n % 86400) * interval '1 second' AS ts,
               CASE WHEN n % 1013 = 0 THEN 'IN_REVIEW' WHEN n % 10 = 3 AND (n / 3) % 8 = 1 THEN 'IN_HANDLING'
                    ELSE (ARRAY['REGISTERED','ASSIGNED','IN_HANDLING','ANSWERED','FINAL','FINAL','FINAL','NOT_ACCEPTED'])[1 + (n / 3) % 8] END AS st
        FROM generate_series(1, :cases) n) g) s;
