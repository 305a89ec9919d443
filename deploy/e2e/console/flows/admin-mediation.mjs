// Administration and mediation through the console: an admin issues a partner key (the key shown once, the row's prefix
// the API's), proves it works, revokes it (the page, the API and a request with the key agree), and looks at every
// administration tab; a mediator finds their open mediations on the workbench (as the API lists them), opens a fresh one
// and records the parties' consent and a session; a petition officer records a walk-in on the reception day. What each
// page shows is checked against the API; every screen and tab is photographed and scanned (also on a tablet and in en).
// The case ledger's CSV export downloads a file whose rows are the API's list for the same filters.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { call, expectRefusal, gateway, log, OFFICER, open, refusalsSeen, screen, signIn, SUPERVISOR, transition } from '../lib.mjs';

const ADMIN = { sub: 'demo-admin', roles: ['admin'] };
// the demo data's mediator of township C01-T01 (its directory entry's userId), preset 3 of the sign-in page
export const MEDIATOR = { sub: 'demo-mediator-C01-T01-1', roles: ['mediator'], area: 'C01-T01' };
const run = Date.now().toString(36);

/** How the gateway answers a request made with a partner's key (its own webhooks: a partner may list them). */
async function withKey(key) {
  return (await fetch(`${gateway}/api/v1/webhooks`, { headers: { 'X-API-Key': key } })).status;
}

/** Signs in and waits for the workbench's lists, so leaving the workbench cancels no request still under way. */
async function signedIn(page, preset, user) {
  await signIn(page, preset, user);
  await page.locator('[data-testid=worklist], [data-testid=worklist-empty]').first().waitFor();
  await page.locator('[data-testid=inbox], [data-testid=inbox-empty]').first().waitFor();
}

