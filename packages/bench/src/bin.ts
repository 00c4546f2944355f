#!/usr/bin/env node
// npm run bench: measures every section at 1×, 3× and 10×, prints the tables and (with --write)
// puts them into docs/performance.md.
//
//   node dist/bin.js [--scales 1,3,10] [--iterations N] [--bot-requests N] [--pg-partnerships N] [--write FILE] [--json FILE]
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { renderReport, writeIntoDocument } from './report.js';
import { runBench } from './run.js';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,3,10' },
    iterations: { type: 'string', default: '5' },
    // At 20 conversations one stall of the machine delays twenty turns at once: of 1,000 turns
    // that alone was the p99, and the ratio swung from 0.8× to 2.1× between runs. Of 5,000 it is
    // a fifth of the turns beyond the p99.
    'bot-requests': { type: 'string', default: '5000' },
    // 1,000 partnerships of 1× would be about 30 GB in the database; 100 show whether a change
    // or an open depends on the number at all (every statement goes by an index on the partnership).
    'pg-partnerships': { type: 'string', default: '100' },
    write: { type: 'string' },
    json: { type: 'string' },
  },
});

const scales = values.scales.split(',').map(Number);
const iterations = Number(values.iterations);
const botRequests = Number(values['bot-requests']);
// Below 0.1× the file is under the size at which the store starts its change log, and too
// few actions are open for the workload.
if (scales.some((scale) => !(scale >= 0.1)) || !Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(botRequests) || botRequests < 20) {
  process.stderr.write('usage: bench [--scales 1,3,10] [--iterations N] [--bot-requests N] [--write FILE.md] [--json FILE]  (each scale at least 0.1, at least 20 bot requests)\n');
  process.exit(2);
}

const report = await runBench({
  scales,
  readIterations: iterations,
  commitIterations: iterations * 4,
  cliRuns: iterations * 4,
  botRequests,
  pgPartnerships: Number(values['pg-partnerships']),
  log: (line) => process.stderr.write(`bench: ${line}\n`),
});
const rendered = renderReport(report);
process.stdout.write(rendered);
if (values.write !== undefined) await writeIntoDocument(values.write, rendered);
if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
