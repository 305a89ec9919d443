// P8 (quality.md): the staff console in headless Chromium on loopback, with the demo data. Prints
//   INITIAL_JS_KB <gzipped KB of the JavaScript the first route loads>
//   READY_MS <median> <max>   workbench: navigation start → DOMContentLoaded and the first list rendered (fresh
//                             browser context each time: nothing cached)
//   LEDGER_MS <median> <p99>  a ledger page: the filter applied → its rows rendered (API call and rendering)
// Usage: node console.mjs <gateway-url> <officer token> [runs]
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const [gateway, token, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
// playwright-core as deploy/e2e/console installs it (npm ci there)
const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../../e2e/console/package.json'));
const { chromium } = require('playwright-core');

const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const session = JSON.stringify({
  token, via: 'dev', expiresAt: claims.exp * 1000,
  user: { sub: claims.sub, roles: claims.groups, area: claims.area, unit: claims.unit },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
try {
  const ready = [];
  let initialKb = 0;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // signed in already (the session the development sign-in would keep), and the moment the worklist appears noted
    await context.addInitScript(([s]) => {
      sessionStorage.setItem('civic.console.session', s);
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid=worklist], [data-testid=worklist-empty]')) {
          window.__listAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, [session]);
    const page = await context.newPage();
    const scripts = [];
    page.on('response', async (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.body().then((b) => gzipSync(b).length, () => 0));
    });
    await page.goto(`${gateway}/console/`);
    await page.waitForFunction(() => window.__listAt !== undefined, null, { timeout: 30000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return Math.max(nav.domContentLoadedEventEnd, window.__listAt);
    });
    ready.push(t);
    if (i === 0) initialKb = (await Promise.all(scripts)).reduce((a, b) => a + b, 0) / 1024;
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(([s]) => sessionStorage.setItem('civic.console.session', s), [session]);
  const page = await context.newPage();
  await page.goto(`${gateway}/console/cases`);
  await page.locator('[data-testid=ledger-count]').waitFor();
  const states = ['', 'REGISTERED', 'ASSIGNED', 'IN_HANDLING', 'ANSWERED', 'FINAL'];
  const ledger = [];
  for (let i = 0; i < runs * 3; i++) {
    await page.locator('select[name=state]').selectOption(states[(i + 1) % states.length]);
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const old = document.querySelector('[data-testid=ledger-count]');
      const start = performance.now();
      const observer = new MutationObserver(() => {
        const now = document.querySelector('[data-testid=ledger-count]');
        if (now && now !== old && !document.querySelector('main.ledger [role=status]:not([data-testid])')) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(document.querySelector('main'), { childList: true, subtree: true });
      document.querySelector('form.filters button[type=submit]').click();
    }));
    ledger.push(ms);
  }
  await context.close();
  console.log(`INITIAL_JS_KB ${initialKb.toFixed(1)}`);
  console.log(`READY_MS ${percentile(ready, 50).toFixed(0)} ${Math.max(...ready).toFixed(0)}`);
  console.log(`LEDGER_MS ${percentile(ledger, 50).toFixed(0)} ${percentile(ledger, 99).toFixed(0)}`);
} finally {
  await browser.close();
}