async function poll(what, probe, timeout = 15000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > until) throw new Error(`${what} did not happen within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function adminFlow() {
  console.log('admin: issue a partner key, use it, revoke it; every administration tab');
  const { context, page } = await open();
  await signedIn(page, 6, ADMIN);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '系统管理' }).click();
  await page.locator('[data-testid=partner-keys], [data-testid=empty]').first().waitFor();
  await screen(page, '20-admin-partner-keys');

  // issue: the key appears once, with a copy button
  const partnerId = `console-check-${run}`;
  const form = page.locator('form[data-form=issue-key]');
  await form.locator('input[name=partnerId]').fill(partnerId);
  await form.locator('input[name=name]').fill('控制台检查');
  await form.locator('input[name=category]').first().check();
  await form.getByRole('button', { name: '签发密钥' }).click();
  const shown = page.locator('[data-testid=issued-key]');
  await shown.waitFor();
  const secret = await shown.locator('[data-testid=issued-key-value]').inputValue();
  assert.match(secret, /^csp_/, 'the issued key is shown');
  await shown.getByRole('button', { name: '复制' }).waitFor();
  await screen(page, '21-admin-partner-key-issued');
  const listed = (await call(ADMIN, 'GET', `/api/v1/partner-keys?partnerId=${partnerId}`)).body.items;
  assert.equal(listed.length, 1, 'the API lists the one key issued');
  const key = listed[0];
  assert.ok(secret.startsWith(key.keyPrefix), 'the key begins with its prefix');
  assert.equal(key.apiKey, undefined, 'the API never lists the key itself');
  const row = page.locator(`tr[data-key-id="${key.id}"]`);
  assert.equal(await row.locator('[data-testid=key-prefix]').textContent(), `${key.keyPrefix}…`, 'the row\'s prefix is the API\'s');
  assert.equal(await withKey(secret), 200, 'the new key authenticates');
  await shown.getByRole('button', { name: '我已保存，关闭' }).click();
  await shown.waitFor({ state: 'detached' });
  assert.ok(!(await page.content()).includes(secret), 'once closed, the key is nowhere on the page');
  assert.equal(await row.locator('[data-testid=key-last-used]').textContent(), '未使用', 'a new key was never used');
  // the use just made is recorded (without the request waiting for it): the list shows it once the API has it
  await poll('the key\'s use recorded', async () => (await call(ADMIN, 'GET', `/api/v1/partner-keys/${key.id}`)).body.lastUsedAt);
  await page.reload();
  await page.locator(`tr[data-key-id="${key.id}"]`).waitFor();
  assert.ok(!(await page.content()).includes(secret), 'nor after a reload');
  assert.notEqual(await page.locator(`tr[data-key-id="${key.id}"] [data-testid=key-last-used]`).textContent(), '未使用',
    'the list shows when the key was last used');

  // revoke, with a confirmation
  await page.locator(`tr[data-key-id="${key.id}"] button[data-action=revoke]`).click();
  await page.locator(`tr[data-key-id="${key.id}"] button[data-action=confirm-revoke]`).click();
  await page.locator(`tr[data-key-id="${key.id}"][data-active=false]`).waitFor();
  assert.match(await page.locator(`tr[data-key-id="${key.id}"] [data-testid=key-state]`).textContent(), /已吊销/);
  const revoked = (await call(ADMIN, 'GET', `/api/v1/partner-keys/${key.id}`)).body;
  assert.equal(revoked.active, false, 'the API says the key is revoked');
  assert.ok(revoked.revokedAt, 'with the time of revocation');
  await poll('the revoked key refused', async () => (await withKey(secret)) === 401);
  log(`partner key ${key.keyPrefix}… issued, shown once, revoked; the gateway refuses it`);
  await screen(page, '22-admin-partner-key-revoked');

  // webhooks: a subscription made in the console, its secret once, a test ping and its delivery
  await page.locator('[data-tab=webhooks]').click();
  await page.locator('form[data-form=create-webhook]').waitFor();
  const hook = page.locator('form[data-form=create-webhook]');
  await hook.locator('input[name=partnerId]').fill(partnerId);
  // nothing listens there: the delivery fails and is retried, which the deliveries show
  await hook.locator('input[name=url]').fill(`http://127.0.0.1:9/console-check-${run}`);
  await hook.locator('input[name=description]').fill('控制台检查的订阅');
  await hook.getByRole('button', { name: '新建订阅' }).click();
  await page.locator('[data-testid=webhook-secret]').waitFor();
  const hooks = (await call(ADMIN, 'GET', '/api/v1/webhooks?limit=100')).body.items.filter((w) => w.partnerId === partnerId);
  assert.equal(hooks.length, 1, 'the subscription is the API\'s');
  await page.locator('[data-testid=webhook-secret]').getByRole('button', { name: '我已保存，关闭' }).click();
  const hookRow = page.locator(`tr[data-webhook-id="${hooks[0].id}"]`);
  await hookRow.getByRole('button', { name: '发送测试' }).click();
  await page.locator('[data-testid=deliveries]').waitFor();
  const deliveries = (await call(ADMIN, 'GET', `/api/v1/webhooks/${hooks[0].id}/deliveries`)).body.items;
  assert.equal(await page.locator('[data-testid=deliveries] tbody tr').count(), deliveries.length, 'the deliveries are the API\'s');
  await screen(page, '23-admin-webhooks');
  await call(ADMIN, 'DELETE', `/api/v1/webhooks/${hooks[0].id}`);

  // the unit directory and a unit's channels (read with its ETag)
  await page.locator('[data-tab=units]').click();
  await page.locator('[data-testid=units]').waitFor();
  const units = (await call(ADMIN, 'GET', '/api/v1/units?limit=20')).body.items;
  assert.equal(await page.locator('[data-testid=units] tbody tr').count(), units.length, 'the units are the API\'s first page');
  await page.locator(`tr[data-unit-id="${units[0].id}"]`).getByRole('button', { name: '编辑' }).click();
  await page.locator('form[data-form=channels]').waitFor();
  await screen(page, '24-admin-units');

  // the holiday calendar, the scoring models compared, the mediator directory
  await page.locator('[data-tab=holidays]').click();
  await page.locator('[data-testid=holidays], [data-testid=empty]').first().waitFor();
  // two days of a year far off (no deadline of today counts with it) added, one removed again: the API's table agrees
  const addDay = async (date, name) => {
    const f = page.locator('form[data-form=add-holiday]');
    await f.locator('input[name=date]').fill(date);
    await f.locator('select[name=kind]').selectOption('HOLIDAY');
    await f.locator('input[name=name]').fill(name);
    await f.getByRole('button', { name: '添加' }).click();
    await page.locator(`[data-testid=holidays] tr[data-date="${date}"]`).waitFor();
  };
  await addDay('2030-10-01', '国庆节');
  await addDay('2030-10-02', '国庆节');
  await page.locator('[data-testid=holidays] tr[data-date="2030-10-02"]').getByRole('button', { name: '删除' }).click();
  await page.locator('[data-testid=holidays] tr[data-date="2030-10-02"]').waitFor({ state: 'detached' });
  const table = (await call(ADMIN, 'GET', '/api/v1/calendar/holidays')).body.days.filter((d) => d.date.startsWith('2030-'));
  assert.deepEqual(table.map((d) => [d.date, d.kind, d.name]), [['2030-10-01', 'HOLIDAY', '国庆节']], 'the calendar is the API\'s');
  assert.equal(await page.locator('[data-testid=holidays] tbody tr').count(), 1, 'the year shown is 2030, with its one day');
  await screen(page, '25-admin-holidays');
  await page.locator('[data-tab=models]').click();
  await page.locator('[data-testid=model-compare]').waitFor();
  const models = (await call(ADMIN, 'GET', '/api/v1/scoring-models')).body.items;
  assert.equal(await page.locator('[data-testid=models] tbody tr').count(), models.length, 'every model version is listed');
  const active = models.find((m) => m.active);
  assert.equal(await page.locator('[data-testid=models] tr[data-active=true]').getAttribute('data-version'), String(active.version));
  assert.equal(await page.locator('[data-testid=model-compare] tbody tr').count(), 12, 'the comparison has the twelve indicators');
  await screen(page, '26-admin-models');
  await page.locator('[data-tab=mediators]').click();
  await page.locator('[data-testid=mediators]').waitFor();
  await screen(page, '27-admin-mediators');
  await context.close();

  // a tablet, in English
  const tablet = await open({ width: 1024, height: 768 });
  await signedIn(tablet.page, 6, ADMIN);
  await tablet.page.getByRole('button', { name: 'English' }).click();
  await tablet.page.getByRole('link', { name: 'Administration' }).click();
  await tablet.page.locator('[data-tab=models]').click();
  await tablet.page.locator('[data-testid=model-compare]').waitFor();
  await screen(tablet.page, '28-admin-models-tablet-en');
  await tablet.page.getByRole('button', { name: '中文' }).click();
  await tablet.context.close();

  // a supervisor administers what their role may: the units (without their channels) and the mediators of their area
  const supervisor = await open();
  await signedIn(supervisor.page, 2, SUPERVISOR);
  await supervisor.page.goto(`${gateway}/console/admin`);
  await supervisor.page.locator('[data-testid=units]').waitFor();
  assert.deepEqual(await supervisor.page.locator('[data-tab]').evaluateAll((ts) => ts.map((x) => x.getAttribute('data-tab'))),
    ['units', 'mediators'], 'a supervisor sees the units and mediators tabs only');
  assert.equal(await supervisor.page.locator('[data-testid=units] button').count(), 0, 'and cannot set a unit\'s channels');
  await supervisor.page.locator('[data-tab=mediators]').click();
  await supervisor.page.locator('[data-testid=mediators]').waitFor();
  const theirs = (await call(SUPERVISOR, 'GET', '/api/v1/mediators?limit=20')).body.items;
  assert.equal(await supervisor.page.locator('[data-testid=mediators] tbody tr').count(), theirs.length, 'the mediators of their area, as the API lists them');
  await screen(supervisor.page, '29-admin-mediators-supervisor');
  await supervisor.context.close();
}

