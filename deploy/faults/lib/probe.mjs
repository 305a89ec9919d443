// HTTP side of the quality bars R2, R3, R4 (access matrix, API leaks) and R6, run against a live
// platform through the gateway. Node 18+ (global fetch), no dependencies.
//
//   node probe.mjs <quick|full> <state.json> [r2] [r3] [r4] [r6]
//
// Environment: GW (gateway base URL), PLATFORM (deploy/platform, for tokens), PG_PORT (direct
// database checks of "exactly one resource"). Every request goes to 127.0.0.1; every loop is
// bounded by a count and a deadline. Writes what it created and the personal data it used into
// state.json (for the Kafka and log search that follows), prints findings, exits 1 on a broken bar.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { GW, http, show, sql, token, upload } from './client.mjs';

const MODE = process.argv[2] === 'full' ? 'full' : 'quick';
const STATE_FILE = process.argv[3];
const PARTS = process.argv.slice(4).length ? process.argv.slice(4) : ['r2', 'r3', 'r4', 'r6'];
const DEADLINE = Date.now() + (MODE === 'full' ? 20 : 2.2) * 60_000;

const RUN = randomBytes(4).toString('hex').slice(0, 6).toUpperCase();
const failures = []; // {bar, what, request, response}
const warnings = [];
const log = (...a) => console.log(...a);
function fail(bar, what, req, res) {
  failures.push({ bar, what, req, res });
  log(`  FAIL ${bar}: ${what}`);
  if (req) log(`       request : ${req}`);
  if (res) log(`       response: ${String(res).slice(0, 600)}`);
}
const warn = (bar, what) => { warnings.push({ bar, what }); log(`  warn ${bar}: ${what}`); };

// ------------------------------------------------------------------ tokens and HTTP
const tokenCache = new Map();
function tok(name, ...args) {
  if (!tokenCache.has(name)) tokenCache.set(name, token(...args));
  return tokenCache.get(name);
}

// A valid 2×2 JPEG made unique per call by a comment segment right after its start marker.
const JPEG_2X2 = Buffer.from('/9j/4AAQSkZJRgABAgAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAACAAIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD5/ooooA//2Q==', 'base64');
const tinyJpeg = () => {
  const note = Buffer.from(`FQ ${RUN} ${randomUUID()}`);
  const com = Buffer.from([0xff, 0xfe, (note.length + 2) >> 8, (note.length + 2) & 0xff]);
  return Buffer.concat([JPEG_2X2.subarray(0, 2), com, note, JPEG_2X2.subarray(2)]);
};
const reqStr = (m, p, body, extra = '') => `${m} ${p}${extra}${body !== undefined ? ' body=' + (Buffer.isBuffer(body) ? `<${body.length} bytes: ${body.toString('latin1').slice(0, 160)}>` : (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 300)) : ''}`;

async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length && Date.now() < DEADLINE) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }));
  return results;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rnd = (a, b) => a + Math.random() * (b - a);
const digits = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

// ------------------------------------------------------------------ fixture: a private county per run
const county = `FQ${RUN}`;
const T1 = `${county}-T1`, V1 = `${T1}-V1`, G1 = `${V1}-G1`;
const T2 = `${county}-T2`, V2 = `${T2}-V2`, G2 = `${V2}-G2`;
const lon0 = +rnd(95, 110).toFixed(3), lat0 = +rnd(25, 35).toFixed(3); // far from the demo county
const square = (x, y, d) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const pii = {
  name: `Privatus Zq${RUN}`,
  phone: `139${digits(8)}`,
  idNumber: `110101199003${digits(5)}X`,
  address: `Secret Lane ${RUN} No. ${digits(3)}`,
};
let seq = 0;
const pointIn = (grid) => { // a fresh point inside G1/G2, 0.01 deg (> any dedupe radius) apart
  const i = seq++;
  const x = (grid === G2 ? lon0 + 0.2 : lon0) + 0.005 + (i % 9) * 0.01, y = lat0 + 0.005 + Math.floor(i / 9) * 0.01;
  return { lon: +x.toFixed(6), lat: +y.toFixed(6) };
};
const words = ['路灯', '不亮', '积水', 'lamp', 'dark', 'street', '井盖', '破损', 'noise', 'water', 'corner', '东门', 'market'];
const phrase = (n) => Array.from({ length: n }, () => words[Math.floor(Math.random() * words.length)]).join(' ') + ' ' + randomUUID();
const incidentBody = (grid = G1, extra = {}) => ({
  categoryCode: 'STREET_LIGHT', severity: 'GENERAL', description: `FQ ${RUN} ${phrase(4)}`, ...pointIn(grid),
  address: `FQ road ${RUN}`, areaCode: grid, ...extra,
});
const caseBody = (extra = {}) => ({
  channel: 'ONLINE', type: 'REQUEST_GRIEVANCE', title: `FQ ${RUN} ${phrase(3)}`.slice(0, 180), content: `${phrase(12)}`, areaCode: V1,
  petitioner: { name: `Pet ${randomUUID().slice(0, 8)}`, phone: `137${digits(8)}`, idNumber: `110101198501${digits(6)}`, address: 'x' }, groupSize: 1, ...extra,
});
// mediation.md: two parties (the applicant's personal data is the probe's), this run's mediator of T1
const mediationBody = (extra = {}) => ({
  type: 'PEOPLES', areaCode: V1, summary: `FQ ${RUN} ${phrase(4)}`.slice(0, 180), disputeCategory: 'NEIGHBOURHOOD',
  parties: [{ role: 'APPLICANT', name: pii.name, phone: pii.phone, idNumber: pii.idNumber, address: pii.address },
    { role: 'RESPONDENT', name: `Resp ${randomUUID().slice(0, 8)}`, phone: `136${digits(8)}` }],
  mediators: [T.mediatorId], ...extra,
});
// a day from today in Asia/Shanghai (reception days take bookings from today on)
const shanghaiDay = (plus) => new Date(Date.now() + 8 * 3600_000 + plus * 86400_000).toISOString().slice(0, 10);
const receptionDayBody = (slots) => ({
  leader: { name: '王建国', title: '县委书记' }, areaCode: T1, date: shanghaiDay(1), startTime: '09:00', endTime: '12:00',
  place: `FQ ${RUN}`, topics: ['probe'], slots,
});

const T = {};
async function setup() {
  log(`fixture: county ${county} at lon ${lon0} lat ${lat0} (run ${RUN})`);
  T.admin = tok('admin', '--sub', `fq-admin-${RUN}`, '--roles', 'admin');
  const areas = [
    { code: county, name: `FQ county ${RUN}`, level: 'COUNTY', population: 100000, responsibleUnit: `fq-county-unit-${RUN}` },
    { code: T1, name: 'FQ T1', level: 'TOWNSHIP', parentCode: county, population: 50000, responsibleUnit: `fq-t1-unit-${RUN}` },
    { code: V1, name: 'FQ V1', level: 'VILLAGE', parentCode: T1, population: 5000, responsibleUnit: `fq-v1-unit-${RUN}` },
    { code: G1, name: 'FQ G1', level: 'GRID', parentCode: V1, population: 1000, responsibleUnit: `fq-g1-unit-${RUN}`, boundary: square(lon0, lat0, 0.1) },
    { code: T2, name: 'FQ T2', level: 'TOWNSHIP', parentCode: county, population: 50000, responsibleUnit: `fq-t2-unit-${RUN}` },
    { code: V2, name: 'FQ V2', level: 'VILLAGE', parentCode: T2, population: 5000, responsibleUnit: `fq-v2-unit-${RUN}` },
    { code: G2, name: 'FQ G2', level: 'GRID', parentCode: V2, population: 1000, responsibleUnit: `fq-g2-unit-${RUN}`, boundary: square(lon0 + 0.2, lat0, 0.1) },
  ];
  for (const a of areas) {
    const r = await http('POST', '/api/v1/areas', { token: T.admin, body: a });
    if (r.status !== 201 && r.status !== 200) throw new Error(`setup: POST /api/v1/areas ${a.code} → ${show(r)}`);
  }
  const roles = {
    citizen1: ['--roles', 'citizen'], citizen2: ['--roles', 'citizen'],
    officerIn: ['--roles', 'petition_officer', '--area', T1], officerOut: ['--roles', 'petition_officer', '--area', T2],
    workerIn: ['--roles', 'grid_worker', '--area', T1], workerOut: ['--roles', 'grid_worker', '--area', T2],
    supervisorIn: ['--roles', 'supervisor', '--area', T1], supervisorOut: ['--roles', 'supervisor', '--area', T2],
    analystIn: ['--roles', 'analyst', '--area', T1], analystOut: ['--roles', 'analyst', '--area', T2],
    handlerOut: ['--roles', 'handler', '--unit', `fq-nobody-${RUN}`, '--area', T2],
    partner1: ['--roles', 'partner', '--partner', `fq-partner1-${RUN}`], partner2: ['--roles', 'partner', '--partner', `fq-partner2-${RUN}`],
  };
  for (const [k, args] of Object.entries(roles)) T[k] = tok(k, '--sub', `fq-${k}-${RUN}`, ...args);
  // mediators act on their mediations as directory entries whose userId is their sub (mediation.md)
  T.mediatorIn = tok('mediatorIn', '--sub', `fq-mediatorIn-${RUN}`, '--roles', 'mediator', '--area', T1);
  T.mediatorOut = tok('mediatorOut', '--sub', `fq-mediatorOut-${RUN}`, '--roles', 'mediator', '--area', T2);
  for (let i = 1; i <= 8; i++) T[`admin${i}`] = tok(`admin${i}`, '--sub', `fq-admin${i}-${RUN}`, '--roles', 'admin');
  // cases-service learns areas from Kafka: wait (bounded) until it accepts a case in V1.
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await http('POST', '/api/v1/cases', { token: T.officerIn, body: caseBody() });
    if (r.status === 201) { T.warmCase = r.json; break; }
    if (Date.now() > until) throw new Error(`setup: cases-service never accepted a case in ${V1}: ${show(r)}`);
    await sleep(500);
  }
  // ...and its units from grid-service's unit directory (V1's responsible unit was added with the area): wait
  // (bounded) until a case can be assigned to it, as R6's races do
  const unitUntil = Date.now() + 30_000;
  for (;;) {
    const c = await http('POST', '/api/v1/cases', { token: T.officerIn, body: caseBody() });
    const r = c.status === 201 ? await http('POST', `/api/v1/cases/${c.json.id}/transitions`, { token: T.officerIn, body: { action: 'ASSIGN', unitId: `fq-v1-unit-${RUN}`, unitAreaCode: V1 } }) : c;
    if (r.status === 200) break;
    if (Date.now() > unitUntil) throw new Error(`setup: cases-service never took unit fq-v1-unit-${RUN}: ${show(r)}`);
    await sleep(500);
  }
  const mediator = await http('POST', '/api/v1/mediators', { token: T.admin, body: { name: `FQ mediator ${RUN}`, committee: `FQ 调委会 ${RUN}`, areaCode: T1, userId: `fq-mediatorIn-${RUN}` } });
  if (mediator.status !== 201) throw new Error(`setup: POST /api/v1/mediators → ${show(mediator)}`);
  T.mediatorId = mediator.json.id;
  const day = await http('POST', '/api/v1/reception-days', { token: T.officerIn, body: receptionDayBody(60) });
  if (day.status !== 201) throw new Error(`setup: POST /api/v1/reception-days → ${show(day)}`);
  T.receptionDay = day.json.id;
  // the unit of the routing rules R4 and R6 create
  const unit = await http('PUT', `/api/v1/units/fq-rule-unit-${RUN}`, { token: T.admin, body: { name: `FQ rule unit ${RUN}`, areaCode: V1, kind: 'OTHER' } });
  if (unit.status !== 201) throw new Error(`setup: PUT /api/v1/units/fq-rule-unit-${RUN} → ${show(unit)}`);
}

