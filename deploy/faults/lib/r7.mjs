// R7 — personal data at rest. Seeds marker personal data through every way into the platform,
// then (a second call, after the Kafka and log checks) looks for the markers in plain text in
// every text, json and bytea column of every table of every database and in PostgreSQL's WAL.
//
//   node r7.mjs seed <state.json>     writes the markers (one per line) to <state.json>.needles
//   node r7.mjs scan <state.json>     exits 1 when a marker is found
//
// Environment: GW, PLATFORM (deploy/platform, for tokens), PG_PORT, PG_WAL (the cluster's pg_wal
// folder; committed changes are in it at once; skipped when unreadable). Every request goes to 127.0.0.1; every loop is bounded.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, sql, token, upload } from './client.mjs';

const [, , MODE, STATE_FILE] = process.argv;
const FORM = 'application/x-www-form-urlencoded';
const log = (...a) => console.log(...a);
const failures = [];
const fail = (what) => { failures.push(what); log(`  FAIL R7: ${what}`); };

// ------------------------------------------------------------------ seed
async function seed() {
  const run = randomBytes(4).toString('hex').toUpperCase();
  const digits = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
  const m = {
    name: `R7Name${run}`, nameZh: `隐私${run}`, phone: `139${digits(8)}`, idNumber: `110101${digits(11)}X`,
    address: `R7 Secret Lane ${run}`, email: `r7${run.toLowerCase()}@example.org`, comment: `R7Comment${run}`,
    repName: `R7Rep${run}`, repPhone: `137${digits(8)}`, first: `R7First${run}`, last: `R7Last${run}`,
    reporter: `R7Reporter${run}`, reporterPhone: `136${digits(8)}`, fileText: `R7FileText${run}`,
  };
  const expect = (what, r, ok = [200, 201]) => {
    if (!ok.includes(r.status)) fail(`could not seed through ${what}: ${r.status} ${r.text.slice(0, 300)}`);
    return r.json;
  };
  const area = 'C01-T01-V01', grid = 'C01-T01-V01-G01', point = { lat: 22.561, lon: 113.921 };
  const admin = token('--sub', `r7-admin-${run}`, '--roles', 'admin');
  const citizen = token('--sub', `r7-citizen-${run}`, '--roles', 'citizen');
  const officer = token('--sub', `r7-officer-${run}`, '--roles', 'petition_officer', '--area', 'C01');
  const worker = token('--sub', `r7-worker-${run}`, '--roles', 'grid_worker', '--area', grid);
  const petitioner = { name: m.name, phone: m.phone, idNumber: m.idNumber, address: m.address };
  const matter = (n) => ({ title: `R7 matter ${n} ${randomUUID()}`, content: `A matter for the personal-data check ${n} ${randomUUID()}` });
  const pdf = Buffer.from(`%PDF-1.4\n% ${m.fileText} ${m.name} ${m.idNumber}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

  // petitions: by the citizen (with a retried create), on behalf by an officer, a group with representatives, a misconduct report
  const key = `r7-${run}`;
  const own = expect('citizen registration', await http('POST', '/api/v1/cases', { token: citizen, headers: { 'Idempotency-Key': key },
    body: { channel: 'ONLINE', type: 'REQUEST_GRIEVANCE', areaCode: area, petitioner, ...matter(1) } }));
  await http('POST', '/api/v1/cases', { token: citizen, headers: { 'Idempotency-Key': key },
    body: { channel: 'ONLINE', type: 'REQUEST_GRIEVANCE', areaCode: area, petitioner, ...matter(1) } });
  expect('officer registration', await http('POST', '/api/v1/cases', { token: officer,
    body: { channel: 'VISIT', type: 'SUGGESTION', areaCode: area, petitioner: { ...petitioner, name: m.nameZh }, ...matter(2) } }));
  expect('group petition', await http('POST', '/api/v1/cases', { token: officer,
    body: { channel: 'LETTER', type: 'REQUEST_GRIEVANCE', areaCode: area, petitioner, groupSize: 30,
      representatives: [{ name: m.repName, phone: m.repPhone }], ...matter(3) } }));
  expect('misconduct report', await http('POST', '/api/v1/cases', { token: citizen,
    body: { channel: 'ONLINE', type: 'MISCONDUCT_REPORT', areaCode: area, petitioner, ...matter(4) } }));
  // a repeat of the first petition (same petitioner, same matter)
  expect('repeat petition', await http('POST', '/api/v1/cases', { token: citizen,
    body: { channel: 'PHONE', type: 'REQUEST_GRIEVANCE', areaCode: area, petitioner, title: own?.title || matter(1).title, content: 'again ' + (own?.id || '') } }));
  if (own?.id) {
    expect('case attachment', await upload(`/api/v1/cases/${own.id}/attachments`, { token: citizen, bytes: pdf, type: 'application/pdf', filename: `${m.name}.pdf` }));
    // walk to an answer, then the rating with its comment
    const unit = `unit-${area}`;
    const handler = token('--sub', `r7-handler-${run}`, '--roles', 'handler', '--area', area, '--unit', unit);
    const act = async (who, body) => http('POST', `/api/v1/cases/${own.id}/transitions`, { token: who, body });
    await act(officer, { action: 'ASSIGN', unitId: unit, unitAreaCode: area });
    await act(handler, { action: 'ACCEPT' });
    await act(handler, { action: 'ANSWER', decision: 'EXPLAIN', text: 'The answer of the personal-data check.' });
    expect('rating with a comment', await act(citizen, { action: 'RATE', satisfaction: 'DISSATISFIED', comment: `${m.comment} call ${m.phone}` }));
  }

  // incidents from every source: grid worker, citizen, partner (API key), hotline and sensor (by a partner system)
  const report = (extra = {}) => ({ categoryCode: 'STREET_LIGHT', description: `R7 check ${randomUUID()}`, ...point, areaCode: grid,
    reporter: { name: m.reporter, phone: m.reporterPhone }, ...extra });
  const inc = expect('grid worker report', await http('POST', '/api/v1/incidents', { token: worker, headers: { 'Idempotency-Key': key }, body: report({ lat: point.lat + 0.0031 }) }));
  await http('POST', '/api/v1/incidents', { token: worker, headers: { 'Idempotency-Key': key }, body: report({ lat: point.lat + 0.0031 }) });
  expect('citizen report', await http('POST', '/api/v1/incidents', { token: citizen, body: report({ lat: point.lat + 0.0032 }) }));
  const keyRes = expect('partner key', await http('POST', '/api/v1/partner-keys', { token: admin,
    body: { partnerId: `r7-partner-${run}`, name: 'R7 check', categories: ['STREET_LIGHT'] } }));
  const apiKey = keyRes?.apiKey;
  // a hotline operator records a call; a sensor gateway posts as a grid worker's device
  const operator = token('--sub', `r7-operator-${run}`, '--roles', 'handler', '--unit', `unit-${grid}`, '--area', grid);
  expect('hotline report', await http('POST', '/api/v1/incidents', { token: operator, body: report({ source: 'HOTLINE', lat: point.lat + 0.0041 }) }));
  expect('sensor report', await http('POST', '/api/v1/incidents', { token: worker, body: report({ source: 'SENSOR', lat: point.lat + 0.0047 }) }));
  if (apiKey) {
    expect('partner report', await http('POST', '/api/v1/incidents', { headers: { 'X-API-Key': apiKey }, body: report({ lat: point.lat + 0.0035 }) }));
    const form = new URLSearchParams({ api_key: apiKey, service_code: 'STREET_LIGHT', lat: String(point.lat + 0.0055), long: String(point.lon),
      description: `R7 Open311 ${randomUUID()}`, first_name: m.first, last_name: m.last, email: m.email, phone: m.reporterPhone });
    expect('Open311 POST', await http('POST', '/open311/v2/requests.json', { body: form.toString(), contentType: FORM }));
  }
  if (inc?.id) expect('incident media', await upload(`/api/v1/incidents/${inc.id}/media`, { token: worker, bytes: pdf, type: 'application/pdf', filename: `${m.reporter}.pdf` }), [201]);

  // invalid and malformed requests carrying the markers: refused, and stored or logged nowhere
  await http('POST', '/api/v1/cases', { token: citizen, body: { channel: 'ONLINE', type: 'NO_SUCH_TYPE', areaCode: area, petitioner: { ...petitioner, phone: `bad ${m.phone}` }, ...matter(9) } });
  await http('POST', '/api/v1/cases', { token: citizen, body: `{"petitioner":{"name":"${m.name}","idNumber":"${m.idNumber}"` });
  await http('POST', '/api/v1/incidents', { token: worker, body: report({ lat: 999 }) });
  await http('POST', '/api/v1/incidents', { token: worker, body: `{"reporter":{"name":"${m.reporter}","phone":"${m.reporterPhone}"},` });
  if (apiKey) {
    await http('POST', '/open311/v2/requests.json', { body: `api_key=${apiKey}&service_code=STREET_LIGHT&lat=abc&long=%zz&first_name=${m.first}&email=${m.email}&phone=${m.reporterPhone}`, contentType: FORM });
    await http('POST', '/open311/v2/requests.xml', { body: `api_key=${apiKey}&service_code=NO_SUCH&lat=1&long=1&last_name=${m.last}&email=${m.email}`, contentType: FORM });
  }
  const needles = Object.values(m);
  writeFileSync(STATE_FILE, JSON.stringify({ run, markers: needles, failures }, null, 1));
  writeFileSync(`${STATE_FILE}.needles`, needles.join('\n') + '\n');
  log(`  seeded ${needles.length} marker strings through petitions, representatives, misconduct reports, ratings, repeats, attachments, incidents of every source, Open311 and refused requests`);
}

// ------------------------------------------------------------------ scan
function scanDatabase(db, markers) {
  const columns = sql(db, `select table_schema, table_name, column_name, data_type from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where t.table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')
      and udt_name not in ('geometry', 'geography')`).split('\n').filter(Boolean).map((l) => l.split('|'));
  const lit = (s) => `'${s.replace(/'/g, "''")}'`;
  const parts = columns.map(([schema, table, column, type]) => {
    const col = `"${column}"`;
    const cond = type === 'bytea'
      ? markers.map((x) => `position(convert_to(${lit(x)}, 'UTF8') in ${col}) > 0`).join(' or ')
      : `${col}::text like any (array[${markers.map((x) => lit(`%${x}%`)).join(', ')}])`;
    return `select ${lit(`${schema}.${table}.${column}`)} as where_found, count(*) as n from "${schema}"."${table}" where ${cond}`;
  });
  if (!parts.length) return { columns: 0, hits: [] };
  const out = sql(db, `select where_found || ' ' || n from (${parts.join('\nunion all\n')}) hits where n > 0`);
  return { columns: columns.length, hits: out.split('\n').filter(Boolean) };
}

function scanWal(dir, markers) {
  if (!dir || !existsSync(dir)) return null;
  let files;
  try { files = readdirSync(dir).filter((f) => /^[0-9A-F]{24}$/.test(f)); } catch { return null; }
  const needles = markers.map((x) => Buffer.from(x));
  const hits = [];
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    for (const [i, n] of needles.entries()) if (bytes.indexOf(n) >= 0) hits.push(`${f}: ${markers[i]}`);
  }
  return { files: files.length, hits };
}

function scan() {
  const state = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  const markers = state.markers;
  for (const db of ['cases', 'grid', 'assessment']) {
    const { columns, hits } = scanDatabase(db, markers);
    if (hits.length) for (const h of hits) fail(`personal data in plain text in database ${db}: ${h} row(s)`);
    else log(`  ok  database ${db}: ${columns} text/json/bytea columns, no marker in plain text`);
  }
  const wal = scanWal(process.env.PG_WAL, markers);
  if (!wal) log(`  warn R7: WAL folder ${process.env.PG_WAL || '(unset)'} not readable here; WAL not scanned`);
  else if (wal.hits.length) for (const h of wal.hits.slice(0, 20)) fail(`personal data in plain text in the WAL: ${h}`);
  else log(`  ok  WAL: ${wal.files} segment files, no marker in plain text`);
}

try {
  if (MODE === 'seed') await seed();
  else if (MODE === 'scan') scan();
  else throw new Error('usage: r7.mjs seed|scan <state.json>');
} catch (e) {
  fail(e.message);
}
process.exit(failures.length ? 1 : 0);
