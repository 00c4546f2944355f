import { readFileSync } from 'node:fs';
import {
  actionsReport,
  attendanceRegister,
  engagementReport,
  expenditureReport,
  fundingReport,
  incomeReport,
  parsePeriod,
  unwrap,
  writeMarkdown,
} from '@partnership-tracker/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importExamples } from '../__fixtures__/examples.js';

const year = unwrap(parsePeriod('2024/25'));
const reference = (name: string) => parse(readFileSync(new URL(`../../test-fixtures/reference/${name}`, import.meta.url), 'utf8'), { columns: true }) as Record<string, string>[];

describe('the export tables of the example files', () => {
  it('engagement shows each member agency with "—" where it is not a member', () => {
    expect(writeMarkdown(engagementReport(importExamples().db, year))).toMatchSnapshot();
  });

  it('engagement for one subgroup has one percentage column', () => {
    const report = engagementReport(importExamples().db, year, 'quality-assurance-group');
    expect(report.tables[0]!.columns.map((c) => c.header)).toEqual(['Agency', 'Group participation', 'Quality Assurance Group']);
  });

  it("income reproduces the annual report's income table, shares within 0.01 of the published ones", () => {
    const table = incomeReport(importExamples().db, '2024/25').tables[0]!;
    const published = reference('income-2024-25.csv');
    expect(table.rows.map((r) => r.label)).toEqual(published.map((p) => p.source));
    expect(table.rows.map((r) => r.amount)).toEqual(published.map((p) => Number(p.amount_gbp) * 100));
    table.rows.forEach((row, index) => expect(Math.abs((row.share as number) - Number(published[index]!.published_share_pct) * 100)).toBeLessThanOrEqual(1));
    expect(table.rows.reduce((sum, r) => sum + (r.share as number), 0)).toBe(10_000);
  });

  it("expenditure reproduces the annual report's spending table", () => {
    const table = expenditureReport(importExamples().db, '2024/25').tables[0]!;
    expect(table.rows.map((r) => [r.label, r.amount])).toEqual(reference('expenditure-2024-25.csv').map((p) => [p.category, Number(p.amount_gbp) * 100]));
  });

  it('funding adds the balance, rollups and, with --compare, the change per line', () => {
    expect(writeMarkdown(fundingReport(importExamples().db, '2025/26', '2024/25'))).toMatchSnapshot();
  });

  it('actions carry owner, due date, status, RAG as at a day, progress and the last update', () => {
    expect(writeMarkdown(actionsReport(importExamples().db, { today: '2025-11-01' }))).toMatchSnapshot();
  });

  it('the register lists each attendee under their agency, deputies under the agency they stood in for', () => {
    const register = attendanceRegister(importExamples().db, { period: unwrap(parsePeriod('2024/25 Q2')), subgroupId: 'review-group' });
    expect(register.tables[0]!.rows.map((r) => [r.date, r.agency, r.person, r.status, r.deputisingFor])).toMatchInlineSnapshot(`
      [
        [
          "2024-09-10",
          "Chair (Named Person)",
          "Independent Chair",
          "present",
          null,
        ],
        [
          "2024-09-10",
          "Croydon Council: Quality Assurance",
          "Head of Quality Assurance",
          "present",
          null,
        ],
        [
          "2024-09-10",
          "Croydon Health Service NHS",
          "Named Nurse",
          "present",
          null,
        ],
        [
          "2024-09-10",
          "Independent Scrutineer",
          "Independent Scrutineer",
          "apologies",
          null,
        ],
        [
          "2024-09-10",
          "Metropolitan Police",
          "Detective Superintendent",
          "present",
          null,
        ],
        [
          "2024-09-10",
          "NHS Southwest London Integrated Care Board",
          "Deputy Designated Nurse",
          "present",
          "Designated Nurse",
        ],
        [
          "2024-09-10",
          "Guest",
          "Family Justice Observer",
          "present",
          null,
        ],
      ]
    `);
  });
});
