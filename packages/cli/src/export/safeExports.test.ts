import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

// What someone might type as a note in Teams, hoping the business team opens the export in Excel.
// (A leading tab or carriage return cannot survive a note, which is trimmed; writers.test.ts covers them.)
const FORMULA_NOTES = ['=HYPERLINK("http://evil.example","click")', '+1+cmd|/c calc', '-2+3', '@SUM(A1:A9)'];

async function exampleWithNote(note: string) {
  const session = fakeIo();
  expect(await run(['init', '--example'], session.io)).toBe(0);
  expect(await run(['action', 'update', 'B-10', '--note', note], session.io)).toBe(0);
  session.out.length = 0;
  return session;
}

describe('exports that a spreadsheet cannot turn against the business team', () => {
  it.each(FORMULA_NOTES)('writes a note typed as %j to CSV as text, with a leading apostrophe', async (note) => {
    const { io, text } = await exampleWithNote(note);
    expect(await run(['export', 'actions'], io)).toBe(0);
    const rows = parse(text(), { bom: true, columns: true, relax_column_count: true }) as Record<string, string>[];
    const row = rows.find((r) => Object.values(r).includes('B-10'))!;
    expect(Object.values(row)).toContain(`'${note}`);
    for (const cell of rows.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('leaves numbers as numbers, negative ones included', async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    expect(await run(['export', 'funding', '--year', '2025/26', '--compare', '2024/25'], io)).toBe(0);
    const negatives = text().split(/\r\n/).flatMap((line) => line.split(',')).filter((cell) => cell.startsWith('-'));
    expect(negatives.length).toBeGreaterThan(0);
    for (const cell of negatives) expect(cell).toMatch(/^-\d+(\.\d+)?%?$/);
  });

  it('writes the note to xlsx as a text cell, never a formula', async () => {
    const { io, cwd } = await exampleWithNote(FORMULA_NOTES[0]!);
    expect(await run(['export', 'actions', '--format', 'xlsx', '--out', 'actions.xlsx'], io)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(cwd, 'actions.xlsx')) as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const note = cells.find((cell) => cell.value === FORMULA_NOTES[0]);
    expect(note?.type).toBe(ExcelJS.ValueType.String);
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
  });
});

describe('--out, which never lands on the data file', () => {
  it.each([
    ['the data file', ['export', 'actions', '--out', 'partnership.json']],
    ['the data file by another path', ['export', 'income', '--year', '2024/25', '--out', 'sub/../partnership.json']],
    ['its change log', ['digest', '--quarter', '2024/25 Q4', '--out', 'partnership.json.log']],
    ['its lock', ['calendar', '--out', 'partnership.json.lock']],
    ['a temp file the store writes', ['export', 'actions', '--out', '.partnership.json.123.abc.tmp']],
    ['a link to the data file', ['export', 'actions', '--out', 'link.json']],
  ])('is refused when it is %s, as a usage error, and nothing is written', async (_what, args) => {
    const { io, cwd, err } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    mkdirSync(join(cwd, 'sub'));
    symlinkSync(join(cwd, 'partnership.json'), join(cwd, 'link.json'));
    // Reading once leaves the store's lock file beside the data file, as every later command finds it.
    expect(await run(['export', 'actions'], io)).toBe(0);
    const before = readFileSync(join(cwd, 'partnership.json'));
    const files = readdirSync(cwd).sort();
    expect(await run(args, io)).toBe(2);
    expect(err.join('')).toMatch(/is the data file, or a file the store keeps beside it; .*Nothing was written\.\n$/);
    expect(readFileSync(join(cwd, 'partnership.json')).equals(before)).toBe(true);
    expect(readdirSync(cwd).sort()).toEqual(files);
  });

  it('replaces the file it names rather than writing through it, and leaves no temp file', async () => {
    const { io, cwd } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    writeFileSync(join(cwd, 'kept.csv'), 'the business team\'s own file\n');
    // A hard link shares the file's contents: writing through it would change kept.csv too.
    linkSync(join(cwd, 'kept.csv'), join(cwd, 'actions.csv'));
    expect(await run(['export', 'actions', '--out', 'actions.csv'], io)).toBe(0);
    expect(readFileSync(join(cwd, 'kept.csv'), 'utf8')).toBe("the business team's own file\n");
    expect(readFileSync(join(cwd, 'actions.csv'), 'utf8')).toMatch(/^\uFEFFRef,Plan,/);
    expect(readdirSync(cwd).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