// ------------------------------------------------------------------ R2 retries are safe
async function r2() {
  log('R2 — 50 concurrent identical creates with one Idempotency-Key');
  const n = 50;
  const targets = [
    { kind: 'incident', path: '/api/v1/incidents', token: T.workerIn, body: incidentBody(G1, { reporter: { name: pii.name, phone: pii.phone } }),
      count: (b) => sql('grid', `select count(*) from incident where description = '${b.description}'`) },
    { kind: 'case', path: '/api/v1/cases', token: T.citizen1, body: caseBody({ petitioner: { ...pii } }),
      count: (b) => sql('cases', `select count(*) from petition_case where title = '${b.title}'`) },
    { kind: 'mediation', path: '/api/v1/mediations', token: T.mediatorIn, body: mediationBody(),
      count: (b) => sql('cases', `select count(*) from mediation where summary = '${b.summary}'`) },
    { kind: 'reception booking', path: `/api/v1/reception-days/${T.receptionDay}/bookings`, token: T.citizen2,
      body: { summary: `FQ ${RUN} ${phrase(3)}`, contactPreference: 'NONE' },
      count: (b) => sql('cases', `select count(*) from reception_booking where summary = '${b.summary}'`) },
  ];
  for (const t of targets) {
    const key = `fq-r2-${RUN}-${t.kind}`;
    const res = await Promise.all(Array.from({ length: n }, () => http('POST', t.path, { token: t.token, body: t.body, headers: { 'Idempotency-Key': key }, timeoutMs: 60000 })));
    const statuses = {};
    res.forEach((r) => { statuses[r.status] = (statuses[r.status] || 0) + 1; });
    const bodies = new Set(res.map((r) => r.text));
    const ids = new Set(res.map((r) => r.json?.id).filter(Boolean));
    let rows = '?';
    try { rows = t.count(t.body); } catch (e) { warn('R2', `database count for ${t.kind} not possible: ${e.message.split('\n')[0]}`); }
    log(`  ${t.kind}: statuses ${JSON.stringify(statuses)}, ${bodies.size} distinct bodies, ${ids.size} distinct ids, rows in DB ${rows}`);
    const req = reqStr('POST', t.path, t.body, ` ×${n} concurrently, Idempotency-Key: ${key}`);
    if (Object.keys(statuses).length !== 1 || !statuses[201]) fail('R2', `${t.kind}: not 50 × 201`, req, Object.entries(statuses).map(([s, c]) => `${c}×${s}`).join(', ') + ' e.g. ' + show(res.find((r) => r.status !== 201) || res[0]));
    if (bodies.size !== 1) fail('R2', `${t.kind}: ${bodies.size} different answers`, req, [...bodies].slice(0, 2).join('  ||  '));
    if (ids.size > 1 || (rows !== '?' && rows !== '1')) fail('R2', `${t.kind}: ${ids.size} ids / ${rows} rows created, expected 1`, req, [...ids].join(', '));
    if (t.kind === 'incident') T.r2Incident = res[0].json;
    if (t.kind === 'case') T.r2Case = res[0].json;
    const changed = { ...t.body };
    for (const f of ['description', 'title', 'summary']) if (changed[f]) changed[f] += ' changed';
    const other = await http('POST', t.path, { token: t.token, body: changed, headers: { 'Idempotency-Key': key } });
    if (other.status !== 422) fail('R2', `${t.kind}: same key + different body must be 422`, reqStr('POST', t.path, '<changed body>', ` Idempotency-Key: ${key}`), show(other));
    else log(`  ${t.kind}: same key + different body → 422 ok`);
  }
}

// Uploads retried from a flaky network: 20 identical concurrent uploads with one key → one file.
async function r2Uploads() {
  const n = 20;
  const inc = T.r2Incident, cs = T.r2Case;
  const targets = [
    inc && { kind: 'incident media', path: `/api/v1/incidents/${inc.id}/media`, token: T.workerIn,
      count: () => sql('grid', `select count(*) from incident_media where incident_id = '${inc.id}'`) },
    cs && { kind: 'case attachment', path: `/api/v1/cases/${cs.id}/attachments`, token: T.citizen1,
      count: () => sql('cases', `select count(*) from case_attachment where case_id = '${cs.id}'`) },
  ].filter(Boolean);
  for (const t of targets) {
    const key = `fq-r2-${RUN}-${t.kind.replace(' ', '-')}`;
    const bytes = tinyJpeg();
    const res = await Promise.all(Array.from({ length: n }, () => upload(t.path, { token: t.token, bytes, key })));
    const statuses = {};
    res.forEach((r) => { statuses[r.status] = (statuses[r.status] || 0) + 1; });
    const ids = new Set(res.map((r) => r.json?.id).filter(Boolean));
    let rows = '?';
    try { rows = t.count(); } catch (e) { warn('R2', `database count for ${t.kind} not possible: ${e.message.split('\n')[0]}`); }
    log(`  ${t.kind}: statuses ${JSON.stringify(statuses)}, ${ids.size} distinct ids, rows in DB ${rows}`);
    const req = `POST ${t.path} multipart ×${n} concurrently, Idempotency-Key: ${key}`;
    if (Object.keys(statuses).length !== 1 || !statuses[201]) fail('R2', `${t.kind}: not ${n} × 201`, req, show(res.find((r) => r.status !== 201) || res[0]));
    if (ids.size !== 1 || (rows !== '?' && rows !== '1')) fail('R2', `${t.kind}: ${ids.size} ids / ${rows} rows stored, expected 1`, req, [...ids].join(', '));
    if (t.kind === 'incident media') T.media = res[0].json; else T.attachment = res[0].json;
    const other = await upload(t.path, { token: t.token, bytes: tinyJpeg(), key });
    if (other.status !== 422) fail('R2', `${t.kind}: same key + different file must be 422`, `${req} (other bytes)`, show(other));
    else log(`  ${t.kind}: same key + different file → 422 ok`);
  }
}

