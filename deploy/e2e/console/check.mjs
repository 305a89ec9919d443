// The staff console (spec/console.md) in headless Chromium against the running platform with its demo data: each flow
// (flows/) does one kind of staff's real work and checks what the pages show against the API; any console error or
// failed request fails the run; axe-core scans every screen (no serious or critical violation); a screenshot of every
// screen goes to gateway/target/console-screenshots/.
// Usage: node check.mjs <gateway-url>; exits non-zero on a failure.
import { browser, log, problems, screens, shots } from './lib.mjs';
import { petitionFlow } from './flows/petition.mjs';
import { indexFlow, mapFlow } from './flows/map-index.mjs';
import { adminFlow, csvFlow, mediatorFlow, receptionFlow } from './flows/admin-mediation.mjs';

const flows = [petitionFlow, mapFlow, indexFlow, adminFlow, mediatorFlow, receptionFlow, csvFlow];
try {
  for (const flow of flows) await flow();
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

