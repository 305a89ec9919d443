// What the fault probes share: requests through the gateway, tokens from the platform script, and
// psql for direct database checks. Environment: GW (gateway base URL, loopback only), PLATFORM
// (deploy/platform), PG_PORT.
import { execFileSync } from 'node:child_process';

export const GW = process.env.GW || 'http://127.0.0.1:8080';
const PG_PORT = process.env.PG_PORT || '55432';
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(GW)) throw new Error(`GW must be http://127.0.0.1:<port>, got ${GW}`);

/** A development token from `deploy/platform token ARGS` (its last line). */
export function token(...args) {
  return execFileSync(process.env.PLATFORM, ['token', ...args], { encoding: 'utf8' }).trim().split('\n').pop();
}

async function send(method, path, headers, payload, timeoutMs) {
  const t0 = performance.now();
  try {
    const r = await fetch(GW + path, { method, headers, body: payload, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    // the bytes too: decoding drops a byte-order mark, which a CSV export must carry
    const bytes = Buffer.from(await r.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let json;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, ctype: r.headers.get('content-type') || '', headers: r.headers, bytes, text, json, ms: performance.now() - t0 };
  } catch (e) {
    return { status: 0, ctype: '', text: `transport error: ${e.cause?.code || e.name}: ${e.message}`, ms: performance.now() - t0, headers: new Headers() };
  }
}

/** A request with an optional bearer token; an object body is sent as JSON, a string or Buffer as it is. */
export async function http(method, path, { token: bearer, body, headers = {}, contentType, timeoutMs = 20000 } = {}) {
  const h = { ...headers };
  if (bearer) h.Authorization = bearer.startsWith('Bearer ') || bearer.startsWith('Basic ') ? bearer : `Bearer ${bearer}`;
  let payload;
  if (body !== undefined) {
    payload = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
    h['Content-Type'] = contentType || 'application/json';
  }
  return send(method, path, h, payload, timeoutMs);
}

/** A multipart upload (field "file") of the given bytes. */
export async function upload(path, { token: bearer, bytes, filename = 'photo.jpg', type = 'image/jpeg', key }) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  const headers = { Authorization: `Bearer ${bearer}` };
  if (key) headers['Idempotency-Key'] = key;
  return send('POST', path, headers, form, 60000);
}

export function sql(db, q) {
  return execFileSync('psql', ['-h', '127.0.0.1', '-p', PG_PORT, '-U', 'civic', '-d', db, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', q],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: 'civic' }, maxBuffer: 64 << 20 }).trim();
}

export const show = (r) => `${r.status} ${r.ctype} ${r.text.replace(/\s+/g, ' ').slice(0, 400)}`;
