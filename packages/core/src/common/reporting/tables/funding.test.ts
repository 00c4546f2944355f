import { describe, expect, it } from 'vitest';
import { examplePartnership } from '../../example/examplePartnership.js';
import { Database, emptyDatabase } from '../../store/database.js';
import { expenditureReport, fundingReport, incomeReport } from './funding.js';

const db = examplePartnership();

describe('incomeReport and expenditureReport', () => {
  it('list each line with its amount in pence and a share, closed by a total of exactly 100.00%', () => {
    const table = incomeReport(db, '2024/25').tables[0]!;
    expect(table.rows[0]).toEqual({ label: 'Croydon Council', amount: 31_160_900, share: 7409 });
    expect(table.rows.reduce((sum, row) => sum + (row.share as number), 0)).toBe(10_000);
    expect(table.total).toEqual({ label: 'Total', amount: 42_060_300, share: 10_000 });
  });

  it('leave the total share blank for a year with nothing recorded', () => {
    const table = expenditureReport(db, '2025/26').tables[0]!;
    expect(table.rows).toEqual([]);
    expect(table.total).toEqual({ label: 'Total', amount: 0, share: null });
  });
});

describe('fundingReport', () => {
  it('adds the balance and the rollups by statutory partner and by sector', () => {
    expect(fundingReport(db, '2025/26').tables.map((t) => t.title)).toEqual([
      'Income 2025/26',
      'Expenditure 2025/26',
      'Balance 2025/26',
      'Income by statutory partner 2025/26',
      "The three statutory partners' split 2025/26",
      'Income by sector 2025/26',
    ]);
  });

  it('with a year to compare with, adds the change on every line, "n/a" where there was nothing before', () => {
    const report = fundingReport(db, '2025/26', '2024/25');
    const income = report.tables.find((t) => t.title === 'Income 2025/26 against 2024/25')!;
    expect(income.columns.map((c) => c.header)).toEqual(['Line', '2025/26', '2024/25', 'Change', 'Change %']);
    expect(income.rows[0]).toEqual({ label: 'Croydon Council', amount: 29_600_000, previous: 31_160_900, change: -1_560_900, changePercent: -5 });
    expect(income.total).toMatchObject({ label: 'Total', change: -1_112_200 });
    const expenditure = fundingReport(db, '2024/25', '2025/26').tables.find((t) => t.title === 'Expenditure 2024/25 against 2025/26')!;
    expect(expenditure.rows[0]).toMatchObject({ previous: 0, changePercent: 'n/a' });
  });
});

describe('a table whose equal amounts cannot share the spare hundredths', () => {
  const db = Database.parse({
    ...emptyDatabase({ name: 'Test Partnership', area: 'Testshire' }),
    agencies: [
      { id: 'council', name: 'Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'icb', name: 'ICB', sector: 'health', statutoryRole: 'health' },
      { id: 'police', name: 'Police', sector: 'police', statutoryRole: 'police' },
    ],
    contributions: ['council', 'icb', 'police'].map((agencyId) => ({ id: `c-${agencyId}`, financialYear: '2024/25', agencyId, amountPence: 3_000_000 })),
  });

  it('shows equal shares, a total of 99.99% and says how it was rounded', () => {
    const report = incomeReport(db, '2024/25');
    expect(report.tables[0]!.rows.map((row) => row.share)).toEqual([3333, 3333, 3333]);
    expect(report.tables[0]!.total).toEqual({ label: 'Total (shares each rounded to the nearest 0.01%)', amount: 9_000_000, share: 9999 });
    expect(report.notes).toEqual(['Income 2024/25: equal amounts are shown with equal shares, so each share is rounded to the nearest 0.01% and they add up to 99.99%.']);
  });

  it('says so in the funding report for each table rounded that way', () => {
    expect(fundingReport(db, '2024/25').notes).toEqual([
      'Income 2024/25: equal amounts are shown with equal shares, so each share is rounded to the nearest 0.01% and they add up to 99.99%.',
      'Income by statutory partner 2024/25: equal amounts are shown with equal shares, so each share is rounded to the nearest 0.01% and they add up to 99.99%.',
      "The three statutory partners' split 2024/25: equal amounts are shown with equal shares, so each share is rounded to the nearest 0.01% and they add up to 99.99%.",
      'Income by sector 2024/25: equal amounts are shown with equal shares, so each share is rounded to the nearest 0.01% and they add up to 99.99%.',
    ]);
    expect(incomeReport(examplePartnership(), '2024/25').notes).toBeUndefined();
  });
});
