import { describe, expect, it } from 'vitest';
import { decodeCsvFile } from './decodeCsvFile.js';
import { readCsv, type ColumnSpec } from './readCsv.js';

const columns: ColumnSpec[] = [
  { name: 'name', required: true, description: '' },
  { name: 'financial_year', required: true, description: '' },
  { name: 'note', required: false, description: '' },
];

describe('readCsv', () => {
  it('matches headers whatever their case, spacing or BOM', () => {
    const result = readCsv('\uFEFFNAME,Financial Year\r\nCroydon Council,2024/25\r\n', 'x.csv', columns);
    expect(result).toEqual({ success: true, data: [{ line: 2, cells: { name: 'Croydon Council', financial_year: '2024/25' } }] });
  });

  it('keeps quoted commas and line breaks and numbers rows by the line they start on', () => {
    const text = 'name,financial_year,note\n"Voluntary, community",2024/25,"two\nlines"\n\nPolice,2024/25,\n';
    const result = readCsv(text, 'x.csv', columns);
    expect(result.success && result.data).toEqual([
      { line: 2, cells: { name: 'Voluntary, community', financial_year: '2024/25', note: 'two\nlines' } },
      { line: 5, cells: { name: 'Police', financial_year: '2024/25', note: '' } },
    ]);
  });

  it('reports unknown, repeated and missing columns together', () => {
    const result = readCsv('name,nmae,name\n', 'x.csv', columns);
    expect(result.success ? '' : result.error.message).toMatchInlineSnapshot(`
      "x.csv:1: column "nmae" is not one this import reads (expected: name, financial_year, note)
      x.csv:1: column "name" appears twice
      x.csv:1: column "financial_year" is missing"
    `);
  });

  it('names the line of a quote that is never closed', () => {
    const result = readCsv('name,financial_year\nok,2024/25\n"broken,2024/25\n', 'x.csv', columns);
    expect(result.success ? '' : result.error.message).toMatch(/^x\.csv:\d+: not valid CSV: Quote Not Closed/);
  });

  it('refuses an empty file', () => {
    const result = readCsv('', 'x.csv', columns);
    expect(result.success ? '' : result.error.message).toBe('x.csv: the file is empty; the first line must name the columns');
  });
});

describe('decodeCsvFile', () => {
  it('reads UTF-8', () => {
    expect(decodeCsvFile(new TextEncoder().encode('amount\n£5\n'), 'x.csv')).toEqual({ success: true, data: 'amount\n£5\n' });
  });

  it('refuses a Windows-1252 file, where £ is the single byte A3, and says how to save it', () => {
    const result = decodeCsvFile(new Uint8Array([0x61, 0x0a, 0xa3, 0x35, 0x0a]), 'x.csv');
    expect(result.success ? '' : result.error.message).toBe('x.csv is not UTF-8 text (perhaps saved as "CSV (Comma delimited)", which Windows encodes its own way): in Excel choose "CSV UTF-8 (Comma delimited)".');
  });

  it('refuses an Excel workbook', () => {
    const result = decodeCsvFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]), 'x.xlsx');
    expect(result.success ? '' : result.error.code).toBe('input.not_csv');
  });
});
