// Parses and validates AsyncAPI documents with the AsyncAPI parser (its built-in rule set included).
//   node validate.mjs <url-or-file>...    exit 1 when any document has an error-level diagnostic
import { Parser } from '@asyncapi/parser';
import { readFile } from 'node:fs/promises';

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const parser = new Parser();
let failed = false;
for (const source of process.argv.slice(2)) {
  const text = /^https?:/.test(source)
    ? await fetch(source).then(r => { if (!r.ok) throw new Error(`${source}: HTTP ${r.status}`); return r.text(); })
    : await readFile(source, 'utf8');
  const { document, diagnostics } = await parser.parse(text, { source });
  const errors = diagnostics.filter(d => d.severity === 0);
  for (const d of diagnostics.filter(d => d.severity <= 1)) {
    console.log(`${source}: ${SEVERITY[d.severity]} ${d.code} at ${(d.path ?? []).join('.')}: ${d.message}`);
  }
  if (!document || errors.length > 0) {
    failed = true;
    console.log(`${source}: INVALID (${errors.length} errors)`);
    continue;
  }
  const messages = document.messages().all();
  const types = messages.map(m => m.name()).filter(Boolean);
  console.log(`${source}: valid AsyncAPI ${document.version()}, ${document.channels().all().length} channels, ${messages.length} messages (${types.length} named ce_types)`);
  for (const m of messages) {
    if (!m.name() || !m.payload() || (m.examples().all().length === 0)) {
      failed = true;
      console.log(`${source}: message ${m.id()} lacks its ce_type name, payload schema or example`);
    }
  }
}
process.exit(failed ? 1 : 0);