// ------------------------------------------------------------------ R6 races
async function r6() {
  log('R6 — two concurrent transitions of one incident / one case');
  const rounds = MODE === 'full' ? 10 : 2;
  let incWins = [], caseWins = [];
  for (let i = 0; i < rounds && Date.now() < DEADLINE; i++) {
    const c = await http('POST', '/api/v1/incidents', { token: T.citizen1, body: incidentBody(G1) });
    if (c.status !== 201) { fail('R6', 'could not create an incident to race on', 'POST /api/v1/incidents', show(c)); break; }
    const id = c.json.id, unit = c.json.assignedUnit;
    if (c.json.state !== 'DISPATCHED') warn('R6', `new incident is ${c.json.state}, not DISPATCHED (unit ${unit})`);
    const h = tok(`handler-${unit}`, '--sub', `fq-h-${RUN}`, '--roles', 'handler', '--unit', unit || 'none', '--area', T1);
    const sup = tok('supervisorIn', '--sub', `fq-supervisorIn-${RUN}`, '--roles', 'supervisor', '--area', T1);
    const [a, b] = await Promise.all([
      http('POST', `/api/v1/incidents/${id}/transitions`, { token: h, body: { action: 'START' } }),
      http('POST', `/api/v1/incidents/${id}/transitions`, { token: i % 2 ? sup : h, body: { action: 'REJECT', reason: 'race test' } }),
    ]);
    const wins = [a, b].filter((r) => r.status >= 200 && r.status < 300).length;
    incWins.push(wins);
    const after = await http('GET', `/api/v1/incidents/${id}`, { token: T.admin });
    log(`  incident ${id}: START → ${a.status}, REJECT → ${b.status}; final state ${after.json?.state} version ${after.json?.version}`);
    if (wins !== 1) fail('R6', `incident race: ${wins} of 2 concurrent transitions succeeded`, `POST /api/v1/incidents/${id}/transitions {"action":"START"} ‖ {"action":"REJECT","reason":"race test"}`, `${show(a)} ‖ ${show(b)}`);
    for (const r of [a, b]) if (r.status >= 500) fail('R6', 'race loser got a 5xx', `POST /api/v1/incidents/${id}/transitions`, show(r));
  }
  for (let i = 0; i < rounds && Date.now() < DEADLINE; i++) {
    const c = await http('POST', '/api/v1/cases', { token: T.officerIn, body: caseBody() });
    if (c.status !== 201) { fail('R6', 'could not create a case to race on', 'POST /api/v1/cases', show(c)); break; }
    const id = c.json.id;
    if (c.json.state !== 'REGISTERED') warn('R6', `new case is ${c.json.state}, not REGISTERED`);
    const [a, b] = await Promise.all([
      http('POST', `/api/v1/cases/${id}/transitions`, { token: T.officerIn, body: { action: 'ASSIGN', unitId: `fq-v1-unit-${RUN}`, unitAreaCode: V1 } }),
      http('POST', `/api/v1/cases/${id}/transitions`, { token: T.officerIn, body: { action: 'DIVERT', channel: 'LITIGATION', reason: 'race test' } }),
    ]);
    const wins = [a, b].filter((r) => r.status >= 200 && r.status < 300).length;
    caseWins.push(wins);
    const after = await http('GET', `/api/v1/cases/${id}`, { token: T.admin });
    log(`  case ${id}: ASSIGN → ${a.status}, DIVERT → ${b.status}; final state ${after.json?.state} version ${after.json?.version}`);
    if (wins !== 1) fail('R6', `case race: ${wins} of 2 concurrent transitions succeeded`, `POST /api/v1/cases/${id}/transitions {"action":"ASSIGN",...} ‖ {"action":"DIVERT",...}`, `${show(a)} ‖ ${show(b)}`);
    for (const r of [a, b]) if (r.status >= 500) fail('R6', 'race loser got a 5xx', `POST /api/v1/cases/${id}/transitions`, show(r));
  }
  // two admins create one category code at once: one 201, the other a 409 conflict
  const code = `FQ_${RUN}`;
  const catBody = { code, name: `测试${RUN}`, nameEn: `Probe ${RUN}`, group: { code: 'FQ_PROBE', name: '故障探测', nameEn: 'Fault probe' },
    keywords: [], defaultSeverity: 'GENERAL', slaHours: { GENERAL: 72, SERIOUS: 24, MAJOR: 8, CRITICAL: 2 }, dedupeRadiusMeters: 50, private: false, attributes: [] };
  const cats = await Promise.all([T.admin1, T.admin2].map((t) => http('POST', '/api/v1/categories', { token: t, body: catBody })));
  const catWins = cats.filter((r) => r.status === 201).length;
  log(`  category ${code} created twice at once: ${cats.map((r) => r.status).join(' ‖ ')}`);
  if (catWins !== 1 || !cats.some((r) => r.status === 409)) fail('R6', `racing creates of one category: ${catWins} created`, `POST /api/v1/categories {"code":"${code}",...} ×2`, cats.map(show).join(' ‖ '));
  // the unused probe category is deleted outright (204), so the catalogue stays as it was
  if (catWins) {
    const del = await http('DELETE', `/api/v1/categories/${code}`, { token: T.admin });
    if (del.status !== 204) fail('R6', 'an unused category must be deleted with 204', `DELETE /api/v1/categories/${code}`, show(del));
  }
  // a routing rule deleted twice at once: one 204, one 404
  const rule = await http('POST', '/api/v1/routing-rules', { token: T.admin, body: { categoryCode: 'STREET_LIGHT', areaCode: V1, unitId: `fq-rule-unit-${RUN}`, level: 'VILLAGE', priority: 5 } });
  if (rule.status !== 201) fail('R6', 'could not create a routing rule to race on', 'POST /api/v1/routing-rules', show(rule));
  else {
    const dels = await Promise.all([T.admin3, T.admin4].map((t) => http('DELETE', `/api/v1/routing-rules/${rule.json.id}`, { token: t })));
    log(`  routing rule ${rule.json.id} deleted twice at once: ${dels.map((r) => r.status).join(' ‖ ')}`);
    if (dels.filter((r) => r.status === 204).length !== 1 || dels.some((r) => r.status >= 500)) fail('R6', 'racing deletes of one routing rule: not exactly one 204', `DELETE /api/v1/routing-rules/${rule.json.id} ×2`, dels.map(show).join(' ‖ '));
  }
  // a stale If-Match must be refused with 412
  const c = await http('POST', '/api/v1/cases', { token: T.officerIn, body: caseBody() });
  if (c.status === 201) {
    const r = await http('POST', `/api/v1/cases/${c.json.id}/transitions`, { token: T.officerIn, headers: { 'If-Match': '"999"' }, body: { action: 'DIVERT', channel: 'LITIGATION', reason: 'stale' } });
    if (r.status !== 412) fail('R6', 'stale If-Match on a case transition must be 412', `POST /api/v1/cases/${c.json.id}/transitions If-Match: "999"`, show(r));
    else log('  stale If-Match → 412 ok');
  }
  // mediation.md: two mediator steps on one version of a mediation — one 200, the other a 412; the last slot of a
  // reception day booked by two citizens at once — one 201, the other a 409
  const med = await http('POST', '/api/v1/mediations', { token: T.mediatorIn, body: mediationBody() });
  if (med.status !== 201) fail('R6', 'could not open a mediation to race on', 'POST /api/v1/mediations', show(med));
  else {
    const [p1, p2] = med.json.parties.map((x) => x.id);
    const steps = await Promise.all([p1, p2].map((partyId) => http('POST', `/api/v1/mediations/${med.json.id}/transitions`, { token: T.mediatorIn, headers: { 'If-Match': `"${med.json.version}"` }, body: { action: 'RECORD_CONSENT', partyId } })));
    log(`  two consents on version ${med.json.version} of mediation ${med.json.number} at once: ${steps.map((r) => r.status).join(' ‖ ')}`);
    if (steps.filter((r) => r.status === 200).length !== 1 || !steps.some((r) => r.status === 412)) fail('R6', 'racing steps of one mediation version: not one 200 and one 412', `POST /api/v1/mediations/${med.json.id}/transitions If-Match: "${med.json.version}" ×2`, steps.map(show).join(' ‖ '));
  }
  const day = await http('POST', '/api/v1/reception-days', { token: T.officerIn, body: receptionDayBody(1) });
  if (day.status !== 201) fail('R6', 'could not create a one-slot reception day to race on', 'POST /api/v1/reception-days', show(day));
  else {
    const books = await Promise.all([T.citizen1, T.citizen2].map((t) => http('POST', `/api/v1/reception-days/${day.json.id}/bookings`, { token: t, body: { summary: `FQ race ${RUN}`, contactPreference: 'NONE' } })));
    log(`  the last slot of reception day ${day.json.id} booked twice at once: ${books.map((r) => r.status).join(' ‖ ')}`);
    if (books.filter((r) => r.status === 201).length !== 1 || !books.some((r) => r.status === 409)) fail('R6', 'racing bookings of a day\'s last slot: not one 201 and one 409', `POST /api/v1/reception-days/${day.json.id}/bookings ×2`, books.map(show).join(' ‖ '));
  }
  T.r6 = { incWins, caseWins };
}

