// The staff console (spec/console.md) in headless Chromium (Debian's, driven by playwright-core), against the running
// platform with its demo data: a petition officer signs in (development sign-in), triages and assigns a fresh case (the
// unit's handler, whose workbench is open, gets the notice live); the handler accepts it, meets a stale version (412,
// explained) and answers it; a supervisor puts it in the backlog with a responsible leader and adds a supervision
// note, and the backlog ledger shows the leader. What each page shows is checked against the API; any console error or
// failed request fails the run; axe-core scans every screen (no serious or critical violation); a screenshot of every
// screen goes to gateway/target/console-screenshots/.
// Usage: node check.mjs <gateway-url>; exits non-zero on a failure.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [gateway] = process.argv.slice(2);
assert.ok(gateway, 'usage: node check.mjs <gateway-url>');
const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(here, '../../../gateway/target/console-screenshots');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const log = (...a) => console.log('  ', ...a);

// --- the API, as the same demo users (tokens from the gateway's development sign-in)
const OFFICER = { sub: 'demo-officer', roles: ['petition_officer'], area: 'C01' };
const HANDLER = { sub: 'demo-case-handler-C01-T01-V01', roles: ['handler'], area: 'C01-T01-V01', unit: 'unit-C01-T01-V01' };
const SUPERVISOR = { sub: 'demo-supervisor', roles: ['supervisor'], area: 'C01' };
async function tokenOf(user) {
  const r = await fetch(`${gateway}/console/dev-sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user) });
  assert.equal(r.status, 200, `dev sign-in for ${user.sub}`);
  return (await r.json()).token;
}
async function call(user, method, path, body, headers = {}) {
  const r = await fetch(gateway + path, {
    method,
    headers: { Authorization: `Bearer ${await tokenOf(user)}`, 'Content-Type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${text}`);
  return { status: r.status, etag: r.headers.get('ETag'), body: text ? JSON.parse(text) : null };
}

// a fresh petition, registered by the petition office on a visitor's behalf, for the officer to triage; its words are
// random so that no earlier run's open case makes it a repeat (cases.md "Repeat petitions")
const words = () => Array.from({ length: 6 }, () => Math.random().toString(36).slice(2, 9)).join(' ');
const run = Date.now().toString(36);
const created = await call(OFFICER, 'POST', '/api/v1/cases', {
  channel: 'VISIT', type: 'REQUEST_GRIEVANCE', areaCode: 'C01-T01-V01',
  title: `Pothole ${words()}`,
  content: `Console check ${run}: ${words()} ${words()}`,
  petitioner: { name: '测试访客', phone: `139${String(Date.now()).slice(-8)}`, idNumber: `1101011990${String(Date.now()).slice(-8)}`, address: 'C01-T01-V01' },
}, { 'Idempotency-Key': `console-check-${run}` });
const caseId = created.body.id;
const caseNumber = created.body.number;
assert.equal(created.body.state, 'REGISTERED', `the fresh case is registered (not a repeat): ${JSON.stringify(created.body)}`);
console.log(`case ${caseNumber} (${caseId}) registered for the check`);

// playwright-core starts Chromium with a fresh profile (its own temporary --user-data-dir) on every launch
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
const screens = [];
const expected412 = new Set();
let consoled412 = 0;

async function open(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every 4xx answer; the one stale write the check provokes is expected
    if (m.text().includes('status of 412') && consoled412 > 0) {
      consoled412--;
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
    if (expected412.delete(key)) {
      consoled412++;
      return;
    }
    problems.push(`failed request: ${key}`);
  });
  return { context, page };
}

