import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyCommands, unwrap } from '@partnership-tracker/core';
import { afterEach, describe, expect, it } from 'vitest';
import { examplesFolder, importExamples, importText, testContext } from '../__fixtures__/examples.js';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

const actionsCsv = () => readFileSync(new URL('actions.csv', examplesFolder), 'utf8');

describe("a spreadsheet's own headers and extra columns", () => {
  it('reads headers by their common synonyms and ignores columns it does not read, naming them', () => {
    const { db } = importExamples();
    const text = 'Year,Organisation,Label,Amount (£),Budget holder,Notes\n2025/26,Croydon Council,Top-up,"£1,000",Jo Bloggs,agreed in March\n';
    const result = importText(db, 'contributions', text, 'income.csv');
    expect(result.error).toBe('');
    expect(result.changes).toBe('added 1 income line');
    expect(result.db.contributions.at(-1)).toMatchObject({ financialYear: '2025/26', agencyId: 'croydon-council', label: 'Top-up', amountPence: 100_000 });
    expect(result.warnings).toEqual(['income.csv: ignored the columns "Budget holder", "Notes", which the contributions import does not read (--strict refuses a file with such columns).']);
  });

  it('refuses those columns with --strict, so a mistyped header is not dropped unseen', () => {
    const { db } = importExamples();
    const result = importText(db, 'contributions', 'financial_year,agency,amuont\n2025/26,Croydon Council,5\n', 'income.csv', false, testContext, { strict: true });
    expect(result.error).toBe('income.csv:1: column "amuont" is not one this import reads (expected: financial_year, agency, source, label, amount, kind, state)\nincome.csv:1: column "amount" is missing');
    expect(result.db).toBe(db);
  });

  it.each(['2026/27', '2026-27', '2026–27', 'FY 26/27', '2026/2027'])('reads the financial year %j as 2026/27', (year) => {
    const { db } = importExamples();
    const result = importText(db, 'contributions', `financial_year,agency,amount\n${year},Croydon Council,5\n`);
    expect(result.changes).toBe('added 1 income line');
    expect(result.db.contributions.filter((c) => c.financialYear === '2026/27' && c.agencyId === 'croydon-council')).toHaveLength(1);
  });

  it('refuses a calendar quarter in a period, saying which financial quarter its months are', () => {
    const { err, io } = fakeIo();
    return run(['export', 'engagement', '--quarter', 'Q1 2025'], io).then((code) => {
      expect(code).toBe(2);
      expect(err.join('')).toContain('January–March 2025 is 2024/25 Q4');
    });
  });
});

describe('re-importing the actions file (issue 17: never rolls back what owners recorded)', () => {
  /** The example partnership after B-2's owner recorded progress since the plan was imported. */
  function afterOwnerUpdate() {
    const { db } = importExamples();
    const owner = db.actions.find((a) => a.ref === 'A-2')!.ownerId!;
    const update = { type: 'action.update' as const, ref: 'A-2', progress: 80, status: 'on-track' as const, note: 'Referrals audited in four schools' };
    return unwrap(applyCommands(db, [update], { actor: { kind: 'person', personId: owner }, at: '2026-11-24T09:00:00Z' })).db;
  }

  it('keeps progress and status as the history has them, and the summary says what it left alone', () => {
    const db = afterOwnerUpdate();
    const result = importText(db, 'actions', actionsCsv(), 'actions.csv', false, { ...testContext, at: '2026-11-25T09:00:00Z' });
    expect(result.changes).toBe('nothing changed (everything in the file was already there)');
    expect(result.db.actions.find((a) => a.ref === 'A-2')).toMatchObject({ progress: 80, status: 'on-track' });
    expect(result.notes).toEqual([
      'Left the progress and status of 1 action as their history has them, not as the file says: A-2 (80% on-track; the file says 60% on-track). Add --overwrite-progress to set them from the file (recorded as an update in each history).',
    ]);
  });

  it('sets them from the file with --overwrite-progress, as an update in the history', () => {
    const db = afterOwnerUpdate();
    const result = importText(db, 'actions', actionsCsv(), 'actions.csv', false, { ...testContext, at: '2026-11-25T09:00:00Z' }, { overwriteProgress: true });
    const action = result.db.actions.find((a) => a.ref === 'A-2')!;
    expect(action).toMatchObject({ progress: 60, status: 'on-track' });
    expect(action.history.at(-1)).toMatchObject({ progress: 60, note: 'Updated by import' });
    expect(action.history.some((entry) => entry.progress === 80)).toBe(true);
  });
});

