import { examplePartnership } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { readReferenceTable } from './support/csv.js';

// The example's records against the published tables, read from the fixture files. The
// calculations on top of them are checked in acceptance.test.ts.
const db = examplePartnership();
const pence = (pounds: string) => Math.round(Number(pounds) * 100);

describe('the example partnership holds the published 2024/25 records', () => {
  it('has income-2024-25.csv line for line', () => {
    const label = (c: (typeof db.contributions)[number]) => c.label ?? db.agencies.find((a) => a.id === c.agencyId)?.name ?? c.source;
    const lines = db.contributions.filter((c) => c.financialYear === '2024/25').map((c) => ({ source: label(c), amountPence: c.amountPence }));
    expect(lines).toEqual(readReferenceTable('income-2024-25.csv').map((row) => ({ source: row.source, amountPence: pence(row.amount_gbp!) })));
  });

  it('has expenditure-2024-25.csv line for line', () => {
    const lines = db.expenditure.filter((e) => e.financialYear === '2024/25').map((e) => ({ category: e.category, amountPence: e.amountPence }));
    expect(lines).toEqual(readReferenceTable('expenditure-2024-25.csv').map((row) => ({ category: row.category, amountPence: pence(row.amount_gbp!) })));
  });

  it('registers every agency of engagement-2024-25.csv, in its row order', () => {
    const names = readReferenceTable('engagement-2024-25.csv').map((row) => row.agency).filter((name) => name !== 'Guest');
    const registered = db.agencies.map((a) => a.name).filter((name) => names.includes(name));
    expect(registered).toEqual(names);
  });
});
