// The petition's way through the console: a petition officer signs in (development sign-in), triages and assigns a
// fresh case (the unit's handler, whose workbench is open, gets the notice live); the handler accepts it, meets a
// stale version (412, explained) and answers it; a supervisor puts it in the backlog with a responsible leader and adds
// a supervision note, and the backlog ledger shows the leader. What each page shows is checked against the API.
import assert from 'node:assert/strict';
import { call, expectRefusal, gateway, HANDLER, log, OFFICER, open, refusalsSeen, screen, signIn, SUPERVISOR, transition } from '../lib.mjs';

export async function petitionFlow() {
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

  // the English switch
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
  expectRefusal('POST', `/api/v1/cases/${caseId}/transitions`, 412);
  const answer = '已安排施工队于本周内填平坑洼并设置警示标志。';
  const fillAnswer = async (form) => {
    assert.deepEqual(await form.locator('label').evaluateAll((ls) => ls.map((l) => l.querySelector('select,input,textarea').name)),
      ['decision', 'text'], 'ANSWER asks for the decision and the text');
    await form.locator('select[name=decision]').selectOption('SUPPORT');
    await form.locator('textarea[name=text]').fill(answer);
  };
  await transition(page, 'ANSWER', fillAnswer);
  await page.locator('[data-testid=case-notice]').filter({ hasText: '版本已变化' }).waitFor();
  assert.ok(refusalsSeen(), 'the stale answer was refused with 412');
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
}
