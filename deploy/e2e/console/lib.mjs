// The harness of the console check (check.mjs): the gateway's API as the demo users, one headless Chromium (Debian's,
// driven by playwright-core), pages that fail the run on any console error or failed request, and per screen a
// screenshot (gateway/target/console-screenshots/) and an axe-core scan.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const gateway = process.argv[2];
assert.ok(gateway, 'usage: node check.mjs <gateway-url>');
const here = dirname(fileURLToPath(import.meta.url));
export const shots = resolve(here, '../../../gateway/target/console-screenshots');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const log = (...a) => console.log('  ', ...a);

// --- the API, as the same demo users (tokens from the gateway's development sign-in)
export const OFFICER = { sub: 'demo-officer', roles: ['petition_officer'], area: 'C01' };
export const HANDLER = { sub: 'demo-case-handler-C01-T01-V01', roles: ['handler'], area: 'C01-T01-V01', unit: 'unit-C01-T01-V01' };
export const SUPERVISOR = { sub: 'demo-supervisor', roles: ['supervisor'], area: 'C01' };
export async function tokenOf(user) {
  const r = await fetch(`${gateway}/console/dev-sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user) });
  assert.equal(r.status, 200, `dev sign-in for ${user.sub}`);
  return (await r.json()).token;
}
export async function call(user, method, path, body, headers = {}) {
  const r = await fetch(gateway + path, {
    method,
    headers: { Authorization: `Bearer ${await tokenOf(user)}`, 'Content-Type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${text}`);
  return { status: r.status, etag: r.headers.get('ETag'), body: text ? JSON.parse(text) : null };
}

// playwright-core starts Chromium with a fresh profile (its own temporary --user-data-dir) on every launch
export const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
export const problems = [];
export const screens = [];
// answers a flow provokes on purpose ("METHOD /path STATUS"), and how many of their console lines are still due
const expectedRefusals = new Set();
const consoledRefusals = new Map();

/** The next answer `status` to `method path` is what the flow provokes, not a failure. */
export function expectRefusal(method, path, status) {
  expectedRefusals.add(`${method} ${path} ${status}`);
}

/** Whether every refusal announced with {@link expectRefusal} has happened. */
export function refusalsSeen() {
  return expectedRefusals.size === 0;
}

export async function open(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every 4xx answer; the refusals a flow provokes on purpose are expected
    const status = /status of (\d{3})/.exec(m.text())?.[1];
    if (status && (consoledRefusals.get(status) ?? 0) > 0) {
      consoledRefusals.set(status, consoledRefusals.get(status) - 1);
      return;
    }
    problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    // the live notice stream is cancelled on purpose when the workbench is left
    if (r.url().includes('/api/v1/me/notices/stream') && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const key = `${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`;
    if (expectedRefusals.delete(key)) {
      consoledRefusals.set(String(r.status()), (consoledRefusals.get(String(r.status())) ?? 0) + 1);
      return;
    }
    problems.push(`failed request: ${key}`);
  });
  return { context, page };
}

/** Screenshot and axe-core scan of the screen now shown. */
export async function screen(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  // evaluated through the DevTools protocol: the console's Content-Security-Policy admits no injected <script>, and a
  // violation of it would show as a console error
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })));
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  screens.push(`${name}: ${violations.length} axe findings, ${bad.length} serious or critical`);
  for (const v of bad) problems.push(`axe ${v.impact} on ${name}: ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
}

export async function signIn(page, presetIndex, user) {
  await page.goto(`${gateway}/console/`);
  await page.getByRole('heading', { name: '登录平安工作台' }).waitFor();
  await page.locator('select[name=preset]').selectOption(String(presetIndex));
  assert.equal(await page.locator('input[name=sub]').inputValue(), user.sub);
  await page.getByRole('button', { name: '以此身份登录' }).click();
  await page.getByRole('heading', { name: /工作台/ }).waitFor();
  await page.locator('[data-testid=user]').filter({ hasText: user.sub }).waitFor();
}

export async function transition(page, action, fill = async () => {}) {
  await page.locator(`button[data-action=${action}]`).click();
  const form = page.locator(`form[data-form=${action}]`);
  await fill(form);
  await form.getByRole('button', { name: '提交' }).click();
}
