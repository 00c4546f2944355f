import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { examplePartnership } from '@partnership-tracker/core';
import { createScratchDatabase, TEST_DATABASE_VARIABLE } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_TABLE_NAMES } from './program.js';

// The BUILT bin against a PostgreSQL database of this test file's own, on the run's test server.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
/** The example's revision as built: each step of its history is one. */
const exampleRevision = examplePartnership().revision;
const referenceEngagement = fileURLToPath(new URL('../../../test/fixtures/reference/engagement-2024-25.csv', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let work: string;
let url: string;

// After the example partnership's history (to 13 November 2026): changes are never dated before it.
function ptrack(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: work, env: { PATH: process.env.PATH ?? '', TZ: 'Europe/London', PTRACK_NOW: '2026-11-23T12:00:00Z', ...env }, maxBuffer: 20_000_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every table `ptrack export` writes for the example partnership, as CSV, keyed by table. */
async function allExports(data: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of EXPORT_TABLE_NAMES) {
    const run = await ptrack([...data, 'export', table, ...(table === 'actions' ? [] : ['--year', '2024/25'])]);
    expect([table, run.code, run.stderr]).toEqual([table, 0, '']);
    out[table] = run.stdout;
  }
  return out;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ptrack-pg-cli-'));
  url = await createScratchDatabase(process.env[TEST_DATABASE_VARIABLE]!);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('ptrack on PostgreSQL', () => {
  it('creates the example partnership in a database, lists it, and exports the published engagement table from it', async () => {
    const created = await ptrack(['init', '--example', '--data', url, '--partnership', 'example']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created partnership "example" in postgresql:\/\/postgres@localhost\/ptrack_\w+\?host=.* with the example partnership/);

    const listed = await ptrack(['partnerships'], { PTRACK_DATA: url });
    expect(listed).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^example\tCroydon Safeguarding Children Partnership\tLondon Borough of Croydon\trevision ${exampleRevision}\n$`)) });

    const run = await ptrack(['export', 'engagement', '--year', '2024/25'], { PTRACK_DATA: url, PTRACK_PARTNERSHIP: 'example' });
    expect(run.code).toBe(0);
    const ours = (parse(run.stdout, { bom: true }) as string[][]).slice(1);
    const published = (parse(readFileSync(referenceEngagement, 'utf8')) as string[][]).slice(1);
    const normalise = (row: string[]) => row.map((cell) => cell.replace(/%$/, '').replace(/^—$/, ''));
    expect(ours.map(normalise)).toEqual(published);
  }, 120_000);

  it('copies the example partnership file → PostgreSQL → file with identical exports', async () => {
    expect(await ptrack(['--data', 'original.json', 'init', '--example'])).toMatchObject({ code: 0 });
    // A change, so that the copy carries history and a revision, not just the seed.
    expect(await ptrack(['--data', 'original.json', 'action', 'update', 'A-2', '--progress', '70', '--note', 'Strategy drafted', '--as', 'head.safeguarding.csc@croydon.example'])).toMatchObject({ code: 0 });
    const there = await ptrack(['copy', '--from', 'original.json', '--to', url, '--partnership', 'copied']);
    expect(there).toMatchObject({ code: 0, stderr: '' });
    expect(there.stdout).toMatch(new RegExp(`^Copied Croydon Safeguarding Children Partnership \\(revision ${exampleRevision + 1}, \\d+ audit entries\\) from .*original\\.json to partnership "copied" in postgresql:.*; the copy reads back the same\\.\\n$`));
    const back = await ptrack(['copy', '--from', url, '--partnership', 'copied', '--to', 'back.json']);
    expect(back).toMatchObject({ code: 0, stderr: '' });

    const original = await allExports(['--data', 'original.json']);
    expect(await allExports(['--data', url, '--partnership', 'copied'])).toEqual(original);
    expect(await allExports(['--data', 'back.json'])).toEqual(original);
    expect(original.actions).toContain('Strategy drafted');
  }, 240_000);

  it('works unchanged on the database: a change made there is in the next export', async () => {
    const data = ['--data', url, '--partnership', 'example'];
    expect(await ptrack([...data, 'action', 'update', 'A-20', '--status', 'at-risk', '--note', 'Staff shortage', '--as', 'mash.manager@croydon.example'])).toMatchObject({ code: 0 });
    const run = await ptrack([...data, 'export', 'actions']);
    expect(run.stdout.split(/\r?\n/).find((line) => line.startsWith('A-20,'))).toMatch(/,at-risk,.*,Staff shortage$/);
  }, 120_000);

  it('asks which partnership when the database holds several, naming them, and never prints a password', async () => {
    const withPassword = new URL(url);
    withPassword.password = 'hunter2-secret';
    const run = await ptrack(['export', 'actions'], { PTRACK_DATA: withPassword.toString() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/holds 2 partnerships \(copied, example\); choose one with --partnership or PTRACK_PARTNERSHIP\./);
    expect(run.stderr).not.toContain('hunter2');
  }, 120_000);

  it('refuses to create a partnership twice, or without saying which', async () => {
    const again = await ptrack(['init', '--example', '--data', url, '--partnership', 'example']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a partnership "example"; refusing to overwrite it/);
    const unnamed = await ptrack(['init', '--name', 'X', '--area', 'Y', '--data', url]);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/--partnership SLUG/);
  }, 120_000);

  it('records the Teams tenants and Slack workspaces the bot answers in for a partnership, one partnership per tenant', async () => {
    const data = ['--data', url];
    const set = await ptrack([...data, '--partnership', 'example', 'workspaces', '--teams-tenants', 'tenant-a, tenant-b', '--slack-workspaces', 'T01']);
    expect(set).toMatchObject({ code: 0, stderr: '', stdout: 'example\nTeams tenants: tenant-a, tenant-b\nSlack workspaces: T01\n' });
    const clash = await ptrack([...data, '--partnership', 'copied', 'workspaces', '--teams-tenants', 'tenant-b']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe('The Teams tenant tenant-b already answers for partnership "example"; a Teams tenant answers for one partnership.\n');
    const onFile = await ptrack(['--data', 'original.json', 'workspaces']);
    expect(onFile.code).toBe(2);
  }, 120_000);
});

