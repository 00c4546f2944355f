import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, readReferenceTable, referenceDirectory } from './support/csv.js';

/** The original tables, beside the repository: `../shared/reference/` (present in CI). */
const originals = new URL('../../shared/reference/', import.meta.url);
const tables = ['engagement-2024-25.csv', 'income-2024-25.csv', 'expenditure-2024-25.csv'];

/** The CLI's own copies, for its export tests. */
const cliCopies = new URL('../packages/cli/test-fixtures/reference/', import.meta.url);

describe.skipIf(!existsSync(originals))('the copied reference tables', () => {
  it.each(tables)('%s is byte-for-byte the original', (name) => {
    expect(readFileSync(new URL(name, referenceDirectory)).equals(readFileSync(new URL(name, originals)))).toBe(true);
  });
});

describe.skipIf(!existsSync(originals))('the copied report excerpts', () => {
  it("the Impact of Executive Actions section core's challenge test reads is word for word the report's", () => {
    const excerpt = new URL('../packages/core/src/common/challenges/__fixtures__/impact-of-executive-actions-2024-25.json', import.meta.url);
    const { text } = JSON.parse(readFileSync(excerpt, 'utf8')) as { text: string };
    expect(text).toMatch(/^#### \*\*IMPACT OF EXECUTIVE ACTIONS\*\*\n/);
    expect(readFileSync(new URL('annual-report-2024-25.txt', originals), 'utf8')).toContain(text);
  });
});

describe('the CLI\'s copies of the reference tables', () => {
  it.each(['income-2024-25.csv', 'expenditure-2024-25.csv'])('%s is byte-for-byte the acceptance tests\' copy', (name) => {
    expect(readFileSync(new URL(name, cliCopies)).equals(readFileSync(new URL(name, referenceDirectory)))).toBe(true);
  });
});

describe('the reference tables', () => {
  it.each([
    ['income-2024-25.csv', 9],
    ['expenditure-2024-25.csv', 8],
  ])('%s totals the published £420,603 over %i lines', (name, lines) => {
    const rows = readReferenceTable(name);
    expect(rows).toHaveLength(lines);
    expect(rows.reduce((sum, row) => sum + Number(row.amount_gbp), 0)).toBe(420_603);
  });

  it('engagement-2024-25.csv has 18 rows of agency, groups and three percentages', () => {
    const rows = readReferenceTable('engagement-2024-25.csv');
    expect(rows).toHaveLength(18);
    for (const row of rows) expect(Object.keys(row)).toEqual(['agency', 'groups', 'review_group_pct', 'quality_assurance_group_pct', 'editorial_group_pct']);
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,,3\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', '', '3'],
    ]);
  });
});