// ------------------------------------------------------------------ R4 access matrix
async function r4() {
  log('R4 — access matrix (endpoint × role × scope) and personal data in API answers');
  const inc = await http('POST', '/api/v1/incidents', { token: T.citizen1, body: incidentBody(G1, { reporter: { name: pii.name, phone: pii.phone } }) });
  if (inc.status !== 201) fail('R4', 'could not create the incident for the matrix (its rows are skipped)', 'POST /api/v1/incidents', show(inc));
  const cs = await http('POST', '/api/v1/cases', { token: T.citizen1, body: caseBody({ petitioner: { ...pii } }) });
  if (cs.status !== 201) fail('R4', 'could not create the case for the matrix (its rows are skipped)', 'POST /api/v1/cases', show(cs));
  const I = inc.status === 201 ? inc.json.id : 'MISSING-I', C = cs.status === 201 ? cs.json.id : 'MISSING-C', unit = inc.json?.assignedUnit;
  if (inc.status === 201) T.incidentFile = (await upload(`/api/v1/incidents/${I}/media`, { token: T.citizen1, bytes: tinyJpeg() })).json?.id;
  if (cs.status === 201) T.caseFile = (await upload(`/api/v1/cases/${C}/attachments`, { token: T.citizen1, bytes: tinyJpeg() })).json?.id;
  T.ruleIn = (await http('POST', '/api/v1/routing-rules', { token: T.admin, body: { categoryCode: 'FIRE_HAZARD', areaCode: V1, unitId: `fq-rule-unit-${RUN}`, level: 'VILLAGE', priority: 1 } })).json?.id;
  T.webhook = (await http('POST', '/api/v1/webhooks', { token: T.partner1, body: { url: 'http://127.0.0.1:9/fq-hook', eventTypes: ['org.civicsafety.incident.'], description: 'access matrix' } })).json?.id;
  // mediation.md: a mediation of T1 with the probe's personal data, a booking of citizen1 on T1's reception day
  const med = await http('POST', '/api/v1/mediations', { token: T.mediatorIn, body: mediationBody() });
  if (med.status !== 201) fail('R4', 'could not open the mediation for the matrix (its rows are skipped)', 'POST /api/v1/mediations', show(med));
  const M = med.status === 201 ? med.json.id : 'MISSING-M';
  const bk = await http('POST', `/api/v1/reception-days/${T.receptionDay}/bookings`, { token: T.citizen1, body: { summary: `FQ ${RUN}`, contactPreference: 'NONE', citizen: { name: pii.name, phone: pii.phone } } });
  if (bk.status !== 201) fail('R4', 'could not book for the matrix (its rows are skipped)', `POST /api/v1/reception-days/${T.receptionDay}/bookings`, show(bk));
  const D = T.receptionDay, B = bk.status === 201 ? bk.json.id : 'MISSING-B';
  T.handlerIn = tok(`handler-${unit}`, '--sub', `fq-h-${RUN}`, '--roles', 'handler', '--unit', unit || 'none', '--area', T1);
  const bad = {
    forged: tok('forged', '--sub', `fq-admin-${RUN}`, '--roles', 'admin').replace(/\.[^.]+$/, '.' + Buffer.from(randomBytes(256)).toString('base64url')),
    expired: tok('expired', '--sub', `fq-exp-${RUN}`, '--roles', 'admin', '--ttl', '-120'),
    none: undefined,
  };
  const DENY = [401, 403, 404];
  const rows = [
    // [method, path, token name, expectation: 'allow' | 'deny' | [codes], check PII absent?]
    ['GET', `/api/v1/incidents/${I}`, 'none', [401]], ['GET', `/api/v1/incidents/${I}`, 'forged', [401]], ['GET', `/api/v1/incidents/${I}`, 'expired', [401]],
    ['GET', `/api/v1/incidents/${I}`, 'admin', 'allow'], ['GET', `/api/v1/incidents/${I}`, 'workerIn', 'allow'],
    ['GET', `/api/v1/incidents/${I}`, 'workerOut', [404, 403]], ['GET', `/api/v1/incidents/${I}`, 'supervisorIn', 'allow'],
    ['GET', `/api/v1/incidents/${I}`, 'supervisorOut', [404, 403]], ['GET', `/api/v1/incidents/${I}`, 'analystOut', [404, 403]],
    ['GET', `/api/v1/incidents/${I}`, 'handlerIn', 'allow'], ['GET', `/api/v1/incidents/${I}`, 'handlerOut', [404, 403]],
    ['GET', `/api/v1/incidents/${I}`, 'citizen2', [404, 403]], ['GET', `/api/v1/incidents/${I}`, 'partner1', [404, 403]],
    ['GET', `/api/v1/incidents/${I}`, 'analystIn', 'allow', 'nopii'],
    ['GET', `/api/v1/incidents/${I}/history`, 'workerOut', [404, 403]], ['GET', `/api/v1/incidents/${I}/history`, 'citizen2', [404, 403]],
    ['POST', `/api/v1/incidents/${I}/transitions`, 'handlerOut', [404, 403], null, { action: 'START' }],
    ['POST', `/api/v1/incidents/${I}/transitions`, 'citizen2', [404, 403], null, { action: 'REJECT', reason: 'x' }],
    ['GET', `/api/v1/cases/${C}`, 'none', [401]], ['GET', `/api/v1/cases/${C}`, 'forged', [401]], ['GET', `/api/v1/cases/${C}`, 'expired', [401]],
    ['GET', `/api/v1/cases/${C}`, 'admin', 'allow'], ['GET', `/api/v1/cases/${C}`, 'citizen1', 'allow'], ['GET', `/api/v1/cases/${C}`, 'citizen2', [404, 403]],
    ['GET', `/api/v1/cases/${C}`, 'officerIn', 'allow'], ['GET', `/api/v1/cases/${C}`, 'officerOut', [404, 403]],
    ['GET', `/api/v1/cases/${C}`, 'supervisorIn', 'allow', 'nopii'], ['GET', `/api/v1/cases/${C}`, 'supervisorOut', [404, 403]],
    ['GET', `/api/v1/cases/${C}`, 'analystIn', 'allow', 'nopii'], ['GET', `/api/v1/cases/${C}`, 'analystOut', [404, 403]],
    ['GET', `/api/v1/cases/${C}`, 'workerIn', 'allow', 'nopii'], ['GET', `/api/v1/cases/${C}`, 'workerOut', [404, 403]],
    ['GET', `/api/v1/cases/${C}`, 'handlerOut', [404, 403]], ['GET', `/api/v1/cases/${C}`, 'partner1', [404, 403]],
    ['GET', `/api/v1/cases/${C}/history`, 'citizen2', [404, 403]], ['GET', `/api/v1/cases/${C}/history`, 'officerOut', [404, 403]],
    ['POST', `/api/v1/cases/${C}/transitions`, 'officerOut', [404, 403], null, { action: 'NOT_ACCEPT', reason: 'x' }],
    ['POST', `/api/v1/cases/${C}/transitions`, 'citizen2', [404, 403], null, { action: 'REQUEST_REVIEW' }],
    ['GET', `/api/v1/cases/track/${cs.json?.trackingCode || 'MISSING-T'}`, 'none', 'allow', 'nopii'],
    ['GET', '/open311/v2/requests.json', 'none', 'allow', 'nopii'],
    ['GET', `/open311/v2/requests/${I}.json`, 'none', [200, 404], 'nopii'],
    ['POST', '/api/v1/areas', 'citizen1', [403], null, { code: `FQX${RUN}`, name: 'x', level: 'COUNTY' }],
    ['POST', '/api/v1/areas', 'supervisorIn', [403], null, { code: `FQY${RUN}`, name: 'x', level: 'COUNTY' }],
    ['POST', '/api/v1/partner-keys', 'workerIn', [403], null, { partnerId: 'x', name: 'x', categories: ['STREET_LIGHT'] }],
    ['GET', '/api/v1/partner-keys', 'supervisorIn', [403]],
    ['POST', '/api/v1/scoring-models', 'analystIn', [403], null, {}],
    ['POST', '/api/v1/surveys', 'citizen1', [403], null, { areaCode: G1, period: '2026-11', indicator: 'I9', value: 80, sampleSize: 100 }],
    ['GET', `/api/v1/surveys/${randomUUID()}`, 'citizen1', [403]], ['GET', `/api/v1/surveys/${randomUUID()}`, 'none', [401]],
    ['GET', `/api/v1/cases/${C}/supervisions/${randomUUID()}`, 'citizen2', [404, 403]],
    ['GET', `/api/v1/cases/${C}/supervisions/${randomUUID()}`, 'officerOut', [404, 403]],
    ['GET', '/problems/forbidden', 'none', 'allow'], ['GET', '/problems/no-such-type', 'none', [404]],
    ['PUT', '/api/v1/calendar/holidays', 'supervisorIn', [403], null, []],
    ['GET', `/api/v1/scores?parentCode=${county}`, 'citizen1', [403]],
    ['GET', `/api/v1/scores?parentCode=${county}`, 'supervisorOut', [403, 404, 'noitem:' + T1]],
    ['GET', '/api/v1/incidents/stats', 'citizen1', [403]], ['GET', '/api/v1/cases/stats', 'citizen1', [403]],
    ['POST', '/api/v1/cases', 'workerIn', [403], null, caseBody()],
    ['POST', '/api/v1/incidents', 'analystIn', [403], null, incidentBody(G1)],
    ['POST', '/api/v1/risk-assessments', 'citizen1', [403], null, { title: 'x' }],
    ['GET', `/api/v1/cases?limit=500&areaCode=${county}`, 'officerOut', ['noitem:' + C, 403, 404]],
    ['GET', '/api/v1/cases?limit=500', 'citizen2', ['noitem:' + C]],
    ['GET', '/api/v1/cases?limit=500', 'citizen1', ['item:' + C]],
    ['GET', `/api/v1/cases?limit=500&areaCode=${T1}`, 'analystIn', ['any'], 'nopii'],
    ['GET', `/api/v1/incidents?limit=500&areaCode=${county}`, 'workerOut', ['noitem:' + I, 403, 404]],
    ['GET', '/api/v1/incidents?limit=500', 'partner1', ['noitem:' + I]],
    ['GET', `/api/v1/incidents.geojson?areaCode=${county}`, 'workerOut', ['nofeature:' + I, 403, 404]],
    ['GET', '/api/v1/routing-rules', 'citizen1', [403]], ['GET', '/api/v1/routing-rules', 'workerIn', [403]],
    ['GET', '/api/v1/routing-rules', 'partner1', [403]], ['GET', '/api/v1/routing-rules', 'supervisorIn', 'allow'],
    ['GET', `/api/v1/routing-rules?areaCode=${T1}`, 'supervisorOut', ['noitem:' + (T.ruleIn || 'none'), 403, 404]],
    ['POST', '/api/v1/routing-rules', 'supervisorIn', [403], null, { categoryCode: 'STREET_LIGHT', areaCode: V1, unitId: 'x', level: 'VILLAGE' }],
    ['PUT', `/api/v1/routing-rules/${T.ruleIn || 'MISSING-R'}`, 'supervisorIn', [403], null, { categoryCode: 'STREET_LIGHT', areaCode: V1, unitId: 'x', level: 'VILLAGE' }],
    ['DELETE', `/api/v1/routing-rules/${T.ruleIn || 'MISSING-R'}`, 'analystIn', [403]],
    ['GET', '/api/v1/units', 'citizen1', [403]], ['GET', '/api/v1/units', 'partner1', [403]],
    ['GET', '/api/v1/units', 'none', [401]], ['GET', `/api/v1/units?areaCode=${T1}`, 'workerIn', 'allow'],
    ['GET', `/api/v1/units/fq-v1-unit-${RUN}`, 'officerOut', [404]], ['GET', `/api/v1/units/fq-v1-unit-${RUN}`, 'officerIn', 'allow'],
    ['POST', '/api/v1/units', 'supervisorIn', [403], null, { id: `fq-deny-${RUN}`, name: 'x', areaCode: V1, kind: 'OTHER' }],
    ['PUT', `/api/v1/units/fq-v1-unit-${RUN}`, 'officerIn', [403], null, { name: 'x', areaCode: V1, kind: 'OTHER' }],
    ['GET', `/api/v1/units/fq-v1-unit-${RUN}/notice-channels`, 'supervisorIn', [403]],
    ['PUT', `/api/v1/units/fq-v1-unit-${RUN}/notice-channels`, 'supervisorIn', [403], null, { email: 'x@example.org' }],
    ['POST', '/api/v1/categories', 'supervisorIn', [403], null, { code: `FQ_DENY_${RUN}` }],
    ['POST', '/api/v1/categories', 'partner1', [403], null, { code: `FQ_DENY_${RUN}` }],
    ['PUT', '/api/v1/categories/STREET_LIGHT', 'citizen1', [403], null, { code: 'STREET_LIGHT', name: 'x' }],
    ['DELETE', '/api/v1/categories/STREET_LIGHT', 'supervisorIn', [403]],
    ['GET', '/api/v1/categories?includeInactive=true', 'citizen1', [403]],
    ['GET', `/api/v1/cases/${C}/attachments`, 'citizen1', 'allow'], ['GET', `/api/v1/cases/${C}/attachments`, 'citizen2', [404, 403]],
    ['GET', `/api/v1/cases/${C}/attachments`, 'officerOut', [404, 403]], ['GET', `/api/v1/cases/${C}/attachments`, 'handlerOut', [404, 403]],
    ['GET', `/api/v1/cases/${C}/attachments`, 'none', [401]],
    ['GET', `/api/v1/cases/${C}/attachments/${T.caseFile || 'MISSING-A'}`, 'citizen1', 'allow'],
    ['GET', `/api/v1/cases/${C}/attachments/${T.caseFile || 'MISSING-A'}`, 'citizen2', [404, 403]],
    ['GET', `/api/v1/cases/${C}/attachments/${T.caseFile || 'MISSING-A'}`, 'officerOut', [404, 403]],
    ['GET', `/api/v1/cases/${T.warmCase?.id}/attachments/${T.caseFile || 'MISSING-A'}`, 'admin', [404]],
    ['GET', `/api/v1/incidents/${I}/media/${T.incidentFile || 'MISSING-M'}`, 'workerIn', 'allow'],
    ['GET', `/api/v1/incidents/${I}/media/${T.incidentFile || 'MISSING-M'}`, 'workerOut', [404, 403]],
    ['GET', `/api/v1/incidents/${I}/media/${T.incidentFile || 'MISSING-M'}`, 'citizen2', [404, 403]],
    ['POST', `/api/v1/incidents/${I}/media`, 'citizen2', [404, 403, 415], null, {}],
    // issue 16: the unit directory, the composed notice paths, written notices and partner webhooks
    ['GET', '/api/v1/units', 'none', [401]], ['GET', '/api/v1/units', 'citizen1', [403]], ['GET', '/api/v1/units', 'partner1', [403]],
    ['GET', `/api/v1/units?areaCode=${T1}`, 'supervisorIn', 'allow'],
    ['POST', '/api/v1/units', 'supervisorIn', [403], null, { id: `fq-unit-${RUN}`, name: 'x', areaCode: V1, kind: 'OTHER' }],
    ['PUT', `/api/v1/units/${unit || 'MISSING-U'}`, 'handlerIn', [403], null, { name: 'x', areaCode: V1, kind: 'OTHER' }],
    ['GET', `/api/v1/units/${unit || 'MISSING-U'}/notice-channels`, 'supervisorIn', [403]],
    ['PUT', `/api/v1/units/${unit || 'MISSING-U'}/notice-channels`, 'handlerIn', [403], null, { email: 'unit@example.org' }],
    ['GET', '/api/v1/me/notices', 'none', [401]], ['GET', '/api/v1/me/notices', 'citizen1', 'allow', 'nopii'],
    ['GET', '/api/v1/me/notice-preferences', 'none', [401]],
    ['POST', `/api/v1/me/notices/cases-${randomUUID()}/read`, 'citizen2', [404]],
    ['POST', `/api/v1/me/notices/grid-${randomUUID()}/read`, 'citizen2', [404]],
    ['GET', '/api/v1/notices', 'none', [401]], ['GET', '/api/v1/notices', 'citizen1', [403]], ['GET', '/api/v1/notices', 'workerIn', [403]],
    ['GET', '/api/v1/notices', 'partner1', [403]], ['GET', '/api/v1/notices', 'admin', 'allow', 'nopii'],
    ['GET', `/api/v1/cases/${C}/written-notices`, 'none', [401]], ['GET', `/api/v1/cases/${C}/written-notices`, 'citizen2', [404, 403]],
    ['GET', `/api/v1/cases/${C}/written-notices`, 'officerOut', [404, 403]], ['GET', `/api/v1/cases/${C}/written-notices`, 'citizen1', 'allow', 'nopii'],
    ['GET', '/api/v1/webhooks', 'none', [401]], ['GET', '/api/v1/webhooks', 'citizen1', [403]], ['GET', '/api/v1/webhooks', 'supervisorIn', [403]],
    ['GET', '/api/v1/webhooks', 'partner2', ['noitem:' + (T.webhook || 'none')]],
    ['GET', `/api/v1/webhooks/${T.webhook || 'MISSING-W'}`, 'partner1', 'allow'],
    ['GET', `/api/v1/webhooks/${T.webhook || 'MISSING-W'}`, 'partner2', [404, 403]],
    ['GET', `/api/v1/webhooks/${T.webhook || 'MISSING-W'}/deliveries`, 'partner2', [404, 403]],
    ['POST', `/api/v1/webhooks/${T.webhook || 'MISSING-W'}/rotate-secret`, 'partner2', [404, 403]],
    ['POST', `/api/v1/webhooks/${T.webhook || 'MISSING-W'}/test`, 'partner2', [404, 403]],
    ['DELETE', `/api/v1/webhooks/${T.webhook || 'MISSING-W'}`, 'partner2', [404, 403]],
    ['POST', '/api/v1/webhooks', 'citizen1', [403], null, { url: 'http://127.0.0.1:9/fq-hook', eventTypes: ['org.civicsafety.incident.'] }],
    // R8: a subscription to a metadata, private or link-local address is refused (the local platform allow-lists only loopback)
    ['POST', '/api/v1/webhooks', 'partner1', [400], null, { url: 'http://169.254.169.254/latest/meta-data', eventTypes: ['org.civicsafety.incident.'] }],
    ['POST', '/api/v1/webhooks', 'partner1', [400], null, { url: 'https://10.0.0.8/hook', eventTypes: ['org.civicsafety.incident.'] }],
    ['POST', '/api/v1/webhooks', 'partner1', [400], null, { url: 'https://[fe80::1]/hook', eventTypes: ['org.civicsafety.incident.'] }],
    // issue 17: mediators, mediations, reception days, leader contacts
    ['GET', '/api/v1/mediators', 'none', [401]], ['GET', '/api/v1/mediators', 'citizen1', [403]], ['GET', '/api/v1/mediators', 'partner1', [403]],
    ['GET', `/api/v1/mediators?areaCode=${T1}`, 'mediatorIn', 'allow'], ['GET', `/api/v1/mediators/${T.mediatorId}`, 'officerOut', [404, 403]],
    ['POST', '/api/v1/mediators', 'supervisorOut', [403], null, { name: 'x', committee: 'x', areaCode: T1 }],
    ['POST', '/api/v1/mediators', 'mediatorIn', [403], null, { name: 'x', committee: 'x', areaCode: T1 }],
    ['PUT', `/api/v1/mediators/${T.mediatorId}`, 'supervisorOut', [403, 404], null, { name: 'x', committee: 'x', areaCode: T1 }],
    ['GET', '/api/v1/mediations', 'none', [401]], ['GET', '/api/v1/mediations', 'citizen1', [403]], ['GET', '/api/v1/mediations', 'partner1', [403]],
    ['GET', '/api/v1/mediations', 'supervisorOut', ['noitem:' + M]], ['GET', '/api/v1/mediations', 'mediatorIn', ['item:' + M], 'nopii'],
    ['GET', `/api/v1/mediations/${M}`, 'mediatorIn', 'allow'], ['GET', `/api/v1/mediations/${M}`, 'mediatorOut', [404, 403]],
    ['GET', `/api/v1/mediations/${M}`, 'officerOut', [404, 403]], ['GET', `/api/v1/mediations/${M}`, 'handlerOut', [403, 404]],
    ['GET', `/api/v1/mediations/${M}`, 'supervisorIn', 'allow', 'nopii'], ['GET', `/api/v1/mediations/${M}`, 'analystIn', 'allow', 'nopii'],
    ['GET', `/api/v1/mediations/${M}/history`, 'mediatorOut', [404, 403]], ['GET', `/api/v1/mediations/${M}/history`, 'analystIn', 'allow', 'nopii'],
    ['POST', `/api/v1/mediations/${M}/transitions`, 'officerIn', [403], null, { action: 'WITHDRAW', partyId: randomUUID(), reason: 'x' }],
    ['POST', `/api/v1/mediations/${M}/transitions`, 'mediatorOut', [404, 403], null, { action: 'WITHDRAW', partyId: randomUUID(), reason: 'x' }],
    ['GET', `/api/v1/mediations/${M}/agreement.pdf`, 'analystIn', [403, 404]], ['GET', `/api/v1/mediations/${M}/agreement.pdf`, 'mediatorOut', [404, 403]],
    ['GET', `/api/v1/mediations/track/FQNOSUCH${RUN}`, 'none', [404]],
    ['GET', '/api/v1/mediations/stats', 'none', [401]], ['GET', '/api/v1/mediations/stats', 'citizen1', [403]],
    ['GET', `/api/v1/mediations/stats?areaCode=${T1}`, 'analystIn', 'allow', 'nopii'],
    ['POST', '/api/v1/mediations', 'citizen1', [403], null, mediationBody()], ['POST', '/api/v1/mediations', 'mediatorOut', [403, 400], null, mediationBody()],
    ['GET', '/api/v1/reception-days', 'none', 'allow', 'nopii'], ['GET', `/api/v1/reception-days/${D}`, 'none', 'allow', 'nopii'],
    ['POST', '/api/v1/reception-days', 'citizen1', [403], null, receptionDayBody(5)], ['POST', '/api/v1/reception-days', 'officerOut', [403], null, receptionDayBody(5)],
    ['POST', `/api/v1/reception-days/${D}/bookings`, 'none', [401], null, { summary: 'x', contactPreference: 'NONE' }],
    ['POST', `/api/v1/reception-days/${D}/bookings`, 'partner1', [403], null, { summary: 'x', contactPreference: 'NONE' }],
    ['GET', `/api/v1/reception-days/${D}/bookings`, 'citizen2', [403]], ['GET', `/api/v1/reception-days/${D}/bookings`, 'officerOut', [404, 403]],
    ['GET', `/api/v1/reception-days/${D}/bookings`, 'supervisorIn', 'allow', 'nopii'], ['GET', '/api/v1/reception-days/bookings/mine', 'citizen2', ['noitem:' + B]],
    ['GET', `/api/v1/reception-days/${D}/bookings/${B}`, 'citizen2', [404, 403]], ['DELETE', `/api/v1/reception-days/${D}/bookings/${B}`, 'citizen2', [404, 403]],
    ['POST', `/api/v1/reception-days/${D}/records`, 'citizen1', [403], null, { bookingId: B, outcome: 'RESOLVED_ON_SPOT' }],
    ['POST', `/api/v1/reception-days/${D}/records`, 'officerOut', [404, 403], null, { bookingId: B, outcome: 'RESOLVED_ON_SPOT' }],
    ['GET', `/api/v1/reception-days/${D}/records`, 'citizen1', [403]], ['GET', '/api/v1/reception-days/stats', 'none', [401]],
    ['GET', '/api/v1/reception-days/stats', 'citizen1', [403]], ['GET', `/api/v1/reception-days/stats?areaCode=${T1}`, 'analystIn', 'allow'],
    ['POST', `/api/v1/cases/${C}/leader-contacts`, 'officerIn', [403], null, { leader: 'x', kind: 'VISIT', date: shanghaiDay(0), place: 'x', summary: 'x' }],
    ['POST', `/api/v1/cases/${C}/leader-contacts`, 'supervisorOut', [404, 403], null, { leader: 'x', kind: 'VISIT', date: shanghaiDay(0), place: 'x', summary: 'x' }],
    ['GET', `/api/v1/cases/${C}/leader-contacts`, 'citizen2', [403, 404]],
    // console.md: the map's polygons and the statistics by period
    ['GET', '/api/v1/areas.geojson', 'none', [401]], ['GET', `/api/v1/areas.geojson?parentCode=${T1}`, 'workerIn', 'allow'],
    ['GET', `/api/v1/areas.geojson?parentCode=FQ-NONE-${RUN}`, 'admin', [404]],
    ['GET', '/api/v1/cases/stats?groupBy=month', 'citizen1', [403]], ['GET', `/api/v1/cases/stats?groupBy=childArea&areaCode=${T1}`, 'analystIn', 'allow'],
    ['GET', '/api/v1/cases/stats?groupBy=decade', 'admin', [400]], ['GET', '/api/v1/incidents/stats?groupBy=unit', 'citizen1', [403]],
    ['GET', `/api/v1/incidents/stats?groupBy=week&areaCode=${T1}`, 'analystIn', 'allow'], ['GET', '/api/v1/incidents/stats?groupBy=decade', 'admin', [400]],
  ];
  const needles = [pii.name, pii.phone, pii.idNumber, pii.address];
  let checked = 0;
  for (const [m, p, who, exp, piiCheck, body] of rows) {
    if (p.includes('MISSING-') || (Array.isArray(exp) && exp.some((e) => String(e).includes('MISSING-')))) continue;
    const token = who in bad ? bad[who] : T[who];
    const r = await http(m, p, { token, body });
    checked++;
    const req = `${m} ${p} as ${who}${body !== undefined ? ' body=' + JSON.stringify(body).slice(0, 200) : ''}`;
    if (r.status >= 500 || r.status === 0) { fail('R4', `server error in the access matrix`, req, show(r)); continue; }
    const ok2xx = r.status >= 200 && r.status < 300;
    if (exp === 'allow') {
      if (!ok2xx) warn('R4', `${req} → ${r.status} (expected allowed): ${r.text.slice(0, 200)}`);
    } else {
      const codes = exp.filter((e) => typeof e === 'number');
      const itemRules = exp.filter((e) => typeof e === 'string');
      if (ok2xx && itemRules.length) {
        const items = r.json?.items || r.json?.features || [];
        const ids = new Set(items.map((x) => x.id || x.properties?.id));
        for (const rule of itemRules) {
          const [kind, id] = rule.split(':');
          if ((kind === 'noitem' || kind === 'nofeature') && ids.has(id)) fail('R4', `list leaks ${id} to ${who}`, req, show(r));
          if (kind === 'item' && !ids.has(id)) warn('R4', `${req}: own item ${id} missing from the list`);
        }
        if (r.json?.nextCursor) warn('R4', `${req}: list has more pages; only the first page was checked`);
      } else if (ok2xx) {
        fail('R4', `access granted where it must be refused (${codes.join('/')})`, req, show(r));
      } else if (codes.length && !codes.includes(r.status) && !(r.status === 404 && codes.includes(403)) && !(r.status === 403 && codes.includes(404))) {
        if ((r.status === 404 || r.status === 405) && itemRules.length) warn('R4', `${req} → ${r.status}: endpoint not available`);
        else warn('R4', `${req} → ${r.status}, expected ${codes.join('/')}: ${r.text.slice(0, 200)}`);
      } else if (!codes.length && !ok2xx) warn('R4', `${req} → ${r.status}: ${r.text.slice(0, 200)}`);
    }
    if (piiCheck && ok2xx) {
      for (const n of needles) if (r.text.includes(n)) fail('R4', `personal data "${n}" shown to ${who}`, req, show(r));
    }
    if (r.status >= 400 && !/problem\+json/.test(r.ctype) && !p.startsWith('/open311')) fail('R3', `error answer is not problem+json`, req, show(r));
  }
  // CSV exports (console.md): every list's export has its JSON list's scope and masking; none for anonymous callers
  const csvCells = [
    // [list, token, an item that must (true) or must not (false) be in the export, 'nopii' where the JSON is masked]
    [`/api/v1/incidents?areaCode=${T1}`, 'supervisorIn', I, true], ['/api/v1/incidents', 'analystIn', I, true, 'nopii'],
    ['/api/v1/incidents', 'workerOut', I, false], ['/api/v1/incidents', 'handlerOut', I, false], ['/api/v1/incidents', 'citizen2', I, false],
    ['/api/v1/cases', 'officerIn', C, true], ['/api/v1/cases', 'supervisorIn', C, true, 'nopii'], ['/api/v1/cases', 'analystIn', C, true, 'nopii'],
    ['/api/v1/cases', 'officerOut', C, false], ['/api/v1/cases', 'citizen2', C, false], ['/api/v1/cases?backlog=false', 'analystOut', C, false],
    ['/api/v1/mediations', 'mediatorIn', M, true], ['/api/v1/mediations', 'supervisorIn', M, true, 'nopii'], ['/api/v1/mediations', 'mediatorOut', M, false],
    [`/api/v1/reception-days/${D}/bookings`, 'supervisorIn', B, true, 'nopii'],
  ];
  for (const [p, who, id, present, piiCheck] of csvCells) {
    if (id.startsWith('MISSING-')) continue;
    const r = await http('GET', p, { token: T[who], headers: { Accept: 'text/csv' } });
    checked++;
    const req = `GET ${p} (Accept: text/csv) as ${who}`;
    if (r.status >= 500 || r.status === 0) { fail('R4', 'server error for a CSV export', req, show(r)); continue; }
    if (r.status >= 400) {
      // a list outside the caller's role is refused as its JSON is; anything else must export
      if (present) fail('R4', 'CSV export refused to a caller who may read the list', req, show(r));
      if (!/problem\+json/.test(r.ctype)) fail('R3', 'error answer is not problem+json', req, show(r));
      continue;
    }
    if (!/^text\/csv/.test(r.ctype) || !r.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) { fail('R4', 'a CSV export is not text/csv with a BOM', req, show(r)); continue; }
    if (r.text.includes(id) !== present) fail('R4', present ? `the export lacks ${id}, which the caller may see` : `the export leaks ${id} to ${who}`, req, show(r));
    if (piiCheck) for (const n of needles) if (r.text.includes(n)) fail('R4', `personal data "${n}" in ${who}'s CSV export`, req, show(r));
  }
  for (const p of ['/api/v1/incidents', '/api/v1/cases', '/api/v1/mediations', '/api/v1/units']) {
    const r = await http('GET', p, { headers: { Accept: 'text/csv' } });
    checked++;
    if (r.status !== 401) fail('R4', 'a CSV export answers an anonymous caller', `GET ${p} (Accept: text/csv, no token)`, show(r));
  }
  // every operation of the merged document: anonymous only where the spec says public
  const doc = await openapi();
  let anon = 0;
  if (doc) {
    const ops = operations(doc);
    await pool(ops, 6, async (op) => {
      const p = fillPath(op.path, () => randomUUID());
      const r = await http(op.method.toUpperCase(), p, { body: ['post', 'put', 'patch'].includes(op.method) ? {} : undefined });
      anon++;
      const pub = isPublic(op.method, op.path);
      if (!pub && r.status >= 200 && r.status < 300) fail('R4', 'non-public endpoint answers an anonymous caller', `${op.method.toUpperCase()} ${p} (no token)`, show(r));
      else if (!pub && r.status !== 401) warn('R4', `${op.method.toUpperCase()} ${p} (no token) → ${r.status}, expected 401`);
      if (r.status >= 500) fail('R4', 'server error for an anonymous caller', `${op.method.toUpperCase()} ${p}`, show(r));
    });
  }
  log(`  ${checked} matrix cells and ${anon} anonymous calls over every documented operation checked`);
  T.matrix = { incident: I, case: C };
}
const isPublic = (m, p) => m === 'get' && (p.startsWith('/api/v1/categories') || p.startsWith('/api/v1/cases/track/') || p.startsWith('/api/v1/cases/written-notices/verify/') || p.startsWith('/open311/v2') || p.startsWith('/q/') || p === '/problems' || p.startsWith('/problems/')
  // mediation.md: a party's tracking code, the published reception days (the list and one day)
  || p.startsWith('/api/v1/mediations/track/') || p === '/api/v1/reception-days' || p === '/api/v1/reception-days/{id}');

