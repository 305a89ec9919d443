// P7 sampler (quality.md): the time from the commit of a change to its notice
//  - in the reporter's inbox: a grid worker posts a report (dispatched in the same transaction, so the 201 is
//    the commit) and polls GET /api/v1/me/notices through the gateway every 50 ms for a notice about it;
//  - at a partner's webhook receiver on loopback: the partner posts a report and this process's own HTTP
//    receiver (subscribed with POST /api/v1/webhooks) records when the first signed CloudEvent about it arrives;
// then the receiver answers 503 for <down> seconds while the partner goes on posting, and every one of those
// reports must still reach it once it is back (the relay's retries): the number never delivered is "lost".
//   node notices.mjs <gateway> <grid> <lon> <lat> <seconds> <down-seconds> <reporter-token> <partner-token>
import http from 'node:http';
const [GW, grid, lon0, lat0, secs, downSecs, reporter, partner] = process.argv.slice(2);
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(GW)) throw new Error('loopback only');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const arrivals = new Map(); // incident id -> performance.now() of the first delivery about it
let receiverDown = false, received = 0, refused = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (receiverDown) { refused++; res.writeHead(503).end(); return; }
    received++;
    try {
      const ev = JSON.parse(body);
      const id = ev?.data?.incidentId;
      if (id && req.headers['webhook-signature'] && !arrivals.has(id)) arrivals.set(id, performance.now());
    } catch { /* a ping or a malformed body: counted as received, not as an arrival */ }
    res.writeHead(204).end();
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const hook = `http://127.0.0.1:${server.address().port}/hook`;
const api = async (method, path, token, body) => {
  const r = await fetch(`${GW}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body), signal: AbortSignal.timeout(20000) });
  const text = await r.text();
  let json = {}; try { json = JSON.parse(text); } catch { json = { text }; }
  return { status: r.status, json };
};
const sub = await api('POST', '/api/v1/webhooks', partner, { url: hook, eventTypes: ['org.civicsafety.incident.'], description: 'P7 receiver' });
if (sub.status !== 201) { console.log(`subscription refused: ${sub.status} ${JSON.stringify(sub.json).slice(0, 300)}`); process.exit(1); }
const ROW0 = Math.floor(Math.random() * 60);
let k = 0;
const report = (token, what) => {
  const i = k++;
  return api('POST', '/api/v1/incidents', token, { categoryCode: 'STREET_LIGHT', severity: 'GENERAL', areaCode: grid,
    description: `P7 ${what} ${i} ${Date.now()}`, lon: Number(lon0) + 0.005 + (i % 90) * 0.011,
    lat: Number(lat0) + 0.005 + (ROW0 + Math.floor(i / 90)) * 0.011 });
};
const inboxLatency = [], hookLatency = [], errors = [];
const end = Date.now() + Number(secs) * 1000;
while (Date.now() < end && k < 600) {
  const mine = await report(reporter, 'inbox');
  const t0 = performance.now();
  const theirs = await report(partner, 'webhook');
  const t1 = performance.now();
  if (mine.status !== 201 || theirs.status !== 201) { errors.push(`POST ${mine.status}/${theirs.status}`); await sleep(200); continue; }
  let seen = false;
  while (performance.now() - t0 < 15000) {
    const inbox = await api('GET', '/api/v1/me/notices?limit=20', reporter);
    if (inbox.status === 200 && (inbox.json.items || []).some((n) => n.subjectId === mine.json.id)) { inboxLatency.push(performance.now() - t0); seen = true; break; }
    await sleep(50);
  }
  if (!seen) inboxLatency.push(Infinity);
  while (!arrivals.has(theirs.json.id) && performance.now() - t1 < 15000) await sleep(20);
  hookLatency.push(arrivals.has(theirs.json.id) ? arrivals.get(theirs.json.id) - t1 : Infinity);
}
// the receiver down: reports posted meanwhile must all arrive after it is back
receiverDown = true;
const whileDown = [];
const downEnd = Date.now() + Number(downSecs) * 1000;
while (Date.now() < downEnd) {
  const r = await report(partner, 'down');
  if (r.status === 201) whileDown.push(r.json.id); else errors.push(`POST ${r.status}`);
  await sleep(1000);
}
receiverDown = false;
const back = Date.now();
const missing = () => whileDown.filter((id) => !arrivals.has(id)).length;
while (missing() > 0 && Date.now() - back < 8 * 60000) await sleep(500);
server.close();
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'never(>15s)');
console.log(`inbox: samples ${inboxLatency.length} p50 ${fmt(q(inboxLatency, 0.5))} p99 ${fmt(q(inboxLatency, 0.99))} ms`);
console.log(`webhook: samples ${hookLatency.length} p50 ${fmt(q(hookLatency, 0.5))} p99 ${fmt(q(hookLatency, 0.99))} ms`);
console.log(`receiver down ${downSecs} s: ${whileDown.length} reports posted, ${refused} deliveries refused, all but ${missing()} delivered ${((Date.now() - back) / 1000).toFixed(0)} s after it came back`);
if (errors.length) console.log(`errors ${errors.length}, first: ${[...new Set(errors)].slice(0, 3).join(' | ')}`);
const p99 = (xs) => (Number.isFinite(q(xs, 0.99)) ? q(xs, 0.99).toFixed(0) : 99999);
console.log(`P99MS_INBOX ${p99(inboxLatency)}`);
console.log(`P99MS_WEBHOOK ${p99(hookLatency)}`);
console.log(`LOST ${missing()} OF ${whileDown.length}`);
