// An existing Open311 client, unchanged, against the running platform: discovery, the service
// list, a service definition, a partner posting a request with attributes, and reading it back.
// Usage: node check.js <gateway-url> <partner-api-key>; exits non-zero on the first failure.
'use strict';
const Open311 = require('open311');
const assert = require('assert');
const { promisify } = require('util');

const [gateway, apiKey] = process.argv.slice(2);
if (!gateway || !apiKey) {
  console.error('usage: node check.js <gateway-url> <partner-api-key>');
  process.exit(2);
}

// The client calls back (err, data) where err is false/null on success.
const call = (fn) => new Promise((resolve, reject) =>
  fn((err, data) => (err ? reject(new Error(`${err}: ${typeof data === 'string' ? data : JSON.stringify(data)}`)) : resolve(data))));

async function main() {
  const client = new Open311({ discovery: `${gateway}/open311/v2/discovery.json`, apiKey });

  const discovery = await call((cb) => client.serviceDiscovery({ cache: true }, cb));
  assert.ok(Array.isArray(discovery.endpoints) && discovery.endpoints.length > 0, 'discovery lists endpoints');
  assert.ok(client.endpoint.endsWith('/open311/v2/'), `endpoint from discovery: ${client.endpoint}`);
  console.log(`discovery: ${discovery.endpoints.length} endpoint(s), using ${client.endpoint}`);

  const services = await call((cb) => client.serviceList(cb));
  const light = services.find((s) => s.service_code === 'STREET_LIGHT');
  assert.ok(light, 'STREET_LIGHT among the services');
  assert.strictEqual(light.metadata, true, 'STREET_LIGHT has attributes (metadata=true)');
  console.log(`services: ${services.length}, e.g. ${light.service_code} "${light.service_name}"`);

  const definition = await call((cb) => client.serviceDefinition('STREET_LIGHT', cb));
  assert.strictEqual(definition.service_code, 'STREET_LIGHT');
  assert.ok(definition.attributes.some((a) => a.code === 'pole_number'), 'pole_number attribute defined');
  console.log(`definition: ${definition.attributes.length} attribute(s)`);

  // A point inside the demo county's grid C01-T01-V01-G01 (which holds a ±0.004° square around it),
  // moved a little each run so repeated runs rarely land within the category's duplicate radius.
  const jitter = () => (Math.random() - 0.5) * 0.008;
  const posted = await call((cb) => client.submitRequest({
    service_code: 'STREET_LIGHT',
    lat: (22.53 + jitter()).toFixed(6),
    long: (113.93 + jitter()).toFixed(6),
    description: 'Street light out at the bus stop (open311 npm client check)',
    attributes: { pole_number: 'LP-0042' },
  }, cb));
  assert.ok(Array.isArray(posted) && posted.length === 1, 'POST answers an array of one');
  const id = posted[0].service_request_id || posted[0].token;
  assert.ok(id, 'service_request_id or token returned');
  console.log(`posted: ${JSON.stringify(posted[0])}`);

  if (posted[0].service_request_id) {
    const read = await call((cb) => client.serviceRequests(posted[0].service_request_id, cb));
    assert.strictEqual(read.length, 1, 'GET requests/{id} answers one request');
    assert.strictEqual(read[0].service_request_id, posted[0].service_request_id);
    assert.strictEqual(read[0].service_code, 'STREET_LIGHT');
    // open, or closed when an earlier run's open report lies within the duplicate radius
    assert.ok(['open', 'closed'].includes(read[0].status), `status ${read[0].status}`);
    assert.ok(!Number.isNaN(read[0].requested_datetime.getTime()), 'requested_datetime parses as a date');
    console.log(`read back: status=${read[0].status} agency=${read[0].agency_responsible}`);
  }
  console.log('open311 npm client: OK');
}

main().catch((e) => {
  console.error(`open311 npm client check FAILED: ${e.message}`);
  process.exit(1);
});