// ------------------------------------------------------------------ R3 malformed requests
let docCache;
async function openapi() {
  if (docCache) return docCache;
  const r = await http('GET', '/q/openapi?format=json');
  if (r.status !== 200 || !r.json?.paths) { fail('R3', 'the merged OpenAPI document is not available as JSON', 'GET /q/openapi?format=json', show(r)); return null; }
  docCache = r.json;
  return docCache;
}
function operations(doc) {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths || {})) {
    if (path.startsWith('/q/')) continue;
    for (const m of ['get', 'post', 'put', 'delete', 'patch']) {
      if (!item[m]) continue;
      const params = [...(item.parameters || []), ...(item[m].parameters || [])].map((x) => deref(doc, x));
      const rb = item[m].requestBody ? deref(doc, item[m].requestBody) : null;
      const content = rb?.content || {};
      const ctype = Object.keys(content)[0];
      ops.push({ path, method: m, params, bodyType: ctype, schema: ctype ? deref(doc, content[ctype].schema || {}) : null });
    }
  }
  return ops;
}
function deref(doc, o, depth = 0) {
  if (!o || typeof o !== 'object' || depth > 8) return o;
  if (o.$ref) {
    const target = o.$ref.replace(/^#\//, '').split('/').reduce((a, k) => a?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return deref(doc, target || {}, depth + 1);
  }
  if (Array.isArray(o)) return o.map((x) => deref(doc, x, depth + 1));
  const out = {};
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'object' ? deref(doc, v, depth + 1) : v;
  return out;
}
function fillPath(path, f) { return path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(f(name))); }
function typeOf(s) {
  if (!s) return 'any';
  if (s.enum) return 'enum';
  let t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (!t && s.allOf) return typeOf(s.allOf[0]);
  if (!t && (s.oneOf || s.anyOf)) return 'any';
  if (t === 'string' && (s.format === 'date-time' || s.format === 'date')) return 'date';
  if (t === 'string' && s.format === 'uuid') return 'uuid';
  return t || (s.properties ? 'object' : 'any');
}
const known = {
  categoryCode: 'STREET_LIGHT', areaCode: () => G1, parentCode: () => V1, lat: () => lat0 + 0.05, lon: () => lon0 + 0.05, level: 'GRID', severity: 'GENERAL',
  channel: 'ONLINE', type: 'REQUEST_GRIEVANCE', period: '2026-11', indicator: 'I9', action: 'START', code: () => `FQZ${RUN}${digits(4)}`,
};
function sample(s, name, depth = 0) {
  if (name && known[name] !== undefined) return typeof known[name] === 'function' ? known[name]() : known[name];
  if (depth > 4 || !s) return 'x';
  switch (typeOf(s)) {
    case 'enum': return s.enum[0];
    case 'integer': return s.minimum !== undefined ? Math.max(1, s.minimum) : 1;
    case 'number': return s.minimum !== undefined ? Math.max(1, s.minimum) : 1;
    case 'boolean': return true;
    case 'date': return s.format === 'date' ? '2026-11-20' : '2026-11-20T10:00:00+08:00';
    case 'uuid': return randomUUID();
    case 'array': return [sample(s.items, null, depth + 1)];
    case 'object': {
      const o = {};
      for (const [k, v] of Object.entries(s.properties || {})) if ((s.required || []).includes(k) || depth === 0) o[k] = sample(v, k, depth + 1);
      return o;
    }
    case 'string': return 'fq sample';
    default: return 'x';
  }
}
const INJECT = ["' OR '1'='1' --", "'; DROP TABLE incident; --", '<script>alert(1)</script>', '${jndi:ldap://127.0.0.1:1/a}', '../../../../etc/passwd', '{{7*7}}', '\u0000nul', '%s%s%s%n', '\u202e\ud83d\ude00'];
const BADDATES = ['2026-13-45', '2026-02-30T25:61:00Z', 'yesterday', '0000-00-00', '99999-01-01T00:00:00Z', '2026-11-20T10:00:00+99:00'];
const BADCURSORS = ['!!!not-a-cursor', 'eyJpZCI6ICIxIn0', 'AAAAAAAAAAAAAAAA', '%00', 'x'.repeat(3000), Buffer.from('{"reportedAt":"bad","id":"x"}').toString('base64url'), '-1'];
const OVERFLOW = ['99999999999999999999999999', 1e308, -1e308, '1e400', 'NaN', 'Infinity', 2147483648, -9223372036854775809];

