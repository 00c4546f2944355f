import {
  deliveryPercent,
  engagementTable,
  examplePartnership,
  EXAMPLE_IDS,
  expenditureTable,
  formatEngagementCell,
  incomeTable,
  parsePeriod,
  periodInstants,
  unwrap,
} from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { readReferenceTable } from './support/csv.js';

// Issue 2's "done when": from the example partnership, the calculations reproduce the annual
// report's published tables (copied into test/fixtures/reference) and its 86% delivery.
const db = examplePartnership();
const period = unwrap(parsePeriod('2024/25'));

/** Shares are in hundredths of a percent; the published ones are percentages. */
const hundredths = (published: string): number => Math.round(Number(published) * 100);
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('the 2024/25 engagement table', () => {
  const table = engagementTable(db, { period });
  const column = (shortName: string) => table.columns.find((c) => c.shortName === shortName)!.subgroupId;
  const published = readReferenceTable('engagement-2024-25.csv');
  const shown = table.rows.map((row) => ({
    agency: row.label,
    groups: row.groups.join(', '),
    review: formatEngagementCell(row.cells[column('Review')]!),
    qag: formatEngagementCell(row.cells[column('QAG')]!),
    editorial: formatEngagementCell(row.cells[column('Editorial')]!),
  }));
  const cell = (value: string) => (value === '' ? '—' : `${value}%`);

  it('has the three published columns', () => {
    expect(table.columns.map((c) => c.shortName)).toEqual(['Review', 'QAG', 'Editorial']);
  });

  it('equals engagement-2024-25.csv row for row', () => {
    expect(shown).toEqual(
      published.map((row) => ({
        agency: row.agency,
        groups: row.groups,
        review: cell(row.review_group_pct!),
        qag: cell(row.quality_assurance_group_pct!),
        editorial: cell(row.editorial_group_pct!),
      })),
    );
  });
});

describe('the 2024/25 income table', () => {
  const table = incomeTable(db, '2024/25');
  const published = readReferenceTable('income-2024-25.csv');

  it('has the published lines and amounts', () => {
    expect(table.lines.map((l) => [l.label, l.amountPence])).toEqual(published.map((row) => [row.source, Number(row.amount_gbp) * 100]));
    expect(table.totalPence).toBe(42_060_300);
  });

  it('shows shares within ±0.01 of the published ones, summing to exactly 100.00', () => {
    table.lines.forEach((line, index) => {
      expect(Math.abs(line.share - hundredths(published[index]!.published_share_pct!)), line.label).toBeLessThanOrEqual(1);
    });
    expect(sum(table.lines.map((l) => l.share))).toBe(10_000);
  });
});

describe('the 2024/25 expenditure table', () => {
  const table = expenditureTable(db, '2024/25');
  const published = readReferenceTable('expenditure-2024-25.csv');

  it('has the published categories and amounts', () => {
    expect(table.lines.map((l) => [l.label, l.amountPence])).toEqual(published.map((row) => [row.category, Number(row.amount_gbp) * 100]));
    expect(table.totalPence).toBe(42_060_300);
  });

  it('shows shares summing to exactly 100.00, each within 0.05 of the published one', () => {
    // The report rounds expenditure shares to 0.1 and its figures sum to 100.10, so ours
    // (two decimals, summing to 100.00) can only be close: 0.05 is half the report's step.
    expect(sum(published.map((row) => hundredths(row.published_share_pct!)))).toBe(10_010);
    table.lines.forEach((line, index) => {
      expect(Math.abs(line.share - hundredths(published[index]!.published_share_pct!)), line.label).toBeLessThanOrEqual(5);
    });
    expect(sum(table.lines.map((l) => l.share))).toBe(10_000);
  });
});

describe('the 2024/25 business plan', () => {
  it('was 86% delivered as at 31 March 2025', () => {
    const yearEnd = periodInstants(period, db.partnership.timeZone).end.toISOString();
    const actions = db.actions.filter((a) => a.planId === EXAMPLE_IDS.plans.year2024);
    expect(deliveryPercent(actions, yearEnd).percent).toBe(86);
  });
});