describe('--create-agencies', () => {
  it('says the agencies it added have sector "other" and no statutory role, and how to set them', () => {
    const { db } = importExamples();
    const result = importText(db, 'members', 'subgroup,agency,joined\nQAG,Croydon Youth Justice Service,01/04/2024\n', 'members.csv', true);
    expect(result.db.agencies.at(-1)).toMatchObject({ name: 'Croydon Youth Justice Service', sector: 'other', statutoryRole: 'none' });
    expect(result.notes).toEqual([
      'Added an agency the register lacked ("Croydon Youth Justice Service") with sector "other" and no statutory role: set them in an agencies file (columns name, sector, statutory_role) and run `ptrack import agencies`, so that rollups by sector and statutory partner count them right.',
    ]);
  });
});

describe('importing an Excel workbook', () => {
  async function workbook(path: string, sheets: Record<string, unknown[][]>) {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
    writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
  }

  async function examplePartnership() {
    const session = fakeIo();
    expect(await run(['init', '--example'], session.io)).toBe(0);
    return session;
  }

  it('reads the first sheet, with typed cells read as a CSV export of them would be', async () => {
    const { io, cwd, text } = await examplePartnership();
    await workbook(join(cwd, 'income.xlsx'), {
      Income: [
        ['Financial year', 'Agency', 'Label', 'Amount'],
        ['2025/26', 'Croydon Council', 'Top-up', 1234.5],
      ],
      Other: [['nothing']],
    });
    expect(await run(['import', 'contributions', 'income.xlsx'], io)).toBe(0);
    expect(text()).toContain('\nincome.xlsx [Income]: 1 row; added 1 income line.\n');
    const data = JSON.parse(readFileSync(join(cwd, 'partnership.json'), 'utf8')) as { contributions: Array<{ label: string | null; amountPence: number }> };
    expect(data.contributions.find((c) => c.label === 'Top-up')?.amountPence).toBe(123_450);
  });

  it('reads the sheet --sheet names, and names the sheet, row and column of a bad cell', async () => {
    const { io, cwd, err } = await examplePartnership();
    const before = readFileSync(join(cwd, 'partnership.json'));
    await workbook(join(cwd, 'register.xlsx'), {
      Cover: [['Income 2025/26']],
      'Income 25-26': [['financial_year', 'agency', 'amount'], [], ['2025/26', 'Croydon Council', 'lots']],
    });
    expect(await run(['import', 'contributions', 'register.xlsx', '--sheet', 'income 25-26'], io)).toBe(1);
    expect(err.join('')).toContain('register.xlsx [Income 25-26]:3: column "amount": "lots" is not an amount of money');
    expect(readFileSync(join(cwd, 'partnership.json')).equals(before)).toBe(true);
  });

  it('names the sheets a workbook has when --sheet names none of them', async () => {
    const { io, cwd, err } = await examplePartnership();
    await workbook(join(cwd, 'book.xlsx'), { Staff: [['name', 'email']], Leavers: [['name', 'email']] });
    expect(await run(['import', 'people', 'book.xlsx', '--sheet', 'Current'], io)).toBe(1);
    expect(err.join('')).toContain('book.xlsx has no sheet "Current"; its sheets are: "Staff", "Leavers".');
  });
});
