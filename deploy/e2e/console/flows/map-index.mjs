// The map and the numbers: a supervisor of the grid workers finds a fresh incident (reported through the API by a grid
// worker) on the incident map and in the list beside it, opens it, meets a stale version (the village's handler started
// on it meanwhile) and escalates it; drills into a township and back; an analyst reads the safety index —
// the ranking, an area's explanation chart (every indicator's figures, through the chart's own tooltip) and the areas
// below it. What each page shows is checked against the API.
import assert from 'node:assert/strict';
import { call, expectRefusal, HANDLER, log, open, refusalsSeen, screen, signIn, SUPERVISOR, transition } from '../lib.mjs';

// the demo users of the sign-in page's presets (SignIn.tsx) these flows act as, besides the supervisor
const ANALYST = { sub: 'demo-analyst', roles: ['analyst'], area: 'C01' };
const WORKER = { sub: 'demo-worker', roles: ['grid_worker'], area: 'C01-T01-V01-G01' };

/** The areas' incident points (the geojson's pages of 500), as the map loads them. */
async function geojson(user, query) {
  const features = [];
  let cursor = null;
  do {
    const page = (await call(user, 'GET', `/api/v1/incidents.geojson?${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`)).body;
    features.push(...page.features);
    cursor = page.nextCursor;
  } while (cursor && features.length < 2000);
  return features;
}

