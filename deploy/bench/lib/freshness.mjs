// P3 sampler: posts one incident at a time into its own grid and measures the time from the 201
// to the running score of that grid reflecting it (indicator I1's numerator going up), polling
// GET /api/v1/scores/{grid}?period=running through the gateway every 50 ms.
//   node freshness.mjs <gateway> <grid> <lon> <lat> <seconds> <reporter-token> <reader-token>
const [GW, grid, lon0, lat0, secs, rep, reader] = process.argv.slice(2);
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(GW)) throw new Error('loopback only');
const end = Date.now() + Number(secs) * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function i1() {
  const r = await fetch(`${GW}/api/v1/scores/${grid}?period=running`, { headers: { Authorization: `Bearer ${reader}` }, signal: AbortSignal.timeout(10000) });
  if (r.status !== 200) return { err: `${r.status} ${(await r.text()).slice(0, 200)}` };
  const j = await r.json();
  const ind = (j.indicators || []).find((x) => x.id === 'I1');
  return { v: ind?.numerator ?? 0 };
}
const samples = [], errors = [];
// the new grid reaches assessment-service through civicsafety.areas.v1: wait for it (bounded)
const known = Date.now();
while (Date.now() - known < 120000 && (await i1()).err) await sleep(250);
console.log(`grid known to assessment-service after ${((Date.now() - known) / 1000).toFixed(1)} s`);
if (Number(secs) === 0) process.exit(0); // wait-only mode
let k = 0;
const ROW0 = Math.floor(Math.random() * 80); // earlier runs' reports nearby would make these DUPLICATEs
while (Date.now() < end && k < 500) {
  const before = await i1();
  if (before.err) { errors.push(before.err); await sleep(500); if (errors.length > 20) break; continue; }
  const i = k++;
  const body = { categoryCode: 'STREET_LIGHT', severity: 'GENERAL', description: `P3 freshness ${i} ${Date.now()}`,
    lon: Number(lon0) + 0.005 + (i % 90) * 0.011, lat: Number(lat0) + 0.005 + (ROW0 + Math.floor(i / 90)) * 0.011, areaCode: grid };
  const r = await fetch(`${GW}/api/v1/incidents`, { method: 'POST', headers: { Authorization: `Bearer ${rep}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(20000) });
  const t201 = performance.now();
  const created = await r.json().catch(() => ({}));
  if (r.status !== 201) { errors.push(`POST ${r.status} ${JSON.stringify(created).slice(0, 200)}`); await sleep(200); continue; }
  if (created.state === 'DUPLICATE') { errors.push('report became a DUPLICATE; sample skipped'); continue; }
  let seen = false;
  while (performance.now() - t201 < 15000) {
    const now = await i1();
    if (!now.err && now.v > before.v) { samples.push(performance.now() - t201); seen = true; break; }
    await sleep(50);
  }
  if (!seen) samples.push(Infinity);
}
samples.sort((a, b) => a - b);
const q = (p) => samples.length ? samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)] : NaN;
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'never(>15s)');
console.log(`samples ${samples.length} p50 ${fmt(q(0.5))} p99 ${fmt(q(0.99))} max ${fmt(samples[samples.length - 1])} timeouts ${samples.filter((x) => !Number.isFinite(x)).length} errors ${errors.length}`);
if (errors.length) console.log(`first errors: ${[...new Set(errors)].slice(0, 3).join(' | ')}`);
console.log(`P99MS ${Number.isFinite(q(0.99)) ? q(0.99).toFixed(0) : 99999}`);
