import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Report } from '@partnership-tracker/core';
import { writeCsv, writeXlsx } from './index.js';

const report: Report = {
  title: 'Income 2024/25',
  tables: [
    {
      title: 'Income 2024/25',
      columns: [
        { key: 'source', header: 'Source', type: 'text' },
        { key: 'amount', header: 'Amount', type: 'pence' },
        { key: 'share', header: 'Share', type: 'share' },
        { key: 'attendance', header: 'Attendance', type: 'percent' },
        { key: 'due', header: 'Due', type: 'date' },
      ],
      rows: [
        { source: 'Croydon Council', amount: 31_160_900, share: 7408, attendance: 133, due: '2025-03-31' },
        { source: 'Voluntary, community | "quoted"', amount: 195_950, share: 46, attendance: '—', due: null },
      ],
      total: { source: 'Total', amount: 31_356_850, share: 7454, attendance: null, due: null },
    },
  ],
  notes: ['— = not a member.'],
};

describe('the spreadsheet writers', () => {
  it('write CSV that Excel reads as numbers and percentages, with a BOM and CRLF', () => {
    const csv = writeCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Source,Amount,Share,Attendance,Due',
      'Croydon Council,311609.00,74.08%,133%,2025-03-31',
      '"Voluntary, community | ""quoted""",1959.50,0.46%,—,',
      'Total,313568.50,74.54%,,',
      '',
    ]);
  });

  it.each(['=1+1', '+1', '-1+1', '@SUM(A1)', '\tx', '\rx'])('neutralise text starting %j, as the OWASP rule says, and not the numbers beside it', (text) => {
    const csv = writeCsv({ title: 'T', tables: [{ title: 'T', columns: [{ key: 'a', header: 'A', type: 'text' }, { key: 'n', header: 'N', type: 'pence' }], rows: [{ a: text, n: -150 }] }] });
    expect(parse(csv, { bom: true, relax_quotes: true })).toEqual([['A', 'N'], [`'${text}`, '-1.50']]);
  });

  it('write xlsx with a bold header row and typed money, percentage and date cells', async () => {
    const bytes = await writeXlsx(report, new Date('2026-11-23T12:00:00Z'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Income 2024 25')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Source', 'Amount', 'Share', 'Attendance', 'Due']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect([row.getCell(2).value, row.getCell(2).numFmt]).toEqual([311_609, '"£"#,##0.00']);
    expect([row.getCell(3).value, row.getCell(3).numFmt]).toEqual([0.7408, '0.00%']);
    expect([row.getCell(4).value, row.getCell(4).numFmt]).toEqual([1.33, '0%']);
    expect(row.getCell(5).value).toEqual(new Date('2025-03-31T00:00:00Z'));
    expect(sheet.getRow(3).getCell(4).value).toBe('—');
    expect(sheet.getRow(4).font?.bold).toBe(true);
  });
});
