import { describe, expect, it } from 'vitest';
import { decodeCsvFile, readImportFile } from './decodeCsvFile.js';
import { HEADER_SYNONYMS, headerKey, readCsv, type ColumnSpec } from './readCsv.js';

const columns: ColumnSpec[] = [
  { name: 'name', required: true, description: '' },
  { name: 'financial_year', required: true, description: '' },
  { name: 'note', required: false, description: '' },
];

describe('readCsv', () => {
  it('matches headers whatever their case, spacing or BOM', () => {
    const result = readCsv('\uFEFFNAME,Financial Year\r\nCroydon Council,2024/25\r\n', 'x.csv', columns);
    expect(result).toEqual({ success: true, data: { rows: [{ line: 2, cells: { name: 'Croydon Council', financial_year: '2024/25' } }], ignored: [] } });
  });

  it('keeps quoted commas and line breaks and numbers rows by the line they start on', () => {
    const text = 'name,financial_year,note\n"Voluntary, community",2024/25,"two\nlines"\n\nPolice,2024/25,\n';
    const result = readCsv(text, 'x.csv', columns);
    expect(result.success && result.data.rows).toEqual([
      { line: 2, cells: { name: 'Voluntary, community', financial_year: '2024/25', note: 'two\nlines' } },
      { line: 5, cells: { name: 'Police', financial_year: '2024/25', note: '' } },
    ]);
  });

  it('ignores columns the import does not read, naming them, and refuses repeated and missing ones', () => {
    expect(readCsv('name,Budget holder,Year,,\nCouncil,Jo,2024/25,,\n', 'x.csv', columns)).toEqual({
      success: true,
      data: { rows: [{ line: 2, cells: { name: 'Council', financial_year: '2024/25' } }], ignored: ['Budget holder'] },
    });
    const result = readCsv('name,nmae,name,FY\n', 'x.csv', columns);
    expect(result.success ? '' : result.error.message).toMatchInlineSnapshot(`"x.csv:1: column "name" appears twice"`);
    expect(readCsv('name,note\n', 'x.csv', columns)).toMatchObject({ success: false, error: { message: 'x.csv:1: column "financial_year" is missing' } });
  });

  it('refuses columns it does not read with --strict, so a typo in a header is caught', () => {
    const result = readCsv('name,nmae,financial_year\n', 'x.csv', columns, { strict: true });
    expect(result.success ? '' : result.error.message).toBe('x.csv:1: column "nmae" is not one this import reads (expected: name, financial_year, note)');
  });

  it.each([
    ['Year', 'financial_year'],
    ['Financial year', 'financial_year'],
    ['FY', 'financial_year'],
    ['Fin. Year', 'financial_year'],
    ['Notes', 'note'],
  ])('accepts the header %j for %s', (header, column) => {
    const withSynonym: ColumnSpec[] = [...columns.filter((c) => c.name !== 'note'), { name: 'description', required: false, description: '' }];
    const target = column === 'note' ? 'description' : column;
    const result = readCsv(`name,${header}${column === 'note' ? ',financial_year' : ''}\nCouncil,x${column === 'note' ? ',2024/25' : ''}\n`, 'x.csv', withSynonym);
    expect(result.success && result.data.rows[0]!.cells[target]).toBe('x');
  });

  it('does not take a synonym for a column the import has under that very name', () => {
    // The people import reads "agency", which is also a synonym of an agency's "name".
    const people: ColumnSpec[] = [{ name: 'name', required: true, description: '' }, { name: 'agency', required: false, description: '' }];
    expect(readCsv('Name,Agency\nJo,Council\n', 'x.csv', people)).toMatchObject({ success: true, data: { rows: [{ cells: { name: 'Jo', agency: 'Council' } }] } });
  });

  it('lists no synonym that is only its own column spelled another way', () => {
    for (const [column, synonyms] of Object.entries(HEADER_SYNONYMS)) {
      for (const synonym of synonyms) expect([column, headerKey(synonym)]).not.toEqual([column, headerKey(column)]);
    }
  });
});

describe('decodeCsvFile', () => {
  it('reads UTF-8', () => {
    expect(decodeCsvFile(new TextEncoder().encode('amount\n£5\n'), 'x.csv')).toEqual({ success: true, data: 'amount\n£5\n' });
  });

  it('refuses a Windows-1252 file, where £ is the single byte A3, and says how to save it', () => {
    const result = decodeCsvFile(new Uint8Array([0x61, 0x0a, 0xa3, 0x35, 0x0a]), 'x.csv');
    expect(result.success ? '' : result.error.message).toBe(
      'x.csv is not UTF-8 text (perhaps saved as "CSV (Comma delimited)", which Windows encodes its own way): in Excel choose "CSV UTF-8 (Comma delimited)", or import the .xlsx workbook itself.',
    );
  });

  it('refuses an old .xls workbook, saying how to save it', async () => {
    const result = await readImportFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'x.xls');
    expect(result.success ? '' : result.error.code).toBe('input.old_excel');
  });

  it('refuses --sheet for a CSV file', async () => {
    const result = await readImportFile(new TextEncoder().encode('name\n'), 'x.csv', { sheet: 'Staff' });
    expect(result).toMatchObject({ success: false, error: { code: 'usage.sheet_not_workbook' } });
  });
});