// Build the mutated requests of one operation. Each: {method, path, body, contentType, token, mustReject, what}
function mutations(op, ids) {
  const out = [];
  const M = op.method.toUpperCase();
  const dangerous = M === 'PUT' || M === 'DELETE' || /activate|partner-keys|holidays/.test(op.path);
  const pathReal = fillPath(op.path, (n) => ids[n] || ids.default(n));
  const pathGarbage = () => fillPath(op.path, () => pick(['not-a-uuid', '../../etc', '\u0000', 'x'.repeat(2000), "1' OR '1'='1", '%', 'ÿ\u00fe', '-1', '9'.repeat(40)]));
  const basePath = dangerous ? pathGarbage() : pathReal;
  const query = (q) => basePath + (q ? (basePath.includes('?') ? '&' : '?') + q : '');
  const add = (what, x) => out.push({ method: M, what, path: basePath, mustReject: true, ...x });
  if (op.path.startsWith('/open311/')) out.push(...open311Mutations(op));
  // path parameters
  if (/\{/.test(op.path)) for (let i = 0; i < 3; i++) add('bad path parameter', { path: pathGarbage(), body: op.schema ? sample(op.schema) : undefined, mustReject: true });
  // query parameters
  for (const p of op.params.filter((x) => x.in === 'query')) {
    const t = typeOf(p.schema);
    const enc = encodeURIComponent;
    if (p.name === 'cursor') BADCURSORS.forEach((c) => add('bad cursor', { path: query(`cursor=${enc(c)}`) }));
    else if (p.name === 'limit') ['abc', '-1', '0', '99999999999999999999', '1.5'].forEach((v) => add('bad limit', { path: query(`limit=${enc(v)}`), mustReject: v !== '0' }));
    else if (t === 'date' || /date|after|before|from|to|since/i.test(p.name)) BADDATES.forEach((v) => add(`bad date ${p.name}`, { path: query(`${p.name}=${enc(v)}`) }));
    else if (t === 'enum') add(`bad enum ${p.name}`, { path: query(`${p.name}=NOT_A_VALUE`) });
    else if (t === 'integer' || t === 'number' || /^(lat|lon|long|radius|page|page_size)$/.test(p.name)) ['abc', '1e400', '99999999999999999999', 'NaN', '-999'].forEach((v) => add(`bad number ${p.name}`, { path: query(`${p.name}=${enc(v)}`), mustReject: v !== '-999' || /lat|lon|radius/.test(p.name) }));
    else if (t === 'boolean') add(`bad boolean ${p.name}`, { path: query(`${p.name}=maybe`) });
    else if (p.name === 'bbox') ['a,b,c,d', '1,2,3', '200,100,-200,-100', '1,1,1,1,1'].forEach((v) => add('bad bbox', { path: query(`bbox=${enc(v)}`) }));
    else {
      add(`huge ${p.name}`, { path: query(`${p.name}=${'x'.repeat(6000)}`), mustReject: false });
      add(`injection ${p.name}`, { path: query(`${p.name}=${enc(pick(INJECT))}`), mustReject: false });
    }
  }
  if (op.method === 'get' || op.method === 'delete') {
    if (!op.params.some((x) => x.in === 'query')) add('unknown query parameter', { path: query(`zz=${encodeURIComponent(pick(INJECT))}`), mustReject: false });
    return out;
  }
  // bodies
  const isForm = /form/.test(op.bodyType || '');
  const isMultipart = /multipart/.test(op.bodyType || '');
  if (isMultipart) {
    add('multipart with a fake PDF (text content)', { body: Buffer.from(`--fqb\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\nnot a pdf ${'A'.repeat(100)}\r\n--fqb--\r\n`), contentType: 'multipart/form-data; boundary=fqb' });
    add('multipart without a file', { body: Buffer.from('--fqb\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--fqb--\r\n'), contentType: 'multipart/form-data; boundary=fqb' });
    add('broken multipart', { body: Buffer.from('--fqb\r\nContent-Disp'), contentType: 'multipart/form-data; boundary=fqb' });
    add('JSON to a multipart endpoint', { body: {} });
    return out;
  }
  if (isForm) {
    const form = (o) => Object.entries(o).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const ct = 'application/x-www-form-urlencoded';
    const base = { service_code: 'STREET_LIGHT', lat: lat0 + 0.05, long: lon0 + 0.05, description: 'fq', api_key: 'fq-not-a-key' };
    const cases = [{ lat: 'abc' }, { lat: '999', long: '999' }, { service_code: 'NOT_A_SERVICE' }, { service_code: '' }, { description: 'x'.repeat(20000) },
      { lat: '1e400' }, { 'attribute[injured]': 'maybe' }, { service_request_id: "1' OR 1=1" }, { email: 'not-an-email@' }, { start_date: 'bad' }];
    cases.forEach((c) => add(`form ${Object.keys(c).join(',')}`, { body: form({ ...base, ...c }), contentType: ct }));
    add('invalid UTF-8 form', { body: Buffer.concat([Buffer.from('service_code=STREET_LIGHT&description='), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('&lat=1&long=1')]), contentType: ct });
    add('JSON to a form endpoint', { body: JSON.stringify(base), contentType: 'application/json', mustReject: false });
    return out;
  }
  const schema = op.schema || { type: 'object' };
  const base = sample(schema);
  add('malformed JSON', { body: '{"a": ' });
  add('truncated JSON', { body: JSON.stringify(base).slice(0, -3) });
  add('empty body', { body: '' });
  for (const v of ['[]', '"str"', '123', 'null', 'true']) add(`top-level ${v}`, { body: v, mustReject: typeOf(schema) === 'object' || typeOf(schema) === 'any' ? v !== '[]' || typeOf(schema) !== 'array' : v !== '[]' });
  add('invalid UTF-8', { body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]), Buffer.from('","x":"\\ud800"}')]) });
  add('wrong content type', { body: JSON.stringify(base), contentType: 'text/plain' });
  add('deeply nested JSON', { body: '['.repeat(5000) + ']'.repeat(5000) });
  add('duplicate keys and comments', { body: '{"a":1,"a":2 /* c */}' });
  if (!dangerous) add('extra unknown field', { body: { ...base, zzUnknownField: pick(INJECT) }, mustReject: false });
  const props = typeOf(schema) === 'object' ? Object.entries(schema.properties || {}) : [];
  for (const req of schema.required || []) {
    const b = { ...base }; delete b[req];
    add(`missing required ${req}`, { body: b });
  }
  if (props.length && schema.required?.length) add('all required missing', { body: {} });
  for (const [k, s] of props) {
    const t = typeOf(s);
    const set = (v, what, must = true) => add(`${what} ${k}`, { body: { ...base, [k]: v }, mustReject: must });
    if (t === 'string' || t === 'any') {
      set({ nested: 'object' }, 'object for string', t === 'string');
      set([1, 2], 'array for string', t === 'string');
      const lim = s.maxLength;
      set('x'.repeat(lim ? lim + 1 : 100_000), 'huge string', Boolean(lim));
      if (!dangerous) set(pick(INJECT), 'injection', false);
      if (s.pattern) { // a value the pattern really refuses (Java's find() semantics approximated by JS search)
        let re; try { re = new RegExp(s.pattern, 'u'); } catch { re = null; }
        const bad = re && ['   ', '!!not matching!!', '', '\t\n'].find((v) => !re.test(v));
        if (bad !== undefined && bad !== null && re) set(bad, 'pattern violation');
      }
    } else if (t === 'integer' || t === 'number') {
      set('abc', 'string for number'); set(pick(OVERFLOW), 'overflow number');
      if (s.minimum !== undefined) set(s.minimum - 1000, 'below minimum');
      if (s.maximum !== undefined) set(s.maximum + 1000, 'above maximum');
      if (t === 'integer') set(1.5, 'fraction for integer');
    } else if (t === 'boolean') set('maybe', 'string for boolean');
    else if (t === 'enum') { set('NOT_A_VALUE', 'bad enum'); set(7, 'number for enum'); }
    else if (t === 'date') set(pick(BADDATES), 'bad date');
    else if (t === 'uuid') set('not-a-uuid', 'bad uuid');
    else if (t === 'array') { set('not-an-array', 'string for array'); set(Array.from({ length: 2000 }, () => 'x'), 'huge array', false); }
    else if (t === 'object') { set('not-an-object', 'string for object'); set([{}], 'array for object'); }
    if (k === 'boundary' || k === 'geometry') {
      [{ type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] }, { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] },
        { type: 'Point', coordinates: [1, 2] }, { type: 'Polygon', coordinates: [[[500, 500], [501, 500], [501, 501], [500, 500]]] },
        { type: 'Polygon', coordinates: 'x' }, { type: 'Nope' }].forEach((g, i) => set(g, `bad geometry #${i}`));
    }
    if (k === 'lat' || k === 'lon' || k === 'long') { set(91000, 'out-of-range coordinate'); set('1e400', 'overflow coordinate'); }
  }
  if (op.path === '/api/v1/areas/import') {
    add('import: not a FeatureCollection', { body: { type: 'FeatureCollection', features: 'x' } });
    add('import: bad features', { body: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: `FQB${RUN}`, level: 'GRID', parentCode: 'NOPE' }, geometry: { type: 'Polygon', coordinates: [[[0, 0]]] } }, { type: 'Feature' }, null, 5] } });
  }
  return out;
}
// Open311 under bad input, on every operation and in both formats: garbage form encodings,
// impossible and extreme dates, out-of-range pages. Each must be a 400 in Open311's error format.
const OPEN311_DATES = ['-999999999-01-01T00:00:00Z', '+999999999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', '2026-01-01T00:00:00+25:00', '9'.repeat(30), 'T'];
const OPEN311_FORMS = ['%', '%zz', 'a=b=c&&=', '&', '=', 'service_code=STREET_LIGHT&attribute[', 'attribute[x][]=a&attribute[x]=b&service_code=STREET_LIGHT',
  'service_code=STREET_LIGHT&service_code=RUBBISH&lat=1&lat=2&long=1', 'lat=-1e999&long=NaN&service_code=STREET_LIGHT', 'lat=Infinity&long=-Infinity&service_code=STREET_LIGHT',
  'service_request_id=%ff%fe&description=%c3%28', `description=${'%41'.repeat(30000)}`, 'service_code=NO_SUCH_SERVICE&lat=1&long=1'];
