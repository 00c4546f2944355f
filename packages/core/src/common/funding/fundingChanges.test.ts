import { describe, expect, it } from 'vitest';
import { Database, emptyDatabase } from '../store/database.js';
import { fundingSummary } from './fundingTables.js';

const pounds = (amount: number): number => amount * 100;

function renamedDb(recorded: { predecessor: boolean; formerNames: boolean }): Database {
  return Database.parse({
    ...emptyDatabase({ name: 'Test Partnership', area: 'Croydon' }),
    agencies: [
      { id: 'croydon-ccg', name: 'Croydon CCG', sector: 'health' },
      { id: 'icb', name: 'NHS South West London ICB', sector: 'health', statutoryRole: 'health', predecessorIds: recorded.predecessor ? ['croydon-ccg'] : [] },
      { id: 'police', name: 'Metropolitan Police', sector: 'police', statutoryRole: 'police' },
    ],
    contributions: [
      { id: 'ccg-2021', financialYear: '2021/22', agencyId: 'croydon-ccg', amountPence: pounds(30000) },
      { id: 'mopac-2021', financialYear: '2021/22', agencyId: 'police', label: 'Met Police (MOPAC)', amountPence: pounds(5000) },
      { id: 'phew-2021', financialYear: '2021/22', source: 'Income from PHEW platform', amountPence: pounds(9000) },
      { id: 'icb-2024', financialYear: '2024/25', agencyId: 'icb', label: 'Croydon ICB', amountPence: pounds(33850) },
      { id: 'mopac-2024', financialYear: '2024/25', agencyId: 'police', label: 'Met Police (MOPAC)', amountPence: pounds(5000) },
      { id: 'bcu-2024', financialYear: '2024/25', agencyId: 'police', label: 'Met Police (South BCU)', amountPence: pounds(5000) },
      { id: 'phew-2024', financialYear: '2024/25', source: 'income from PHEW  platform', amountPence: pounds(12054) },
    ],
    expenditure: [
      { id: 'staff-2021', financialYear: '2021/22', category: 'Staffing & related costs', amountPence: pounds(330000) },
      { id: 'training-2021', financialYear: '2021/22', category: 'CSCP Training provided', amountPence: pounds(12500) },
      { id: 'staff-2024', financialYear: '2024/25', category: 'Staff & related costs', amountPence: pounds(372189), formerNames: recorded.formerNames ? ['Staffing & related costs'] : [] },
      { id: 'training-2024', financialYear: '2024/25', category: 'CSCP training provided', amountPence: pounds(9323) },
    ],
  });
}

const rows = (changes: ReadonlyArray<{ label: string; amountPence: number; previousPence: number }>) => changes.map((c) => [c.label, c.amountPence / 100, c.previousPence / 100]);

describe('comparing a year with another', () => {
  it('matches income by agency: the ICB against the CCG it replaced, the Met\'s two lines together', () => {
    const comparison = fundingSummary(renamedDb({ predecessor: true, formerNames: true }), '2024/25', { compareWith: '2021/22' }).comparison!;
    expect(rows(comparison.income)).toEqual([
      ['Croydon ICB', 33850, 30000],
      ['income from PHEW  platform', 12054, 9000],
      ['Metropolitan Police', 10000, 5000],
    ]);
  });

  it('shows the CCG as gone and the ICB as new when the ICB does not record its predecessor', () => {
    const comparison = fundingSummary(renamedDb({ predecessor: false, formerNames: true }), '2024/25', { compareWith: '2021/22' }).comparison!;
    expect(rows(comparison.income).filter(([label]) => label === 'Croydon ICB' || label === 'Croydon CCG')).toEqual([
      ['Croydon ICB', 33850, 0],
      ['Croydon CCG', 0, 30000],
    ]);
  });

  it('matches spending by category, whatever its case, and under the former names it keeps', () => {
    const comparison = fundingSummary(renamedDb({ predecessor: true, formerNames: true }), '2024/25', { compareWith: '2021/22' }).comparison!;
    expect(rows(comparison.expenditure)).toEqual([
      ['Staff & related costs', 372189, 330000],
      ['CSCP training provided', 9323, 12500],
    ]);
    const unrecorded = fundingSummary(renamedDb({ predecessor: true, formerNames: false }), '2024/25', { compareWith: '2021/22' }).comparison!;
    expect(rows(unrecorded.expenditure)).toEqual([
      ['Staff & related costs', 372189, 0],
      ['CSCP training provided', 9323, 12500],
      ['Staffing & related costs', 0, 330000],
    ]);
  });

  it('keeps the totals the sum of the lines either way', () => {
    const comparison = fundingSummary(renamedDb({ predecessor: true, formerNames: true }), '2024/25', { compareWith: '2021/22' }).comparison!;
    expect(comparison.incomeTotal).toMatchObject({ amountPence: pounds(55904), previousPence: pounds(44000) });
    expect(comparison.income.reduce((total, c) => total + c.previousPence, 0)).toBe(comparison.incomeTotal.previousPence);
  });
});
