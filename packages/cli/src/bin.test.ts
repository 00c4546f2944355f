import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_ENTITIES } from './program.js';

// These tests run the BUILT bin as the business team would; `turbo run test` builds it first.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const examples = fileURLToPath(new URL('../../../docs/examples/', import.meta.url));
const expected = fileURLToPath(new URL('../test-fixtures/expected/', import.meta.url));
const referenceEngagement = fileURLToPath(new URL('../../../test/fixtures/reference/engagement-2024-25.csv', import.meta.url));
/** Set UPDATE_EXPECTED=1 to rewrite the expected files after a deliberate change; review the diff. */
const update = process.env.UPDATE_EXPECTED === '1';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let work: string;

/** Runs ptrack in the work folder, in New York time, to prove the output does not depend on the machine's zone. */
function ptrack(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: work, env: { PATH: process.env.PATH ?? '', TZ: 'America/New_York', PTRACK_NOW: '2025-09-20T09:00:00Z', ...env }, maxBuffer: 20_000_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function matchesExpected(name: string, actual: string): void {
  const file = join(expected, name);
  if (update) writeFileSync(file, actual);
  expect(existsSync(file), `test-fixtures/expected/${name} is missing; run the tests with UPDATE_EXPECTED=1 and review it`).toBe(true);
  expect(actual, `${name} differs from test-fixtures/expected/${name}`).toBe(readFileSync(file, 'utf8'));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ptrack-bin-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('ptrack, from an empty partnership through every example import to the exports', () => {
  beforeAll(async () => {
    expect(await ptrack(['init', '--name', 'Example Safeguarding Children Partnership', '--area', 'Croydon'])).toMatchObject({ code: 0 });
    for (const entity of IMPORT_ENTITIES) {
      const run = await ptrack(['import', entity, join(examples, `${entity}.csv`)]);
      expect([entity, run.code, run.stderr]).toEqual([entity, 0, '']);
    }
  }, 120_000);

  it('changes nothing, not a byte of the data file, when every file is imported again', async () => {
    const before = readFileSync(join(work, 'partnership.json'));
    for (const entity of IMPORT_ENTITIES) {
      const run = await ptrack(['import', entity, join(examples, `${entity}.csv`)]);
      expect(run.stdout).toMatch(/nothing changed/);
    }
    expect(readFileSync(join(work, 'partnership.json')).equals(before)).toBe(true);
    // One ptrack process per import file, as the import above: as long as that may take.
  }, 120_000);

  it.each([
    ['engagement-2024-25.csv', ['export', 'engagement', '--year', '2024/25']],
    ['engagement-2024-25-q3-qag.md', ['export', 'engagement', '--year', '2024/25', '--quarter', 'Q3', '--subgroup', 'QAG', '--format', 'md']],
    ['income-2024-25.csv', ['export', 'income', '--year', '2024/25']],
    ['expenditure-2024-25.md', ['export', 'expenditure', '--year', '2024/25', '--format', 'md']],
    ['funding-2025-26.html', ['export', 'funding', '--year', '2025/26', '--compare', '2024/25', '--format', 'html']],
    ['funding-2024-25.json', ['export', 'funding', '--year', '2024/25', '--format', 'json']],
    ['actions.csv', ['export', 'actions']],
    ['attendance-2024-25-review.csv', ['export', 'attendance', '--year', '2024/25', '--subgroup', 'Review Group']],
    ['digest-2025-26-q2.md', ['digest', '--quarter', '2025/26 Q2']],
    ['calendar-executive.ics', ['calendar', '--subgroup', 'Executive']],
  ])('writes %s exactly as expected', async (name, args) => {
    const run = await ptrack(args);
    expect([run.code, run.stderr]).toEqual([0, '']);
    matchesExpected(name, run.stdout);
  });

  it('lists the messages of a day without sending or writing anything', async () => {
    const before = readFileSync(join(work, 'partnership.json'));
    const run = await ptrack(['remind', '--dry-run', '--on', '28/10/2025']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Messages the bot sends on 28\/10\/2025 \(dry run: nothing was sent\):\n- 09:00 to Detective Superintendent <police.lead@example.org> \[action-reminder\]\n {4}Reminder: A-3 /);
    expect(readFileSync(join(work, 'partnership.json')).equals(before)).toBe(true);
    expect((await ptrack(['remind'])).code).toBe(2);
  });

  it('writes xlsx with a header row and typed cells when given --out', async () => {
    const run = await ptrack(['export', 'income', '--year', '2024/25', '--format', 'xlsx', '--out', 'income.xlsx']);
    expect([run.code, run.stderr]).toEqual([0, 'Wrote income.xlsx\n']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(work, 'income.xlsx'));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Source', 'Amount', 'Share']);
    expect([sheet.getCell('B2').value, sheet.getCell('B2').numFmt, sheet.getCell('C2').value, sheet.getCell('C2').numFmt]).toEqual([311_609, '"£"#,##0.00', 0.7409, '0.00%']);
  });

  it('writes a calendar whose meetings parse back at the right UTC instants either side of the October clock change', async () => {
    const run = await ptrack(['calendar', '--subgroup', 'Executive', '--out', 'executive.ics']);
    expect(run.code).toBe(0);
    const component = new ICAL.Component(ICAL.parse(readFileSync(join(work, 'executive.ics'), 'utf8')));
    for (const zone of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    const starts = component.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).startDate.toJSDate().toISOString());
    // 09:30 in London: 08:30 UTC in summer time (21 October), 09:30 UTC after the clocks go back (4 November).
    expect(starts).toEqual(['2025-10-21T08:30:00.000Z', '2025-11-04T09:30:00.000Z', '2026-01-20T09:30:00.000Z']);
  });

  it('reports every bad row of a bad file, exits 1 and leaves the data file byte for byte as it was', async () => {
    const before = readFileSync(join(work, 'partnership.json'));
    const bad = join(work, 'bad-people.csv');
    writeFileSync(bad, '\uFEFFName,Email,Agency\r\nNew Person,new@example.org,Croydon Council\r\n,blank@example.org,\r\nSomeone,not-an-email,Metropolitan Police\r\nAnother,another@example.org,Croydon Counsil\r\n');
    const run = await ptrack(['import', 'people', bad]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.replaceAll(bad, 'bad-people.csv')).toMatchInlineSnapshot(`
      "bad-people.csv:3: column "name": is blank; every row needs it
      bad-people.csv:4: column "email": "not-an-email" is not an email address
      bad-people.csv:5: column "agency": unknown agency "Croydon Counsil"; add it to the agencies first, or import with --create-agencies
      3 of 4 rows have problems; nothing was imported.
      "
    `);
    expect(readFileSync(join(work, 'partnership.json')).equals(before)).toBe(true);
  });

  it('records attendance and action updates as --as, and refuses what core does not permit', async () => {
    const chair = await ptrack(['attendance', 'record', '--meeting', 'executive-2025-10-21', '--present', 'chair@example.org,dcs@example.org', '--as', 'chair@example.org'], { PTRACK_NOW: '2025-10-21T12:00:00Z' });
    expect(chair).toEqual({ code: 0, stdout: 'Recorded the register of Executive on 2025-10-21: 2 present, 0 apologies, 0 absent.\n', stderr: '' });
    const before = readFileSync(join(work, 'partnership.json'));
    // Changes are never dated before the last one, so these come the day after the meeting.
    const later = { PTRACK_NOW: '2025-10-22T09:00:00Z' };
    const stranger = await ptrack(['action', 'update', 'A-2', '--progress', '70', '--as', 'housing.lead@example.org'], later);
    expect(stranger).toEqual({ code: 1, stdout: '', stderr: 'Only the owner of A-2 (or the business team) can update it.\n' });
    expect(readFileSync(join(work, 'partnership.json')).equals(before)).toBe(true);
    const owner = await ptrack(['action', 'update', 'A-2', '--progress', '70', '--note', 'Schools audited', '--as', 'education.lead@example.org'], later);
    expect(owner).toEqual({ code: 0, stdout: 'A-2 is now 70% done (on-track).\n', stderr: '' });
  });
});

describe('ptrack on the example partnership', () => {
  beforeAll(async () => {
    mkdirSync(join(work, 'example'), { recursive: true });
    expect(await ptrack(['--data', 'example/partnership.json', 'init', '--example'])).toMatchObject({ code: 0 });
  });

  it("exports the 2024/25 engagement table with the published report's values", async () => {
    const run = await ptrack(['--data', 'example/partnership.json', 'export', 'engagement', '--year', '2024/25']);
    expect(run.code).toBe(0);
    const ours = (parse(run.stdout, { bom: true }) as string[][]).slice(1);
    const published = (parse(readFileSync(referenceEngagement, 'utf8')) as string[][]).slice(1);
    // The report prints blanks for "not a member" where we print "—", and plain numbers for percentages.
    const normalise = (row: string[]) => row.map((cell) => cell.replace(/%$/, '').replace(/^—$/, ''));
    expect(ours.map(normalise)).toEqual(published);
  });

  it('refuses to overwrite the data file without --force, and says how', async () => {
    const run = await ptrack(['--data', 'example/partnership.json', 'init', '--example']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already exists; refusing to overwrite it\. Add --force to replace it/);
  });
});

describe('ptrack on the command line', () => {
  it.each([
    [['import', 'widgets', 'x.csv'], /command-argument value 'widgets' is invalid/],
    [['export', 'engagement', '--format', 'pdf'], /option '--format <format>' argument 'pdf' is invalid/],
    [['export', 'engagement'], /export engagement needs --year/],
    [['export', 'engagement', '--quarter', 'Q3'], /say which year too/],
    [['export', 'funding', '--year', '2024/25', '--subgroup', 'QAG'], /not split by subgroup/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['action', 'update', 'A-1', '--progress', '140'], /give a whole number from 0 to 100/],
  ])('exits 2 with a usage error for ptrack %j', async (args, message) => {
    const run = await ptrack(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 1 naming the data file when there is none', async () => {
    const run = await ptrack(['--data', 'missing.json', 'export', 'actions']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${join(work, 'missing.json')}: no such file. Create it with \`ptrack init\`, or name another data file with --data or PTRACK_DATA.\n`);
  });

  it('uses PTRACK_DATA when --data is not given', async () => {
    const run = await ptrack(['export', 'actions', '--format', 'json'], { PTRACK_DATA: join(work, 'example', 'partnership.json') });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).tables[0].rows.length).toBeGreaterThan(10);
  });

  it.each([[[]], [['init']], [['import']], [['export']], [['digest']], [['calendar']], [['attendance']], [['attendance', 'record']], [['action']], [['action', 'update']], [['remind']]])(
    'shows help with examples for ptrack %j --help',
    async (args) => {
      const run = await ptrack([...args, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage: ptrack/);
      expect(run.stdout).toMatch(/Examples:\n {2}\$ ptrack /);
    },
  );

  it('prints its version', async () => {
    const run = await ptrack(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`, stderr: '' });
  });
});

describe('start-up', () => {
  it('loads nothing heavy before a command runs: the start-up modules import only commander and Node', () => {
    for (const module of ['bin.js', 'main.js', 'program.js', 'io.js', 'exitCodes.js']) {
      const source = readFileSync(new URL(`../dist/${module}`, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gm), ...source.matchAll(/^import\s+'([^']+)'/gm)].map((m) => m[1]);
      expect([module, imports.filter((i) => !i!.startsWith('./') && !i!.startsWith('node:') && i !== 'commander')]).toEqual([module, []]);
    }
  });
});