export async function mapFlow() {
  // a fresh incident in the worker's grid, somewhere no open report of its category is near (so it is no duplicate)
  const grid = (await call(WORKER, 'GET', `/api/v1/areas/${WORKER.area}`)).body;
  const ring = grid.boundary.type === 'Polygon' ? grid.boundary.coordinates[0] : grid.boundary.coordinates[0][0];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const centre = { lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 };
  const jitter = (span) => (Math.random() - 0.5) * span * 0.3;
  const run = Date.now().toString(36);
  const reported = await call(WORKER, 'POST', '/api/v1/incidents', {
    categoryCode: 'RUBBISH', severity: 'GENERAL', description: `控制台检查 ${run}：路边垃圾堆积，影响通行。`,
    lat: centre.lat + jitter(maxLat - minLat), lon: centre.lon + jitter(maxLon - minLon), areaCode: WORKER.area,
  }, { 'Idempotency-Key': `console-map-${run}` });
  const id = reported.body.id;
  const number = reported.body.number;
  assert.equal(reported.body.state, 'DISPATCHED', `the fresh incident is dispatched, not a duplicate: ${JSON.stringify(reported.body)}`);
  console.log(`incident ${number} (${id}) reported for the check`);

  console.log('supervisor: the incident map, the fresh incident on it and in the list, escalated');
  const { context, page } = await open();
  await signIn(page, 2, SUPERVISOR);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '事件地图' }).click();
  await page.getByRole('heading', { name: '事件地图', level: 1 }).waitFor();
  await page.locator('[data-testid=incidents]').waitFor();
  await page.locator('[data-testid=map] path.leaflet-interactive').first().waitFor();

  // the children's polygons, their open counts the statistics' (the choropleth), the points the geojson's
  const children = (await call(SUPERVISOR, 'GET', `/api/v1/areas.geojson?parentCode=${SUPERVISOR.area}`)).body.features;
  await page.locator('[data-testid=children] tbody tr').first().waitFor();
  assert.equal(await page.locator('[data-testid=map] path.leaflet-interactive').count(), children.length, 'a polygon per child area');
  const stats = (await call(SUPERVISOR, 'GET', `/api/v1/incidents/stats?groupBy=childArea&areaCode=${SUPERVISOR.area}`)).body;
  for (const g of stats.groups) {
    const open = ['REPORTED', 'DISPATCHED', 'IN_PROGRESS'].reduce((n, s) => n + (g.stats.byState?.[s] ?? 0), 0);
    const shown = await page.locator(`[data-testid=children] tr[data-area="${g.key}"] td`).textContent();
    assert.ok(shown.includes(String(open)), `${g.key}: ${open} open incidents on the map, it says ${shown}`);
  }
  const points = await geojson(SUPERVISOR, `areaCode=${SUPERVISOR.area}&state=REPORTED,DISPATCHED,IN_PROGRESS`);
  await page.locator('[data-testid=map-count]').waitFor();
  assert.ok((await page.locator('[data-testid=map-count]').textContent()).includes(String(points.length)), 'the map shows the geojson\'s points');
  assert.ok(points.some((f) => f.id === id), 'the fresh incident is among them');

  // the list beside the map: the API's first page with the same filters, the fresh incident in it
  const list = (await call(SUPERVISOR, 'GET', `/api/v1/incidents?areaCode=${SUPERVISOR.area}&state=REPORTED,DISPATCHED,IN_PROGRESS&limit=50`)).body.items;
  assert.deepEqual(await page.locator('[data-testid=incidents] tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-incident-id'))),
    list.map((i) => i.id), 'the list is the API\'s first page');
  await page.locator(`[data-testid=incidents] tr[data-incident-id="${id}"]`).waitFor();
  await screen(page, '16-incident-map');

  // on the map: opened from the list, the map brings its point out of the cluster; the point itself opens it again
  await page.locator(`[data-testid=incidents] tr[data-incident-id="${id}"] a`).click();
  await page.locator('[data-testid=incident-state]').waitFor();
  const point = page.locator(`[data-testid=map] .leaflet-marker-icon[data-incident="${id}"]`);
  await point.waitFor();
  assert.equal(await point.getAttribute('title'), `${number} · ${(await call(SUPERVISOR, 'GET', `/api/v1/incidents/${id}`)).body.categoryName} · 已派发`);
  await page.getByRole('button', { name: /返回列表/ }).click();
  await page.locator('[data-testid=incidents]').waitFor();
  await point.click();
  await page.waitForURL(new RegExp(`incident=${id}`));
  await page.locator('[data-testid=incident-state]').filter({ hasText: '已派发' }).waitFor();
  const before = (await call(SUPERVISOR, 'GET', `/api/v1/incidents/${id}`)).body;
  assert.equal(before.level, 'VILLAGE');
  const buttons = await page.locator('[data-testid=incident] button[data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
  assert.deepEqual(buttons, before.allowedActions, 'the buttons are the actions the API allows the supervisor');
  const history = (await call(SUPERVISOR, 'GET', `/api/v1/incidents/${id}/history`)).body.items;
  assert.equal(await page.locator('[data-testid=incident-history] li').count(), history.length, 'the history is the API\'s');
  await screen(page, '17-incident-panel');

  // meanwhile the village's handler starts on it: the page's version is stale, so its escalation is refused (412) and
  // explained, and the page shows the incident as it now is
  const started = await call(HANDLER, 'GET', `/api/v1/incidents/${id}`);
  await call(HANDLER, 'POST', `/api/v1/incidents/${id}/transitions`, { action: 'START' }, { 'If-Match': started.etag });
  expectRefusal('POST', `/api/v1/incidents/${id}/transitions`, 412);
  // ESCALATE asks for exactly its reason
  const reason = '村级处置力量不足，请镇里协调环卫所。';
  const escalate = async (form) => {
    assert.deepEqual(await form.locator('label').evaluateAll((ls) => ls.map((l) => l.querySelector('select,input,textarea').name)),
      ['reason'], 'ESCALATE asks for the reason');
    await form.locator('textarea[name=reason]').fill(reason);
  };
  await transition(page, 'ESCALATE', escalate);
  await page.locator('[data-testid=incident-notice]').filter({ hasText: '已被他人更新' }).waitFor();
  assert.ok(refusalsSeen(), 'the stale escalation was refused with 412');
  await page.locator('[data-testid=incident-state]').filter({ hasText: '处置中' }).waitFor();
  await transition(page, 'ESCALATE', escalate);
  await page.locator('[data-testid=incident-notice]').filter({ hasText: '上报上级' }).waitFor();
  const after = (await call(SUPERVISOR, 'GET', `/api/v1/incidents/${id}`)).body;
  assert.equal(after.state, 'IN_PROGRESS');
  assert.equal(after.level, 'TOWNSHIP', 'escalated one level up');
  await page.locator(`[data-testid=incident][data-incident-version="${after.version}"]`).waitFor();
  assert.ok((await page.locator('[data-testid=incident-level]').textContent()).includes('乡镇'), 'the page shows the new level');
  const escalated = (await call(SUPERVISOR, 'GET', `/api/v1/incidents/${id}/history`)).body.items;
  assert.ok(escalated.some((h) => h.action === 'ESCALATE' && h.note === reason), 'the history records the escalation');
  await page.locator('[data-testid=incident-history] li').filter({ hasText: reason }).waitFor();
  log(`${number} escalated to ${after.assignedUnit} (level ${after.level}) from the map`);
  await screen(page, '18-incident-escalated');

  // a township's polygon drills down into its villages; the trail leads back up
  const township = grid.ancestors.find((a) => a.level === 'TOWNSHIP').code;
  await page.locator(`[data-testid=map] path[data-area="${township}"]`).dispatchEvent('click');
  await page.waitForURL(new RegExp(`area=${township}`));
  const villages = (await call(SUPERVISOR, 'GET', `/api/v1/areas.geojson?parentCode=${township}`)).body.features;
  await page.locator(`[data-testid=children] tr[data-area="${villages[0].id}"]`).waitFor();
  assert.equal(await page.locator('[data-testid=map] path.leaflet-interactive').count(), villages.length, 'a polygon per village');
  const inTownship = (await call(SUPERVISOR, 'GET', `/api/v1/incidents?areaCode=${township}&state=REPORTED,DISPATCHED,IN_PROGRESS&limit=50`)).body.items;
  await page.locator(`[data-testid=incidents] tr[data-incident-id="${inTownship[0].id}"]`).waitFor();
  assert.deepEqual(await page.locator('[data-testid=incidents] tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-incident-id'))),
    inTownship.map((i) => i.id), 'the list is the township\'s');
  await page.getByRole('navigation', { name: '区域层级' }).getByRole('link').first().click();
  await page.waitForURL((url) => !url.search.includes('area='));
  await page.locator(`[data-testid=children] tr[data-area="${township}"]`).waitFor();
  await page.locator(`[data-testid=incidents] tr[data-incident-id="${id}"] a`).click();
  await page.locator('[data-testid=incident-history] li').filter({ hasText: reason }).waitFor();

  // the safety score as the choropleth, and the map on a tablet in English
  await page.getByText('平安指数得分').click();
  await page.locator('[data-testid=children] td').filter({ hasText: /得分|未评级|—/ }).first().waitFor();
  await screen(page, '19-incident-map-scores');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Incident map', level: 1 }).waitFor();
  const english = (await call(SUPERVISOR, 'GET', `/api/v1/incidents/${id}`, undefined, { 'Accept-Language': 'en' })).body;
  await page.locator('[data-testid=incident]').getByText(english.categoryName, { exact: true }).waitFor();
  await page.locator('[data-testid=children] td').filter({ hasText: /Score/ }).first().waitFor();
  await screen(page, '20-incident-map-tablet-en');
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();
}

