import { describe, expect, it } from 'vitest';
import { Database, emptyDatabase } from '../store/database.js';
import {
  expenditureTable,
  formatPence,
  formatShare,
  fundingSummary,
  incomeTable,
} from './fundingTables.js';

const pounds = (amount: number): number => amount * 100;

function fundingDb(): Database {
  const base = emptyDatabase({ name: 'Test Partnership', area: 'Testshire' });
  return Database.parse({
    ...base,
    agencies: [
      { id: 'council', name: 'Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'icb', name: 'ICB', sector: 'health', statutoryRole: 'health' },
      { id: 'hospital', name: 'Hospital', sector: 'health', parentId: 'icb' },
      { id: 'mopac', name: 'MOPAC', sector: 'police', statutoryRole: 'police' },
      { id: 'probation', name: 'Probation', sector: 'probation' },
    ],
    contributions: [
      { id: 'c1', financialYear: '2024/25', agencyId: 'council', amountPence: pounds(300000) },
      { id: 'c2', financialYear: '2024/25', agencyId: 'icb', amountPence: pounds(30000) },
      { id: 'c3', financialYear: '2024/25', agencyId: 'hospital', amountPence: pounds(30000), state: 'pledged' },
      { id: 'c4', financialYear: '2024/25', agencyId: 'mopac', label: 'Met Police (MOPAC)', amountPence: pounds(5000) },
      { id: 'c5', financialYear: '2024/25', source: 'Income from training platform', amountPence: pounds(12000) },
      { id: 'c6', financialYear: '2024/25', agencyId: 'probation', amountPence: pounds(3000), state: 'pledged' },
      { id: 'p1', financialYear: '2023/24', agencyId: 'council', amountPence: pounds(250000) },
      { id: 'p2', financialYear: '2023/24', agencyId: 'icb', amountPence: pounds(30000) },
      { id: 'p3', financialYear: '2023/24', source: 'A one-off grant', amountPence: pounds(1000) },
    ],
    expenditure: [
      { id: 'e1', financialYear: '2024/25', category: 'Staff', amountPence: pounds(300000) },
      { id: 'e2', financialYear: '2024/25', category: 'Training', amountPence: pounds(5000) },
      { id: 'e3', financialYear: '2024/25', category: 'Scrutineer', amountPence: pounds(20000) },
      { id: 'e4', financialYear: '2024/25', category: 'Training', amountPence: pounds(4000) },
      { id: 'e5', financialYear: '2023/24', category: 'Staff', amountPence: pounds(320000) },
      { id: 'e6', financialYear: '2023/24', category: 'Conference', amountPence: pounds(2000) },
    ],
  });
}

describe('the income table', () => {
  it('lists each contribution of the year, largest first, labelled by its label, agency or source', () => {
    const table = incomeTable(fundingDb(), '2024/25');
    expect(table.lines.map((l) => [l.label, formatPence(l.amountPence), formatShare(l.share)])).toEqual([
      ['Council', '£300,000', '78.95%'],
      ['ICB', '£30,000', '7.89%'],
      ['Hospital', '£30,000', '7.89%'],
      ['Income from training platform', '£12,000', '3.16%'],
      ['Met Police (MOPAC)', '£5,000', '1.32%'],
      ['Probation', '£3,000', '0.79%'],
    ]);
    expect(table.lines.reduce((a, l) => a + l.share, 0)).toBe(10000);
    expect(table.totalPence).toBe(pounds(380000));
  });

  it('keeps register order for equal amounts and records statutory role and sector, inherited from the parent', () => {
    const lines = incomeTable(fundingDb(), '2024/25').lines;
    expect(lines.slice(1, 3).map((l) => [l.key, l.statutoryRole, l.sector])).toEqual([
      ['c2', 'health', 'health'],
      ['c3', 'health', 'health'],
    ]);
    expect(lines.find((l) => l.key === 'c5')).toMatchObject({ agencyId: null, statutoryRole: null, sector: null });
    expect(lines.find((l) => l.key === 'c6')).toMatchObject({ statutoryRole: 'none', sector: 'probation' });
  });

  it.each([
    ['received', ['c1', 'c2', 'c5', 'c4']],
    ['pledged', ['c3', 'c6']],
    ['all', ['c1', 'c2', 'c3', 'c5', 'c4', 'c6']],
  ] as const)('counts %s contributions when asked', (state, keys) => {
    expect(incomeTable(fundingDb(), '2024/25', { state }).lines.map((l) => l.key)).toEqual(keys);
  });

  it('is empty, with a zero total, for a year with no contributions', () => {
    expect(incomeTable(fundingDb(), '2019/20')).toEqual({ financialYear: '2019/20', lines: [], totalPence: 0, rounding: 'to-total', shareTotal: 0 });
  });
});

describe('the expenditure table', () => {
  it('adds lines of the same category and sorts the categories largest first', () => {
    const table = expenditureTable(fundingDb(), '2024/25');
    expect(table.lines.map((l) => [l.label, l.amountPence, l.share])).toEqual([
      ['Staff', pounds(300000), 9118],
      ['Scrutineer', pounds(20000), 608],
      ['Training', pounds(9000), 274],
    ]);
    expect(table.totalPence).toBe(pounds(329000));
  });
});

describe('the funding summary', () => {
  it('gives the balance, received and pledged totals', () => {
    const summary = fundingSummary(fundingDb(), '2024/25');
    expect(summary).toMatchObject({
      financialYear: '2024/25',
      balancePence: pounds(380000 - 329000),
      receivedPence: pounds(347000),
      pledgedPence: pounds(33000),
    });
    expect(summary.comparison).toBeUndefined();
  });

  it('rolls income up to the statutory partner organisations, their parts counted as theirs, then relevant agencies and other sources', () => {
    const lines = fundingSummary(fundingDb(), '2024/25').byStatutoryPartner.lines;
    expect(lines.map((l) => [l.label, l.amountPence])).toEqual([
      ['Council', pounds(300000)],
      ['ICB', pounds(60000)],
      ['MOPAC', pounds(5000)],
      ['Relevant agencies', pounds(3000)],
      ['Other sources', pounds(12000)],
    ]);
    expect(lines.reduce((a, l) => a + l.share, 0)).toBe(10000);
    const empty = fundingSummary(fundingDb(), '2019/20').byStatutoryPartner.lines;
    expect(empty.map((l) => [l.label, l.share])).toEqual([
      ['Council', 0],
      ['ICB', 0],
      ['MOPAC', 0],
      ['Relevant agencies', 0],
      ['Other sources', 0],
    ]);
  });

  it('splits income by sector, with non-agency sources on their own line', () => {
    const lines = fundingSummary(fundingDb(), '2024/25').bySector.lines;
    expect(lines.map((l) => [l.label, l.amountPence])).toEqual([
      ['Local authority', pounds(300000)],
      ['Health', pounds(60000)],
      ['Other sources', pounds(12000)],
      ['Police', pounds(5000)],
      ['Probation', pounds(3000)],
    ]);
  });

  it('compares with another year line by line, with one-decimal percentage changes and null from zero', () => {
    const comparison = fundingSummary(fundingDb(), '2024/25', { compareWith: '2023/24' }).comparison!;
    expect(comparison.year).toBe('2023/24');
    expect(comparison.income.find((c) => c.label === 'Council')).toEqual({
      label: 'Council',
      amountPence: pounds(300000),
      previousPence: pounds(250000),
      changePence: pounds(50000),
      changePercent: 20,
    });
    expect(comparison.income.find((c) => c.label === 'Hospital')).toMatchObject({ previousPence: 0, changePercent: null });
    expect(comparison.income.at(-1)).toEqual({ label: 'A one-off grant', amountPence: 0, previousPence: pounds(1000), changePence: -pounds(1000), changePercent: -100 });
    expect(comparison.incomeTotal).toEqual({ label: 'Total', amountPence: pounds(380000), previousPence: pounds(281000), changePence: pounds(99000), changePercent: 35.2 });
    // 329000 vs 322000: +2.1739…% → 2.2
    expect(comparison.expenditureTotal.changePercent).toBe(2.2);
    expect(comparison.expenditure.find((c) => c.label === 'Staff')!.changePercent).toBe(-6.3); // −6.25 rounds away from zero
  });
});

describe('formatting money and shares', () => {
  it.each<[number, boolean, string]>([
    [31160900, false, '£311,609'],
    [31160900, true, '£311,609.00'],
    [31160950, false, '£311,610'],
    [31160949, false, '£311,609'],
    [5, true, '£0.05'],
    [0, false, '£0'],
    [-500000, false, '-£5,000'],
    [-500001, true, '-£5,000.01'],
    [-40, false, '£0'],
    [100000000000, false, '£1,000,000,000'],
  ])('%i pence (pennies %s) is %s', (pence, pennies, text) => {
    expect(formatPence(pence, { pennies })).toBe(text);
  });

  it.each([
    [7408, '74.08%'],
    [46, '0.46%'],
    [10000, '100.00%'],
    [0, '0.00%'],
    [5, '0.05%'],
  ])('share %i is %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });
});