function open311Mutations(op) {
  const out = [];
  const M = op.method.toUpperCase();
  for (const fmt of ['json', 'xml']) {
    const path = fillPath(op.path, (n) => (/format|fmt/.test(n) ? fmt : /service_code/.test(n) ? 'STREET_LIGHT' : randomUUID()));
    const q = (x) => `${path}${path.includes('?') ? '&' : '?'}${x}`;
    const add = (what, x) => out.push({ method: M, what: `open311 ${fmt}: ${what}`, path, mustReject: true, ...x });
    const has = (name) => op.params.some((x) => x.name === name);
    if (M === 'GET') {
      if (has('start_date')) for (const d of OPEN311_DATES) { add(`start_date=${d}`, { path: q(`start_date=${encodeURIComponent(d)}`) }); add(`end_date=${d}`, { path: q(`end_date=${encodeURIComponent(d)}`) }); }
      if (has('start_date') && has('end_date')) {
        add('end before start', { path: q('start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z') });
        add('more than 90 days', { path: q('start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z') });
      }
      if (has('page')) for (const pg of ['page=-1', 'page=0', 'page=99999999999', 'page_size=0', 'page_size=100000', 'page_size=abc']) add(pg, { path: q(pg) });
      // A request-target that is not a URI at all (a lone or non-hex %) is refused by the HTTP layer with a bare
      // 400 before any service code runs (RFC 9112 §3.2), so only its status is checked.
      for (const g of ['%', '%zz']) add(`request-target not a URI (${g})`, { path: q(g), invalidUri: true });
      for (const g of ['a=b=c&&=', 'service_request_id=%ff%fe']) add(`garbage query ${g}`, { path: q(g), mustReject: false });
    } else if (M === 'POST') {
      for (const f of OPEN311_FORMS) add(`garbage form ${f.slice(0, 40)}`, { body: `api_key=fq-not-a-key&${f}`, contentType: 'application/x-www-form-urlencoded' });
      add('form body, no content type', { body: 'service_code=STREET_LIGHT&lat=1&long=1', contentType: 'application/octet-stream' });
    }
  }
  return out;
}
let pickN = 0;
function pick(a) { return a[(pickN++) % a.length]; }

