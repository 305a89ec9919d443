// The README's tour, driven through the TypeScript client that openapi-generator (typescript-fetch) makes
// from the platform's merged OpenAPI document — as a mobile-app or partner developer would use it.
//   node dist/tour.js <gateway URL> <path of deploy/platform>     (tokens come from the platform script)
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  Action, AreasApi, CaseType, CasesApi, CategoriesApi, Channel, Configuration, CreateOpen311RequestFormatEnum,
  Decision, GetOpen311RequestFormatEnum, GridAction, IncidentsApi, ListOpen311ServicesFormatEnum, Open311Api,
  PartnerKeysApi, ResponseError, Satisfaction, ScoresApi,
} from './generated';

const [gateway, platform] = process.argv.slice(2);
if (!gateway || !platform) {
  console.error('usage: node dist/tour.js <gateway URL> <path of deploy/platform>');
  process.exit(2);
}

function token(...args: string[]): string {
  const out = execFileSync(platform, ['token', ...args], { encoding: 'utf8' }).trim().split('\n');
  return out[out.length - 1].trim();
}

const as = (accessToken: string) => new Configuration({ basePath: gateway, accessToken });
const anonymous = new Configuration({ basePath: gateway });

/** A field the answer must carry (the document marks few response fields required, so the client types them optional). */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) {
    throw new Error(`tour step failed: the answer has no ${what}`);
  }
  return value;
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) {
    throw new Error(`tour step failed: ${what}`);
  }
  console.log(`  ok  ${what}`);
}