/** Screenshot and axe-core scan of the screen now shown. */
async function screen(page, name) {
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

async function signIn(page, presetIndex, user) {
  await page.goto(`${gateway}/console/`);
  await page.getByRole('heading', { name: '登录平安工作台' }).waitFor();
  await page.locator('select[name=preset]').selectOption(String(presetIndex));
  assert.equal(await page.locator('input[name=sub]').inputValue(), user.sub);
  await page.getByRole('button', { name: '以此身份登录' }).click();
  await page.getByRole('heading', { name: /工作台/ }).waitFor();
  await page.locator('[data-testid=user]').filter({ hasText: user.sub }).waitFor();
}

async function transition(page, action, fill = async () => {}) {
  await page.locator(`button[data-action=${action}]`).click();
  const form = page.locator(`form[data-form=${action}]`);
  await fill(form);
  await form.getByRole('button', { name: '提交' }).click();
}

try {
  // ---------------------------------------------------------------- the petition officer
  console.log('petition officer: sign in, workbench, ledger, triage and assign');
  let { context, page } = await open();
  await page.goto(`${gateway}/console/`);
  await page.getByRole('heading', { name: '登录平安工作台' }).waitFor();
  await screen(page, '00-sign-in');
  const started = Date.now();
  await signIn(page, 0, OFFICER);
  const worklist = page.locator('[data-testid=worklist]');
  await worklist.getByText(caseNumber).waitFor();
  log(`workbench ready with the officer's cases to triage in ${Date.now() - started} ms`);
  const toTriage = (await call(OFFICER, 'GET', '/api/v1/cases?state=REGISTERED&limit=500')).body.items;
  assert.equal(await worklist.locator('li').count(), Math.min(toTriage.length, 50), 'the workbench lists the cases to triage');
  await page.locator('[data-testid=inbox], [data-testid=inbox-empty]').first().waitFor();
  await screen(page, '01-workbench-officer');

  // the ledger with a filter, its rows against the API
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '信访台账' }).click();
  await page.locator('[data-testid=ledger]').waitFor();
  const all = (await call(OFFICER, 'GET', '/api/v1/cases?limit=50')).body;
  assert.equal(await page.locator('[data-testid=ledger] tbody tr').count(), all.items.length, 'the ledger\'s first page is the API\'s');
  await screen(page, '02-case-ledger');
  await page.locator('select[name=state]').selectOption('REGISTERED');
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/state=REGISTERED/);
  await page.locator(`[data-testid=ledger] tr[data-case-id="${caseId}"]`).waitFor();
  const rows = await page.locator('[data-testid=ledger] tbody tr').count();
  assert.equal(rows, Math.min(toTriage.length, 50), 'the filtered ledger shows the API\'s REGISTERED cases');
  const colour = await page.locator(`tr[data-case-id="${caseId}"] [data-due]`).getAttribute('data-due');
  assert.equal(colour, 'ok', 'a fresh case\'s 15-day triage deadline is green');

  // the case page: triage = assign to the village's unit
  await page.locator(`tr[data-case-id="${caseId}"] a`).click();
  await page.locator('[data-testid=case-state]').filter({ hasText: '已登记' }).waitFor();
  const asOfficer = (await call(OFFICER, 'GET', `/api/v1/cases/${caseId}`)).body;
  const buttons = await page.locator('button[data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
  assert.deepEqual(buttons, asOfficer.allowedActions, 'the buttons are the actions the API allows the officer');
  await page.locator('[data-testid=petitioner]').getByText(asOfficer.petitioner.name).waitFor();
  await screen(page, '03-case-page-registered');

  // the unit's handler, on a tablet, has the workbench open while the case is assigned: the notice arrives live
  const handler = await open({ width: 1024, height: 768 });
  await signIn(handler.page, 1, HANDLER);
  await handler.page.locator('.live.on').waitFor();
  await transition(page, 'ASSIGN', async (form) => {
    assert.deepEqual(await form.locator('label').evaluateAll((ls) => ls.map((l) => l.querySelector('select,input,textarea').name)),
      ['unitId', 'note'], 'ASSIGN asks for the unit and a note, nothing else');
    await form.locator('select[name=unitId] option[value="unit-C01-T01-V01"]').waitFor({ state: 'attached' });
    await form.locator('select[name=unitId]').selectOption('unit-C01-T01-V01');
    await form.locator('textarea[name=note]').fill('请村委会核实处理');
  });
  await page.locator('[data-testid=case-state]').filter({ hasText: '已交办' }).waitFor();
  const assigned = (await call(OFFICER, 'GET', `/api/v1/cases/${caseId}`)).body;
  assert.equal(assigned.state, 'ASSIGNED');
  assert.equal(assigned.unitId, 'unit-C01-T01-V01');
  assert.equal(await page.locator('[data-testid=case-unit]').textContent(), 'unit-C01-T01-V01');
  const history = (await call(OFFICER, 'GET', `/api/v1/cases/${caseId}/history`)).body.items;
  assert.equal(await page.locator('[data-testid=history] li').count(), history.length, 'the timeline is the case\'s history');
  await screen(page, '04-case-page-assigned');
  const arrived = handler.page.locator('[data-testid=inbox] li.unread').filter({ hasText: caseNumber });
  await arrived.waitFor({ timeout: 30000 });
  log('the assignment notice reached the handler\'s open workbench through the live stream');

  // the screens of the next release, and the English switch
  for (const [path, name] of [['/map', '05-incident-map'], ['/index', '06-safety-index'], ['/mediation', '07-mediation'], ['/admin', '08-administration']]) {
    await page.goto(`${gateway}/console${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screen(page, name);
  }
  await page.goto(`${gateway}/console/cases`);
  const english = page.waitForRequest((r) => r.url().includes('/api/v1/cases') && r.headers()['accept-language'] === 'en');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Case ledger' }).waitFor();
  await page.getByRole('link', { name: 'Workbench' }).click();
  await page.getByRole('link', { name: 'Case ledger' }).click();
  await english;
  await page.locator('[data-testid=ledger]').waitFor();
  await screen(page, '09-case-ledger-en');
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();

  // ---------------------------------------------------------------- the unit's handler, on a tablet
  console.log('handler (1024×768): accept, a stale version, answer');
  ({ context, page } = handler);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '信访台账' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).click();
  await page.locator('[data-testid=worklist]').getByText(caseNumber).waitFor();
  const unitCases = (await Promise.all(['ASSIGNED', 'IN_HANDLING'].map((s) => call(HANDLER, 'GET', `/api/v1/cases?state=${s}&limit=500`))))
    .flatMap((r) => r.body.items);
  const unitIncidents = (await call(HANDLER, 'GET', '/api/v1/incidents?state=DISPATCHED,IN_PROGRESS&limit=500')).body.items;
  assert.equal(await page.locator('[data-testid=worklist] li[data-kind=case]').count() + await page.locator('[data-testid=worklist] li[data-kind=incident]').count(),
    Math.min(unitCases.length + unitIncidents.length, 50), 'the handler\'s workbench lists the unit\'s open cases and incidents');
  const overdue = [...unitCases.filter((c) => c.flags?.overdue || (c.dueAt && Date.parse(c.dueAt) < Date.now())),
    ...unitIncidents.filter((i) => i.overdue || (i.dueAt && Date.parse(i.dueAt) < Date.now()))].length;
  assert.equal(Number(await page.locator('[data-testid=overdue] .count-value').textContent()), overdue, 'the overdue count is the API\'s');
  await screen(page, '10-workbench-handler-tablet');
  await page.locator('[data-testid=worklist]').getByText(caseNumber).click();
  await page.locator('[data-testid=case-state]').filter({ hasText: '已交办' }).waitFor();
  await transition(page, 'ACCEPT');
  await page.locator('[data-testid=case-state]').filter({ hasText: '办理中' }).waitFor();
  assert.equal((await call(HANDLER, 'GET', `/api/v1/cases/${caseId}`)).body.state, 'IN_HANDLING');

  // meanwhile a supervisor extends the deadline: the page's version is now stale
  const current = await call(SUPERVISOR, 'GET', `/api/v1/cases/${caseId}`);
  await call(SUPERVISOR, 'POST', `/api/v1/cases/${caseId}/transitions`, { action: 'EXTEND', days: 10, reason: '需要协调交通部门' },
    { 'If-Match': current.etag });
  expected412.add(`POST /api/v1/cases/${caseId}/transitions 412`);
  const answer = '已安排施工队于本周内填平坑洼并设置警示标志。';
  const fillAnswer = async (form) => {
    assert.deepEqual(await form.locator('label').evaluateAll((ls) => ls.map((l) => l.querySelector('select,input,textarea').name)),
      ['decision', 'text'], 'ANSWER asks for the decision and the text');
    await form.locator('select[name=decision]').selectOption('SUPPORT');
    await form.locator('textarea[name=text]').fill(answer);
  };
  await transition(page, 'ANSWER', fillAnswer);
  await page.locator('[data-testid=case-notice]').filter({ hasText: '版本已变化' }).waitFor();
  assert.equal(expected412.size, 0, 'the stale answer was refused with 412');
  await page.locator('main[data-case-version]').and(page.locator(`[data-case-version="${(await call(HANDLER, 'GET', `/api/v1/cases/${caseId}`)).body.version}"]`)).waitFor();
  await screen(page, '11-case-page-stale');
  await transition(page, 'ANSWER', fillAnswer);
  await page.locator('[data-testid=case-state]').filter({ hasText: '已答复' }).waitFor();
  const answered = (await call(HANDLER, 'GET', `/api/v1/cases/${caseId}`)).body;
  assert.equal(answered.state, 'ANSWERED');
  assert.equal(answered.decision, 'SUPPORT');
  assert.equal(await page.locator('[data-testid=answer-text]').textContent(), answered.answerText);
  assert.equal(answered.answerText, answer);
  await screen(page, '12-case-page-answered-tablet');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Workbench' }).click();
  await page.locator('[data-testid=worklist]').waitFor();
  await screen(page, '13-workbench-handler-tablet-en');
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();

  // ---------------------------------------------------------------- the supervisor
  console.log('supervisor: the case to the backlog with a responsible leader, a supervision note, the backlog ledger');
  ({ context, page } = await open());
  await signIn(page, 2, SUPERVISOR);
  // the supervisor's workbench lists the overdue and backlog work; once it is in, to the case
  await page.locator('[data-testid=worklist], [data-testid=worklist-empty]').first().waitFor();
  await page.locator('[data-testid=inbox], [data-testid=inbox-empty]').first().waitFor();
  await page.goto(`${gateway}/console/cases/${caseId}`);
  await page.locator('[data-testid=case-state]').filter({ hasText: '已答复' }).waitFor();
  const leader = '王副镇长';
  await page.locator('button[data-action=BACKLOG]').click();
  const backlogForm = page.locator('form[data-form=BACKLOG]');
  await backlogForm.locator('input[name=leader]').fill(leader);
  await backlogForm.locator('textarea[name=plan]').fill('两周内完成修复，每周向信访人反馈进度。');
  await backlogForm.locator('input[name=targetDate]').fill('2027-01-15');
  await backlogForm.getByRole('button', { name: '提交' }).click();
  await page.locator('[data-testid=case-notice]').filter({ hasText: '列为积案' }).waitFor();
  const note = '请于月底前报告整改进度。';
  await page.locator('button[data-action=SUPERVISE]').click();
  await page.locator('form[data-form=SUPERVISE] textarea[name=note]').fill(note);
  await page.locator('form[data-form=SUPERVISE]').getByRole('button', { name: '提交' }).click();
  await page.locator('#supervisions').locator('xpath=..').getByText(note).waitFor();
  assert.equal(await page.locator('form[data-form=SUPERVISE]').count(), 0, 'the form closes once the note is saved');
  const supervised = (await call(SUPERVISOR, 'GET', `/api/v1/cases/${caseId}`)).body;
  assert.equal(supervised.backlog?.leader, leader, 'the backlog entry names the leader');
  const notes = (await call(SUPERVISOR, 'GET', `/api/v1/cases/${caseId}/supervisions`)).body.items;
  assert.ok(notes.some((n) => n.note === note), 'the supervision note is the API\'s');
  await screen(page, '14-case-page-supervised');
  await page.goto(`${gateway}/console/cases?backlog=true`);
  const marker = page.locator(`tr[data-case-id="${caseId}"] [data-testid=backlog]`);
  await marker.waitFor();
  assert.ok((await marker.textContent()).includes(leader), 'the backlog ledger shows the responsible leader');
  const backlogLedger = (await call(SUPERVISOR, 'GET', '/api/v1/cases?backlog=true&limit=50')).body.items;
  assert.equal(await page.locator('[data-testid=ledger] tbody tr').count(), backlogLedger.length, 'the backlog ledger is the API\'s');
  await screen(page, '15-backlog-ledger');
  await context.close();
} finally {
  await browser.close();
}

for (const s of screens) log(s);
log(`screenshots in ${shots}`);
if (problems.length > 0) {
  console.error('console check FAILED:');
  for (const p of problems) console.error('  - ' + p);
  process.exit(1);
}
console.log('console check passed');