export async function mediatorFlow() {
  console.log('mediator: the workbench\'s open mediations, a fresh mediation\'s consents and first session');
  const mine = (await call(MEDIATOR, 'GET', '/api/v1/mediators?limit=500')).body.items.filter((m) => m.userId === MEDIATOR.sub);
  assert.equal(mine.length, 1, 'the demo mediator has a directory entry');
  // a fresh dispute for this run, so each run has an OPEN mediation to work on
  const opened = await call(MEDIATOR, 'POST', '/api/v1/mediations', {
    type: 'PEOPLES', areaCode: 'C01-T01-V01', summary: `控制台检查：院墙排水纠纷 ${run}`, disputeCategory: 'NEIGHBOURHOOD',
    parties: [{ role: 'APPLICANT', name: '张检查', phone: '13700001111', address: 'C01-T01-V01' },
      { role: 'RESPONDENT', name: '李检查', phone: '13700002222', address: 'C01-T01-V01' }],
    mediators: [mine[0].id],
  }, { 'Idempotency-Key': `console-check-mediation-${run}` });
  const mediation = opened.body;

  const { context, page } = await open();
  await signedIn(page, 3, MEDIATOR);
  const worklist = page.locator('[data-testid=worklist]');
  await worklist.locator(`li[data-mediation-id="${mediation.id}"]`).waitFor();
  const open_ = (await Promise.all(['OPEN', 'IN_MEDIATION'].map((s) =>
    call(MEDIATOR, 'GET', `/api/v1/mediations?mediatorId=${mine[0].id}&state=${s}&limit=500`)))).flatMap((r) => r.body.items);
  assert.equal(await worklist.locator('li').count(), open_.length, 'the workbench lists the mediator\'s open mediations');
  const shownOrder = await worklist.locator('li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-mediation-id')));
  const byDue = [...open_].sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999')).map((m) => m.id);
  assert.deepEqual(shownOrder, byDue, 'by due time');
  await screen(page, '30-workbench-mediator');

  await worklist.locator(`li[data-mediation-id="${mediation.id}"] a`).click();
  await page.locator('[data-testid=mediation-state]').filter({ hasText: '待确认意愿' }).waitFor();
  const view = (await call(MEDIATOR, 'GET', `/api/v1/mediations/${mediation.id}`)).body;
  assert.deepEqual(await page.locator('button[data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action'))),
    view.allowedActions.filter((a) => a !== 'OVERDUE'), 'the buttons are the steps the API allows');
  assert.equal(await page.locator('[data-testid=parties]').getByText('张检查').count(), 1, 'the mediator sees the parties whole');
  for (const party of view.parties) {
    await transition(page, 'RECORD_CONSENT', async (f) => {
      assert.deepEqual(await f.locator('label').evaluateAll((ls) => ls.map((l) => l.querySelector('select,input,textarea').name)),
        ['partyId'], 'consent asks for the party, nothing else');
      await f.locator('select[name=partyId]').selectOption(party.id);
    });
    await page.locator(`tr[data-party-id="${party.id}"]`).getByText('已同意').waitFor();
  }
  await page.locator('[data-testid=mediation-state]').filter({ hasText: '调解中' }).waitFor();
  assert.equal((await call(MEDIATOR, 'GET', `/api/v1/mediations/${mediation.id}`)).body.state, 'IN_MEDIATION');

  // meanwhile the same mediator (another tab) extends it: the page's version is stale, and that is explained
  const current = await call(MEDIATOR, 'GET', `/api/v1/mediations/${mediation.id}`);
  await call(MEDIATOR, 'POST', `/api/v1/mediations/${mediation.id}/transitions`, { action: 'EXTEND', days: 10, reason: '双方同意延期' },
    { 'If-Match': current.etag });
  expectRefusal('POST', `/api/v1/mediations/${mediation.id}/transitions`, 412);
  const session = async (f) => {
    assert.deepEqual(await f.locator('label').evaluateAll((ls) => ls.map((l) => l.querySelector('select,input,textarea').name)),
      ['heldAt', 'place', 'attendees', 'notes'], 'a session asks for when, where, who and what');
    await f.locator('input[name=heldAt]').fill('2026-12-04T10:00');
    await f.locator('input[name=place]').fill('村调委会调解室');
    await f.locator('textarea[name=attendees]').fill('张检查\n李检查');
    await f.locator('textarea[name=notes]').fill('双方陈述，现场查看排水沟。');
  };
  await transition(page, 'ADD_SESSION', session);
  await page.locator('[data-testid=mediation-notice]').filter({ hasText: '已被他人更新' }).waitFor();
  assert.ok(refusalsSeen(), 'the stale step was refused with 412');
  await page.locator(`main[data-mediation-version="${(await call(MEDIATOR, 'GET', `/api/v1/mediations/${mediation.id}`)).body.version}"]`).waitFor();
  await transition(page, 'ADD_SESSION', session);
  await page.locator('[data-testid=sessions] li').first().waitFor();
  const after = (await call(MEDIATOR, 'GET', `/api/v1/mediations/${mediation.id}`)).body;
  assert.equal(after.sessions.length, 1, 'the session is recorded');
  assert.equal(after.sessions[0].place, '村调委会调解室');
  const history = (await call(MEDIATOR, 'GET', `/api/v1/mediations/${mediation.id}/history`)).body.items;
  assert.equal(await page.locator('[data-testid=history] li').count(), history.length, 'the timeline is the mediation\'s history');
  await screen(page, '31-mediation-page');

  // the ledger with a filter, against the API; an agreed mediation's written agreement downloads as a PDF
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '调解 · 接访' }).click();
  await page.locator('[data-testid=mediation-ledger]').waitFor();
  const all = (await call(MEDIATOR, 'GET', '/api/v1/mediations?limit=50')).body.items;
  assert.equal(await page.locator('[data-testid=mediation-ledger] tbody tr').count(), all.length, 'the ledger\'s first page is the API\'s');
  await page.locator('select[name=state]').selectOption('AGREED');
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/state=AGREED/);
  const agreed = (await call(MEDIATOR, 'GET', '/api/v1/mediations?state=AGREED&limit=50')).body.items;
  await page.locator('[data-testid=mediation-ledger] tbody tr, [data-testid=mediation-count]').first().waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=mediation-ledger] tbody tr').length === n, agreed.length);
  await screen(page, '32-mediation-ledger');
  const agreedCsv = await exported(page, 'mediations');
  assert.deepEqual(agreedCsv.rows.map((r) => r[agreedCsv.header.indexOf('id')]), agreed.map((m) => m.id),
    'the ledger\'s export is the API\'s list for the same filter');
  const withDocument = [];
  for (const m of agreed) {
    const full = (await call(MEDIATOR, 'GET', `/api/v1/mediations/${m.id}`)).body;
    if (full.agreement?.document) withDocument.push(full);
  }
  if (withDocument.length > 0) {
    await page.locator(`tr[data-mediation-id="${withDocument[0].id}"] a`).click();
    const download = page.waitForEvent('download');
    await page.locator('button[data-action=agreement-pdf]').click();
    const pdf = await download;
    const bytes = await readFile(await pdf.path());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-', 'the agreement downloads as a PDF');
    log(`agreement of ${withDocument[0].number} downloaded (${bytes.length} bytes)`);
    await screen(page, '33-mediation-page-agreed');
  }
  await context.close();
}