async function main(): Promise<void> {
  const run = Date.now().toString(36);
  const admin = token('--sub', `ts-admin-${run}`, '--roles', 'admin');
  const worker = token('--sub', `ts-worker-${run}`, '--roles', 'grid_worker', '--area', 'C01-T01-V01-G01');
  const citizen = token('--sub', `ts-citizen-${run}`, '--roles', 'citizen');
  const officer = token('--sub', `ts-officer-${run}`, '--roles', 'petition_officer', '--area', 'C01');
  const analyst = token('--sub', `ts-analyst-${run}`, '--roles', 'analyst', '--area', 'C01');

  console.log('areas and the public catalogue');
  const located = await new AreasApi(as(admin)).locateArea({ lat: 22.56, lon: 113.92 });
  check(must(located.code, 'code').startsWith('C01-'), `locateArea finds grid ${located.code}`);
  const categories = await new CategoriesApi(anonymous).listCategories({});
  check(must(categories.items, 'items').some(c => c.code === 'STREET_LIGHT'), 'listCategories is public and has STREET_LIGHT');

  console.log('an incident: reported, followed, handled, verified');
  const incidents = new IncidentsApi(as(worker));
  const idempotencyKey = randomUUID();
  const reportRequest = {
    categoryCode: 'STREET_LIGHT', description: 'Light out at the bus stop (TypeScript client tour)',
    lat: 22.561, lon: 113.921, attributes: { pole_number: `LP-${run}` },
  };
  const reported = await incidents.reportIncident({ reportRequest, idempotencyKey });
  check(reported.state === 'DISPATCHED' && reported.assignedUnit, `reportIncident → ${reported.number} DISPATCHED`);
  const again = await incidents.reportIncident({ reportRequest, idempotencyKey });
  check(again.id === reported.id, 'the same Idempotency-Key gives the same incident');
  const incidentId = must(reported.id, 'id');
  const followed = await incidents.getIncident({ id: incidentId });
  check(JSON.stringify(followed.attributes ?? {}).includes(`LP-${run}`),
    'the category answers (attributes) sent by the client are kept');
  const handler = token('--sub', `ts-handler-${run}`, '--roles', 'handler', '--unit', must(reported.assignedUnit, 'assignedUnit'));
  const handling = new IncidentsApi(as(handler));
  await handling.transitionIncident({ id: incidentId, transitionRequest: { action: GridAction.Start } });
  await handling.transitionIncident({
    id: incidentId, transitionRequest: { action: GridAction.Resolve, note: 'bulb replaced' },
  });
  const closed = await incidents.transitionIncident({ id: incidentId, transitionRequest: { action: GridAction.Verify } });
  check(closed.state === 'CLOSED', 'transitionIncident START → RESOLVE → VERIFY closes it');
  const history = await incidents.getIncidentHistory({ id: incidentId });
  check(must(history.items, 'items').length >= 4, `getIncidentHistory has ${history.items?.length} entries`);

  console.log('a petition: registered, tracked, answered, final');
  const petitions = new CasesApi(as(citizen));
  const registered = await petitions.registerCase({
    idempotencyKey: randomUUID(),
    createCase: {
      // a new petitioner and new words each run: the same matter again would be recorded as a repeat (cases.md)
      channel: Channel.Online, type: CaseType.RequestGrievance, title: 'Lane floods',
      content: `The lane behind the school floods after rain; reference ${randomUUID()} ${randomUUID()}`,
      areaCode: 'C01-T01-V01',
      petitioner: { name: '李四', phone: `139${String(Date.now()).slice(-8)}`, address: '滨海县' },
    },
  });
  check(registered.state === 'REGISTERED' && registered.trackingCode, `registerCase → ${registered.number}`);
  const caseId = must(registered.id, 'id');
  const unitHandler = token('--sub', `ts-unit-${run}`, '--roles', 'handler', '--area', 'C01-T01-V01',
    '--unit', 'unit-C01-T01-V01');
  await new CasesApi(as(officer)).transitionCase({
    id: caseId, transitionBody: { action: Action.Assign, unitId: 'unit-C01-T01-V01', unitAreaCode: 'C01-T01-V01' },
  });
  const unit = new CasesApi(as(unitHandler));
  await unit.transitionCase({ id: caseId, transitionBody: { action: Action.Accept } });
  await unit.transitionCase({
    id: caseId,
    transitionBody: { action: Action.Answer, decision: Decision.Support, text: 'The drain will be widened.' },
  });
  await petitions.transitionCase({
    id: caseId, transitionBody: { action: Action.Rate, satisfaction: Satisfaction.Satisfied },
  });
  const final = await petitions.transitionCase({ id: caseId, transitionBody: { action: Action.AcceptAnswer } });
  check(final.state === 'FINAL', 'transitionCase ASSIGN → ACCEPT → ANSWER → RATE → ACCEPT_ANSWER is FINAL');
  const tracked = await new CasesApi(anonymous).trackCase({ trackingCode: must(registered.trackingCode, 'trackingCode') });
  check(tracked.state === 'FINAL' && !JSON.stringify(tracked).includes('李四'),
    'trackCase is public and shows no personal data');
  try {
    await new CasesApi(anonymous).trackCase({ trackingCode: 'NO-SUCH-CODE' });
    check(false, 'an unknown tracking code is refused');
  } catch (e) {
    check(e instanceof ResponseError && e.response.status === 404, 'an unknown tracking code is a 404');
    const problem = await (e as ResponseError).response.json() as { type?: string };
    check(problem.type === 'https://civicsafety.org/problems/not-found', 'the 404 is the catalogue problem not-found');
  }

  console.log('scores');
  const scores = await new ScoresApi(as(analyst)).listScores({ parentCode: 'C01' });
  check(must(scores.items, 'items').length > 0, `listScores ranks ${scores.items?.length} areas under C01`);
  const explained = await new ScoresApi(as(analyst)).getAreaScore({ areaCode: must(scores.items?.[0].areaCode, 'areaCode') });
  check(explained.areaCode === scores.items?.[0].areaCode, `getAreaScore explains ${explained.areaCode}`);

  console.log('a partner posts through Open311');
  const issued = await new PartnerKeysApi(as(admin)).issuePartnerKey({
    newPartnerKey: { partnerId: `ts-partner-${run}`, name: 'TypeScript tour partner', categories: ['STREET_LIGHT'] },
  });
  check(issued.apiKey, 'issuePartnerKey shows the key once');
  const apiKey = must(issued.apiKey, 'apiKey');
  const open311 = new Open311Api(new Configuration({ basePath: gateway, apiKey }));
  const services = await open311.listOpen311Services({ format: ListOpen311ServicesFormatEnum.Json });
  check(services.some(s => s.serviceCode === 'STREET_LIGHT'), 'listOpen311Services lists STREET_LIGHT');
  const created = await open311.createOpen311Request({
    format: CreateOpen311RequestFormatEnum.Json, serviceCode: 'STREET_LIGHT', apiKey,
    lat: 22.531, _long: 113.931, description: 'Lamp flickering (TypeScript client tour)',
  });
  const requestId = must(created[0].serviceRequestId, 'service_request_id');
  console.log(`  ok  createOpen311Request (form) → ${requestId}`);
  const read = await open311.getOpen311Request({ id: requestId, format: GetOpen311RequestFormatEnum.Json });
  check(read[0].serviceCode === 'STREET_LIGHT', 'getOpen311Request reads it back');

  console.log('the tour ran through the generated client');
}

main().catch(async e => {
  if (e instanceof ResponseError) {
    console.error(`HTTP ${e.response.status} ${e.response.url}: ${await e.response.text()}`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
