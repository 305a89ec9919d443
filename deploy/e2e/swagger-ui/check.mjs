// Opens the gateway's Swagger UI in headless Chromium, checks that every service's operations are
// shown, authorizes with a bearer token and executes GET /api/v1/areas from the page.
// Usage: node check.mjs <gateway-url> <token> [screenshot.png]; exits non-zero on a failure.
import { chromium } from 'playwright-core';
import assert from 'node:assert';

const [gateway, token, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${gateway}/q/swagger-ui`, { waitUntil: 'networkidle' });
  await page.waitForSelector('.opblock', { timeout: 30000 });
  const paths = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.getAttribute('data-path')));
  console.log(`Swagger UI shows ${paths.length} operations`);
  for (const prefix of ['/api/v1/cases', '/api/v1/areas', '/api/v1/incidents', '/open311/v2', '/api/v1/scores',
    '/api/v1/risk-assessments', '/api/v1/partner-keys']) {
    const n = paths.filter((p) => p.startsWith(prefix)).length;
    console.log(`  ${prefix}: ${n}`);
    assert.ok(n > 0, `no operation under ${prefix} in Swagger UI`);
  }

  await page.click('button.authorize');
  const input = await page.waitForSelector('.modal-ux input[type=text], .modal-ux input:not([type])');
  await input.fill(token);
  await page.click('.modal-ux button.authorize');
  await page.click('.modal-ux button.btn-done, .modal-ux .close-modal');

  const op = page.locator('.opblock-get').filter({ has: page.locator('[data-path="/api/v1/areas"]') }).first();
  await op.locator('.opblock-summary').click();
  await op.locator('button.try-out__btn').click();
  await op.locator('button.execute').click();
  const status = (await op.locator('.live-responses-table tbody .response-col_status').first()
    .textContent({ timeout: 20000 })).trim();
  console.log(`GET /api/v1/areas executed from Swagger UI with the token: ${status}`);
  assert.strictEqual(status, '200');
  if (screenshot) await op.screenshot({ path: screenshot });
} finally {
  await browser.close();
}
