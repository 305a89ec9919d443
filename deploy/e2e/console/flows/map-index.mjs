// The numbers: an analyst reads the safety index — the ranking, an area's explanation chart (every indicator's figures,
// through the chart's own tooltip) and the areas below it. What each page shows is checked against the API.
import assert from 'node:assert/strict';
import { call, log, open, screen, signIn } from '../lib.mjs';

// the demo user of the sign-in page's presets (SignIn.tsx) this flow acts as
const ANALYST = { sub: 'demo-analyst', roles: ['analyst'], area: 'C01' };

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
