// R1 load: posts incident reports through the gateway for <seconds>, as a careful client does: each
// report has its own Idempotency-Key and is retried with the same key after a 503/timeout (bounded).
// Writes one JSON line per report (key, marker, final status, id, attempts, statuses seen) to <out>.
//   node intake_load.mjs <gateway> <grid> <lon> <lat> <seconds> <concurrency> <out> <token>...
import { appendFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
const [GW, grid, lon0, lat0, secs, conc, out, ...tokens] = process.argv.slice(2);
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(GW)) throw new Error('loopback only');
writeFileSync(out, '');
const end = Date.now() + Number(secs) * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let n = 0;
const tally = {};
async function worker(w) {
  while (Date.now() < end) {
    const i = n++;
    const marker = `R1-${randomUUID()}`;
    // a lattice 0.011 deg apart: no two reports within a dedupe radius
    const body = JSON.stringify({ categoryCode: 'STREET_LIGHT', severity: 'GENERAL', description: marker,
      lon: Number(lon0) + 0.005 + (i % 90) * 0.011, lat: Number(lat0) + 0.005 + Math.floor(i / 90) * 0.011, areaCode: grid });
    const key = `r1-${marker}`;
    const seen = [];
    let final = 0, id = null, attempts = 0;
    // bounded: 30 attempts or 90 s after the load window for one report
    while (attempts < 30 && Date.now() < end + 90_000) {
      attempts++;
      let status = 0, retryAfter = null, text = '';
      try {
        const r = await fetch(`${GW}/api/v1/incidents`, { method: 'POST', body, signal: AbortSignal.timeout(10000),
          headers: { Authorization: `Bearer ${tokens[i % tokens.length]}`, 'Content-Type': 'application/json', 'Idempotency-Key': key } });
        status = r.status; retryAfter = r.headers.get('retry-after'); text = await r.text();
        if (status === 201) { id = JSON.parse(text).id; }
      } catch (e) { status = 0; text = e.name; }
      seen.push(status === 503 ? (retryAfter ? '503+RA' : '503-noRA') : String(status));
      tally[seen.at(-1)] = (tally[seen.at(-1)] || 0) + 1;
      if (status >= 500 && status !== 503) appendFileSync(out + '.errors', `${status} ${text.slice(0, 300)}\n`);
      if (status === 201 || (status >= 400 && status < 500 && status !== 429)) { final = status; break; }
      await sleep(status === 503 && retryAfter ? Math.min(2000, Number(retryAfter) * 1000 || 500) : 300);
    }
    appendFileSync(out, JSON.stringify({ key, marker, final, id, attempts, seen }) + '\n');
  }
}
await Promise.all(Array.from({ length: Number(conc) }, (_, w) => worker(w)));
console.log(`reports ${n}; answers seen: ${JSON.stringify(tally)}`);