export async function receptionFlow() {
  console.log('petition officer: the reception days, a day\'s bookings, a walk-in received');
  const { context, page } = await open();
  await signedIn(page, 0, OFFICER);
  await page.goto(`${gateway}/console/mediation/reception`);
  await page.locator('[data-testid=reception-days]').waitFor();
  const days = (await call(OFFICER, 'GET', '/api/v1/reception-days?limit=20')).body.items;
  assert.equal(await page.locator('[data-testid=reception-days] > li').count(), days.length, 'the calendar is the API\'s');
  await screen(page, '34-reception-days');
  const day = days[0];
  await page.locator(`li[data-day-id="${day.id}"] a`).click();
  await page.locator('[data-testid=bookings]').waitFor();
  const bookings = (await call(OFFICER, 'GET', `/api/v1/reception-days/${day.id}/bookings?limit=50`)).body.items;
  assert.equal(await page.locator('[data-testid=bookings] tbody tr').count(), bookings.length, 'the bookings are the API\'s');
  const before = (await call(OFFICER, 'GET', `/api/v1/reception-days/${day.id}/records`)).body.items.length;
  const form = page.locator('form[data-form=record]');
  await form.locator('input[value=walkIn]').check();
  await form.locator('input[name=walkInName]').fill(`现场来访${run}`);
  await form.locator('select[name=outcome]').selectOption('RESOLVED_ON_SPOT');
  await form.locator('textarea[name=note]').fill('当场解释政策，来访人表示理解。');
  await form.getByRole('button', { name: '提交' }).click();
  await page.locator('[data-testid=records]').getByText(`现场来访${run}`).waitFor();
  const records = (await call(OFFICER, 'GET', `/api/v1/reception-days/${day.id}/records`)).body.items;
  assert.equal(records.length, before + 1, 'the record is the API\'s');
  assert.equal(await page.locator('[data-testid=records] > li').count(), records.length);
  await screen(page, '35-reception-day');
  await context.close();

  const tablet = await open({ width: 1024, height: 768 });
  await signedIn(tablet.page, 0, OFFICER);
  await tablet.page.goto(`${gateway}/console/mediation/reception/${day.id}`);
  await tablet.page.locator('[data-testid=records]').waitFor();
  await screen(tablet.page, '36-reception-day-tablet');
  await tablet.context.close();
}