function isProblem(r) { return /application\/problem\+json/.test(r.ctype) && r.json && typeof r.json.status === 'number' && r.json.title !== undefined; }
function isOpen311Error(r) {
  if (/xml/.test(r.ctype)) return /<errors>/.test(r.text);
  return Array.isArray(r.json) && r.json.length > 0 && r.json.every((e) => 'code' in e && 'description' in e);
}
const LEAK = /(Exception|\tat |\bat [a-z]+\.[a-z]+\.|org\.postgresql|SQLState|java\.lang|org\.hibernate|io\.vertx|com\.fasterxml|ERROR: |syntax error at)/;

async function r3() {
  const target = MODE === 'full' ? 5000 : 400;
  log(`R3 — ${target}+ malformed requests over every endpoint of the merged OpenAPI document`);
  const doc = await openapi();
  if (!doc) return;
  const ops = operations(doc);
  const withBody = ops.filter((o) => o.bodyType).length;
  log(`  document: ${ops.length} operations on ${Object.keys(doc.paths).length} paths (${withBody} with a body)`);
  const realInc = T.r2Incident?.id || T.matrix?.incident || randomUUID();
  const realCase = T.r2Case?.id || T.matrix?.case || T.warmCase?.id || randomUUID();
  const ids = {
    id: null, default: (n) => (/code/i.test(n) ? G1 : randomUUID()),
    code: G1, areaCode: G1, trackingCode: 'ABCDEFGHJK', service_code: 'STREET_LIGHT', token: randomUUID(), format: 'json', fmt: 'json', version: '999999',
  };
  let all = [];
  for (const op of ops) {
    const localIds = { ...ids, id: op.path.includes('/cases') ? realCase : op.path.includes('/incidents') ? realInc : randomUUID() };
    all.push(...mutations(op, localIds).map((m) => ({ ...m, op: `${op.method.toUpperCase()} ${op.path}` })));
  }
  // authentication garbage on a few operations
  const authGarbage = ['Bearer', 'Bearer x.y.z', 'Bearer ' + 'A'.repeat(9000), 'Basic Zm9vOmJhcg==', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiZ3JvdXBzIjpbImFkbWluIl19.'];
  for (const op of ops.filter((o) => !isPublic(o.method, o.path)).slice(0, 12)) {
    for (const a of authGarbage) all.push({ method: op.method.toUpperCase(), path: fillPath(op.path, () => randomUUID()), token: a, mustReject: true, what: 'bad Authorization', op: `${op.method.toUpperCase()} ${op.path}`, body: ['post', 'put'].includes(op.method) ? {} : undefined });
  }
  // oversized body (the gateway's limit, 12 MB by default): a couple, they are expensive
  const big = Buffer.alloc(13 * 1024 * 1024, 0x61);
  all.push({ method: 'POST', path: '/api/v1/incidents', body: Buffer.concat([Buffer.from('{"description":"'), big, Buffer.from('"}')]), mustReject: true, what: 'oversized body (13 MB)', op: 'POST /api/v1/incidents' });
  all.push({ method: 'POST', path: '/api/v1/areas/import', body: Buffer.concat([Buffer.from('{"type":"FeatureCollection","x":"'), big, Buffer.from('"}')]), mustReject: true, what: 'oversized body (13 MB)', op: 'POST /api/v1/areas/import' });
  const distinct = all.length;
  // Reach the target count by cycling the generator with fresh random choices (bounded).
  for (let round = 0; all.length < target && round < 20; round++) {
    for (const op of ops) {
      const localIds = { ...ids, id: op.path.includes('/cases') ? realCase : op.path.includes('/incidents') ? realInc : randomUUID() };
      all.push(...mutations(op, localIds).map((m) => ({ ...m, op: `${op.method.toUpperCase()} ${op.path}` })));
    }
  }
  if (MODE === 'quick') { // spread the sample over every operation
    const byOp = new Map();
    for (const m of all.slice(0, distinct)) { if (!byOp.has(m.op)) byOp.set(m.op, []); byOp.get(m.op).push(m); }
    const sel = [];
    for (let k = 0; sel.length < target && k < 200; k++) for (const list of byOp.values()) if (list[k] && sel.length < target) sel.push(list[k]);
    all = sel;
  }
  const tokens = ['admin1', 'admin2', 'admin3', 'admin4', 'admin5', 'admin6', 'admin7', 'admin8'].map((k) => T[k]);
  const tally = { total: 0, s2xx: 0, s4xx: 0, s5xx: 0, s429: 0, other: 0 };
  const byStatus = {};
  const fmtCount = new Map();
  const seen5 = new Set(), seenFmt = new Set(), seenAcc = new Set(), seenLeak = new Set();
  let fails = 0;
  await pool(all, 8, async (m, i) => {
    const token = m.token !== undefined ? m.token : (m.op.includes('/open311') && m.method === 'GET' ? undefined : tokens[i % tokens.length]);
    const r = await http(m.method, m.path, { token, body: m.body, contentType: m.contentType, timeoutMs: 30000 });
    tally.total++;
    byStatus[r.status] = (byStatus[r.status] || 0) + 1;
    const req = reqStr(m.method, m.path.slice(0, 300), m.body) + `  [${m.what}]`;
    const key = `${m.op} ${m.what}`;
    if (r.status === 0 || r.status >= 500) {
      tally.s5xx++;
      if (!seen5.has(key) && fails++ < 60) { seen5.add(key); fail('R3', `${r.status || 'no answer'} for ${m.what} on ${m.op}`, req, show(r)); }
      return;
    }
    if (r.status === 429) tally.s429++;
    if (r.status >= 400) {
      tally.s4xx++;
      const ok = (m.invalidUri && r.status === 400) || (m.op.includes(' /open311/') ? isOpen311Error(r) || isProblem(r) : isProblem(r));
      const fmtKey = `${r.status} ${r.ctype.split(';')[0]} ${m.op.split(' ')[1].split('/').slice(0, 4).join('/')}`;
      if (!ok) fmtCount.set(fmtKey, (fmtCount.get(fmtKey) || 0) + 1);
      if (!ok && !seenFmt.has(fmtKey) && fails++ < 60) { seenFmt.add(fmtKey); fail('R3', `${r.status} is not ${m.op.includes('/open311/') ? 'an Open311 error array' : 'problem+json'} (${m.what} on ${m.op})`, req, show(r)); }
    } else if (r.status >= 200 && r.status < 300) {
      tally.s2xx++;
      if (m.mustReject && !seenAcc.has(key) && fails++ < 60) { seenAcc.add(key); fail('R3', `invalid input accepted with ${r.status} (${m.what} on ${m.op})`, req, show(r)); }
    } else tally.other++;
    if (LEAK.test(r.text) && !seenLeak.has(m.op) && fails++ < 60) { seenLeak.add(m.op); fail('R3', `internal detail (stack trace/SQL/class name) in the answer to ${m.what} on ${m.op}`, req, show(r)); }
  });
  log(`  sent ${tally.total} requests (${distinct} distinct mutations): ${JSON.stringify(byStatus)}`);
  for (const [k, n] of fmtCount) log(`  ${n} answer(s) of kind "${k}" were not problem+json`);
  log(`  ≥500: ${tally.s5xx}   4xx: ${tally.s4xx} (429: ${tally.s429})   2xx: ${tally.s2xx}`);
  if (tally.total < target) warn('R3', `only ${tally.total} of ${target} requests sent before the time limit`);
  T.r3 = tally;
}

// ------------------------------------------------------------------ main
const t0 = Date.now();
try {
  await setup();
  if (PARTS.includes('r2')) { await r2(); await r2Uploads(); }
  if (PARTS.includes('r6')) await r6();
  if (PARTS.includes('r4')) await r4();
  if (PARTS.includes('r3')) await r3();
} catch (e) {
  fail('setup', e.message);
}
writeFileSync(STATE_FILE, JSON.stringify({ run: RUN, county, areas: { T1, V1, G1, T2, V2, G2 }, pii, failures, warnings, r3: T.r3, r6: T.r6, seconds: (Date.now() - t0) / 1000 }, null, 1));
log(`HTTP probes done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${failures.length} failure(s), ${warnings.length} warning(s)`);
process.exit(failures.length ? 1 : 0);
