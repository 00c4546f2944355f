#!/usr/bin/env node
// npm run bench: measures every section at 1×, 3× and 10×, prints the tables and (with --write)
// puts them into docs/performance.md.
//
//   node dist/bin.js [--scales 1,3,10] [--iterations N] [--bot-requests N] [--pg-partnerships 2,10,100,1000] [--pg-full-partnerships N]
//                    [--slack-reminders N] [--slack-rate N] [--only postgres|slack] [--write FILE] [--json FILE]
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { renderPostgres, renderReport, renderSlack, writeIntoDocument } from './report.js';
import { runBench, runPostgresBench, runSlackBench } from './run.js';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,3,10' },
    iterations: { type: 'string', default: '5' },
    // At 20 conversations one stall of the machine delays twenty turns at once: of 1,000 turns
    // that alone was the p99, and the ratio swung from 0.8× to 2.1× between runs. Of 5,000 it is
    // a fifth of the turns beyond the p99.
    'bot-requests': { type: 'string', default: '5000' },
    // The partnerships in the database for each PostgreSQL row at the smallest scale. 1,000 of 1×
    // would be some 70 GB: past --pg-full-partnerships each holds a tenth of the rows.
    'pg-partnerships': { type: 'string', default: '2,10,100,1000' },
    'pg-full-partnerships': { type: 'string', default: '100' },
    // The Slack fan-out: 2,000 due reminders at 40 a second through the fake Web API is 50 s at
    // the least (the bot's default of 4 a second would be 500 s).
    'slack-reminders': { type: 'string', default: '2000' },
    'slack-rate': { type: 'string', default: '40' },
    // `--only postgres` or `--only slack`: that section alone, printed (never written into a document).
    only: { type: 'string' },
    write: { type: 'string' },
    json: { type: 'string' },
  },
});

const scales = values.scales.split(',').map(Number);
const iterations = Number(values.iterations);
const botRequests = Number(values['bot-requests']);
const pgPartnerships = values['pg-partnerships'].split(',').map(Number);
const pgFullPartnerships = Number(values['pg-full-partnerships']);
const slackReminders = Number(values['slack-reminders']);
const slackRate = Number(values['slack-rate']);
// Below 0.1× the file is under the size at which the store starts its change log, and too
// few actions are open for the workload.
if (scales.some((scale) => !(scale >= 0.1)) || !Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(botRequests) || botRequests < 20 || pgPartnerships.some((n) => !Number.isInteger(n) || n < 2) || !Number.isInteger(pgFullPartnerships) || pgFullPartnerships < 2 || !Number.isInteger(slackReminders) || slackReminders < 1 || !(slackRate > 0 && slackRate <= 100)) {
  process.stderr.write(
    'usage: bench [--scales 1,3,10] [--iterations N] [--bot-requests N] [--pg-partnerships 2,10,100,1000] [--pg-full-partnerships 100] [--slack-reminders 2000] [--slack-rate 40] [--only postgres|slack] [--write FILE.md] [--json FILE]  (each scale at least 0.1, at least 20 bot requests, at least 2 partnerships, at least 1 reminder, a rate above 0 and at most 100 a second)\n',
  );
  process.exit(2);
}

const options = {
  scales,
  readIterations: iterations,
  commitIterations: iterations * 4,
  cliRuns: iterations * 4,
  botRequests,
  pgPartnerships,
  pgFullPartnerships,
  slackReminders,
  slackRate,
  log: (line: string) => process.stderr.write(`bench: ${line}\n`),
};
if (values.only !== undefined) {
  if ((values.only !== 'postgres' && values.only !== 'slack') || values.write !== undefined) {
    process.stderr.write('usage: bench --only postgres|slack [--json FILE]  (the sections that run alone; they are printed, not written into a document)\n');
    process.exit(2);
  }
  const section = values.only === 'postgres' ? await runPostgresBench(options) : await runSlackBench(options);
  const { machine } = section;
  const rendered = 'postgres' in section ? renderPostgres(section.postgres) : renderSlack(section.slack);
  process.stdout.write(`Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores), ${machine.memoryGiB} GiB memory, ${machine.os}, Node ${machine.node}.\n\n${rendered.join('\n\n')}\n`);
  if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify(section, null, 2)}\n`);
  process.exit(0);
}
const report = await runBench(options);
const rendered = renderReport(report);
process.stdout.write(rendered);
if (values.write !== undefined) await writeIntoDocument(values.write, rendered);
if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