/** The rows of an RFC 4180 text (quoted fields may hold commas, quotes and line ends). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Presses the ledger's "export CSV" and reads the file saved: its name, header row and rows. */
async function exported(page, list) {
  const download = page.waitForEvent('download');
  await page.locator('button[data-action=export-csv]').click();
  const file = await download;
  assert.match(file.suggestedFilename(), new RegExp(`^${list}-\\d{8}\\.csv$`), 'saved under the name the API gives');
  const bytes = await readFile(await file.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM, for spreadsheet programs');
  const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  return { name: file.suggestedFilename(), header, rows };
}

export async function csvFlow() {
  console.log('petition officer: the case ledger\'s filtered list exported as CSV, its rows the API\'s');
  const { context, page } = await open();
  await signedIn(page, 0, OFFICER);
  const filter = 'type=REQUEST_GRIEVANCE&channel=VISIT';
  await page.goto(`${gateway}/console/cases?${filter}`);
  await page.locator('[data-testid=ledger], [data-testid=ledger-count]').first().waitFor();
  const { name, header, rows } = await exported(page, 'cases');
  // the API's list for the same filters, every page of it
  const items = [];
  let cursor = null;
  do {
    const page_ = (await call(OFFICER, 'GET', `/api/v1/cases?${filter}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
    items.push(...page_.items);
    cursor = page_.nextCursor;
  } while (cursor);
  assert.ok(items.length > 0, 'the demo data has visits to export');
  assert.equal(rows.length, items.length, 'the file has a row per item of the list');
  const id = header.indexOf('id');
  const number = header.indexOf('number');
  const title = header.indexOf('title');
  assert.deepEqual(rows.map((r) => r[id]), items.map((c) => c.id), 'the rows are the list\'s items, in its order');
  assert.deepEqual(rows.map((r) => r[number]), items.map((c) => c.number));
  // a text cell that a spreadsheet would take for a formula starts with ' (OWASP CSV injection)
  const cell = (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
  assert.deepEqual(rows.map((r) => r[title]), items.map((c) => cell(c.title)), 'with their (Chinese) titles');
  assert.equal(await page.locator('[data-testid=csv-capped]').count(), 0, 'a file under the cap says nothing of one');
  log(`${name}: ${rows.length} rows, ${header.length} columns, as GET /api/v1/cases?${filter}`);
  await context.close();
}
