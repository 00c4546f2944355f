// The smoke run: proves the bench still works end to end at a tiny scale. It asserts that every
// section is there with sane numbers, never how fast anything is (speed is the bench's job).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtBench } from './__fixtures__/builtBench.js';
import { SECTION_HEADINGS, type AgainstFloor, type Report } from './report.js';

const run = promisify(execFile);
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ptrack-bench-test-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function expectSane(measured: AgainstFloor): void {
  expect(measured.floor).toBeGreaterThan(0);
  expect(measured.value).toBeGreaterThan(0);
  expect(measured.ratio).toBeCloseTo(measured.value / measured.floor, 10);
  expect(measured.samples).toBeGreaterThan(0);
}

describe('npm run bench, as a smoke run at 0.2×', () => {
  let stdout: string;
  let report: Report;
  let document: string;

  beforeAll(async () => {
    const bin = builtBench();
    const json = join(directory, 'report.json');
    const doc = join(directory, 'performance.md');
    await writeFile(doc, '# Performance\n\nWhat we found, in prose the bench must keep.\n');
    ({ stdout } = await run(process.execPath, [bin, '--scales', '0.2', '--iterations', '1', '--bot-requests', '200', '--pg-partnerships', '2,4', '--pg-full-partnerships', '3', '--slack-reminders', '30', '--slack-rate', '30', '--json', json, '--write', doc], { maxBuffer: 10_000_000 }));
    report = JSON.parse(await readFile(json, 'utf8')) as Report;
    document = await readFile(doc, 'utf8');
  }, 600_000);

  it('prints every section and writes the same tables into the document, keeping its prose', () => {
    for (const heading of SECTION_HEADINGS) expect(stdout).toContain(heading);
    expect(document).toContain('What we found, in prose the bench must keep.');
    expect(document).toContain(`<!-- bench:results:start -->\n${stdout}<!-- bench:results:end -->`);
  });

  it('describes the machine it ran on', () => {
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.cpu).not.toBe('');
  });

  it('measures the reports, the changes, the change log and peak memory against their floors', () => {
    const [scale] = report.scales;
    expect(scale!.scale).toBe(0.2);
    expect(scale!.bytes).toBeGreaterThan(1_000_000);
    expect(scale!.counts.attendance).toBeGreaterThan(1000);
    expectSane(scale!.reports);
    expect(scale!.reports.open + scale!.reports.compute).toBeCloseTo(scale!.reports.value, 0);
    expectSane(scale!.commits.actionUpdate);
    expectSane(scale!.commits.register);
    expectSane(scale!.memory);
    expect(scale!.log.entries).toBeGreaterThan(0);
    expectSane(scale!.log.open);
    expectSane(scale!.log.pastLimit);
    // The compaction runs on after the commit that started it.
    expect(scale!.log.background).toBeGreaterThanOrEqual(scale!.log.pastLimit.value);
  });

  // A missing build is a failure, not a pass: turbo builds the CLI and the bot before this test.
  it('times the CLI against node -e 0', () => {
    if ('skipped' in report.cli) throw new Error(`the CLI section was skipped: ${report.cli.skipped}`);
    expectSane(report.cli.version);
    expectSane(report.cli.exportEngagement);
  });

  it('times each bot command at 1 and 20 conversations against the echo bot', () => {
    if ('skipped' in report.bot) throw new Error(`the bot section was skipped: ${report.bot.skipped}`);
    expect(report.bot.turns.map((t) => `${t.command} × ${t.concurrency}`)).toEqual([
      'my actions × 1',
      'my actions × 20',
      'update × 1',
      'update × 20',
      'digest × 1',
      'digest × 20',
    ]);
    for (const turn of report.bot.turns) {
      expect(turn.p50).toBeGreaterThan(0);
      expect(turn.p99).toBeGreaterThanOrEqual(turn.p50);
      expect(turn.echoP99).toBeGreaterThanOrEqual(turn.echoP50);
    }
    // The turns did what they say: the bot knew the sender and named their actions.
    for (const command of ['my actions', 'update']) {
      expect(report.bot.turns.find((t) => t.command === command)?.sampleReply).toMatch(/A-\d+/);
    }
  });

  it('measures the PostgreSQL store against its floors with two partnerships in the database, then four (one of a tenth)', () => {
    // No PostgreSQL test is skipped on a machine that has the server programs (.ci/run installs them).
    if ('skipped' in report.postgres) throw new Error(`the PostgreSQL section was skipped: ${report.postgres.skipped}`);
    expect(report.postgres.rows.map((r) => [r.scale, r.partnerships, r.fillers])).toEqual([
      [0.2, 2, 0],
      [0.2, 4, 1],
    ]);
    for (const row of report.postgres.rows) {
      expectSane(row.commit);
      expectSane(row.open);
    }
    expect(stdout).toContain('| 0.2× | 4 (1 of a tenth) |');
  });

  it('times the bot’s update turns on PostgreSQL at 1 and 20 conversations against the echo bot', () => {
    if ('skipped' in report.postgres) throw new Error(`the PostgreSQL section was skipped: ${report.postgres.skipped}`);
    const { bot } = report.postgres;
    if ('skipped' in bot) throw new Error(`the bot on PostgreSQL was skipped: ${bot.skipped}`);
    expect(bot.turns.map((t) => `${t.command} × ${t.concurrency}`)).toEqual(['update × 1', 'update × 20']);
    for (const turn of bot.turns) {
      expect(turn.p99).toBeGreaterThanOrEqual(turn.p50);
      expect(turn.echoP99).toBeGreaterThan(0);
    }
    expect(bot.turns.at(-1)?.sampleReply).toMatch(/^Updated A-\d+/);
  });

  it('times the Slack requests against the bare Bolt app, and sends each reminder of the fan-out once', () => {
    // slack.test.ts checks the section's pieces and runs it alone; here it must be part of the whole.
    if ('skipped' in report.slack) throw new Error(`the Slack section was skipped: ${report.slack.skipped}`);
    const { requests, fanOut } = report.slack;
    if ('skipped' in requests) throw new Error(`the Slack requests were skipped: ${requests.skipped}`);
    if ('skipped' in fanOut) throw new Error(`the fan-out was skipped: ${fanOut.skipped}`);
    expect(requests.map((t) => `${t.request} × ${t.concurrency}`)).toEqual(['/ptrack my actions × 1', '/ptrack my actions × 20', 'Update modal submission × 1', 'Update modal submission × 20']);
    expect([fanOut.accepted, fanOut.duplicates, fanOut.missed]).toEqual([30, 0, 0]);
  });
});