export async function indexFlow() {
  console.log('analyst: the safety index — ranking, an area\'s explanation chart, the areas below');
  const { context, page } = await open();
  await signIn(page, 4, ANALYST);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '平安指数' }).click();
  await page.getByRole('heading', { name: '平安指数', level: 1 }).waitFor();
  const ranking = page.locator('[data-testid=ranking] tbody tr');
  await ranking.first().waitFor();
  const scores = (await call(ANALYST, 'GET', '/api/v1/scores?limit=200')).body.items;
  assert.deepEqual(await ranking.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-area'))), scores.map((s) => s.areaCode),
    'the ranking is the API\'s, in its order');
  for (const s of scores) {
    const grade = await page.locator(`[data-testid=ranking] tr[data-area="${s.areaCode}"] [data-grade]`).getAttribute('data-grade');
    assert.equal(grade, s.grade ?? '', `${s.areaCode}'s grade`);
  }

  // the area losing most points: its explanation
  const area = scores.find((s) => s.score != null) ?? scores[0];
  await page.locator(`[data-testid=ranking] tr[data-area="${area.areaCode}"] button.area-pick`).click();
  await page.locator(`[data-testid=explained][data-area="${area.areaCode}"]`).waitFor();
  const detail = (await call(ANALYST, 'GET', `/api/v1/scores/${area.areaCode}`, undefined, { 'Accept-Language': 'zh-CN' })).body;
  assert.equal(await page.locator('[data-testid=explained]').getAttribute('data-model'), String(detail.modelVersion));
  assert.ok((await page.locator('[data-testid=model-version]').textContent()).includes(String(detail.modelVersion)), 'the model version is shown');
  const rows = await page.locator('[data-testid=indicators] tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-indicator')));
  assert.deepEqual(rows, detail.indicators.map((i) => i.id), 'the table lists the explanation\'s indicators');
  const fmt = (v, digits = 2) => (v == null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: digits }));
  // the chart's own tooltip, stepped through with the keyboard: each bar is an indicator, with its counts and loss
  const chart = page.locator('[data-testid=loss-chart] canvas');
  await chart.focus();
  for (const [n, indicator] of detail.indicators.entries()) {
    await page.keyboard.press(n === 0 ? 'Home' : 'ArrowDown');
    const tip = page.locator('[data-testid=loss-chart-tip]');
    await tip.filter({ hasText: `${indicator.id} ${indicator.name}` }).waitFor();
    const text = await tip.textContent();
    assert.ok(text.includes(`计数 ${fmt(indicator.numerator)} / 分母 ${fmt(indicator.denominator)}`), `${indicator.id}'s counts in the tooltip: ${text}`);
    assert.ok(text.includes(`失分 ${fmt(indicator.pointsLost)}`), `${indicator.id}'s points lost in the tooltip: ${text}`);
    const lost = await page.locator(`[data-testid=indicators] tr[data-indicator="${indicator.id}"] [data-testid=points-lost]`).textContent();
    assert.equal(lost, fmt(indicator.pointsLost), `${indicator.id}'s points lost in the table`);
  }
  log(`${area.areaCode}: ${detail.indicators.length} indicators in the chart and table as the API explains them (model v${detail.modelVersion})`);
  await screen(page, '21-safety-index');

  // the areas below: the ranking of the area's children
  await page.locator(`[data-testid=ranking] tr[data-area="${area.areaCode}"] button.btn-small`).click();
  await page.waitForURL(new RegExp(`parent=${area.areaCode}`));
  const below = (await call(ANALYST, 'GET', `/api/v1/scores?parentCode=${area.areaCode}&limit=200`)).body.items;
  await page.locator(`[data-testid=ranking] tr[data-area="${below[0].areaCode}"]`).waitFor();
  assert.deepEqual(await ranking.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-area'))), below.map((s) => s.areaCode),
    'the areas below, ranked as the API ranks them');
  await page.locator('[data-testid=explained]').waitFor();
  await screen(page, '22-safety-index-drilled');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screen(page, '23-safety-index-tablet');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Safety index', level: 1 }).waitFor();
  await page.locator('[data-testid=explained]').waitFor();
  await screen(page, '24-safety-index-en');
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();
}
