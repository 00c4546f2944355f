import { annualReport, examplePartnership, parsePeriod, renderReportHtml, renderReportMarkdown, unwrap, type Period } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { readReferenceTable } from './support/csv.js';

// Issue 16's "done when": the annual report, in each format, holds the example partnership's
// published engagement, income and expenditure tables (test/fixtures/reference), its 86%
// delivery, its "what we said / what we delivered" rows and its carried-over actions.
const db = examplePartnership();
const period = unwrap(parsePeriod('2024/25')) as Period & { kind: 'year' };
const report = annualReport(db, { period, now: '2026-11-20T09:00:00Z' });
const markdown = renderReportMarkdown(report);
const html = renderReportHtml(report);

const percent = (value: string) => (value === '' ? '—' : `${value}%`);
const pounds = (value: string) => `£${Number(value).toLocaleString('en-GB')}`;
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Shares are in hundredths of a per cent; the published ones are percentages to 0.01 (income) or 0.1 (expenditure). */
const close = (shown: string, published: string, step: number) => Math.abs(Number(shown.replace('%', '')) - Number(published)) <= step / 2 + 1e-9;

const engagement = readReferenceTable('engagement-2024-25.csv');
const income = readReferenceTable('income-2024-25.csv');
const expenditure = readReferenceTable('expenditure-2024-25.csv');

/** The rows of the Markdown table printed under a bold title, as cells. */
function markdownRows(title: string): string[][] {
  const start = markdown.indexOf(`**${title}**\n\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const lines = markdown.slice(start).split('\n\n')[1]!.split('\n');
  return lines.slice(2).map((line) => line.slice(2, -2).split(' | '));
}

describe('the annual report in Markdown', () => {
  it('holds the published engagement table row for row', () => {
    expect(markdownRows('Engagement 2024/25')).toEqual(
      engagement.map((row) => [row.agency!, row.groups!, percent(row.review_group_pct!), percent(row.quality_assurance_group_pct!), percent(row.editorial_group_pct!)]),
    );
  });

  it.each([
    ['Income 2024/25', income, 'source', 1],
    ['Expenditure 2024/25', expenditure, 'category', 10],
  ] as const)('holds the published %s lines and amounts, with shares within the published rounding', (title, published, label, step) => {
    const rows = markdownRows(title);
    expect(rows.slice(0, -1).map(([line, amount]) => [line, amount])).toEqual(published.map((row) => [row[label]!, pounds(row.amount_gbp!)]));
    rows.slice(0, -1).forEach(([line, , share], index) => expect(close(share!, published[index]!.published_share_pct!, step), line).toBe(true));
    expect(rows.at(-1)).toEqual(['**Total**', '**£420,603**', '**100.00%**']);
  });

  it('gives the 86% delivery, the nine commitments and the seven carried-over actions', () => {
    expect(markdown).toContain('86% of CSCP Business Plan 2024/25 was delivered at 31/03/2025: 43 of its 50 actions were complete');
    expect(markdownRows('What we said / what we delivered: CSCP Business Plan 2024/25')).toHaveLength(9);
    expect(markdownRows('Carried over to CSCP Business Plan 2025–27').map((row) => [row[0], row[3]])).toEqual([
      ['A-2', 'B-1'],
      ['A-20', 'B-2'],
      ['A-25', 'B-3'],
      ['A-27', 'B-4'],
      ['A-37', 'B-5'],
      ['A-38', 'B-6'],
      ['A-45', 'B-7'],
    ]);
  });
});

describe('the annual report in HTML', () => {
  it('holds the published engagement table row for row, each agency the header of its row', () => {
    for (const row of engagement) {
      const cells = [row.review_group_pct!, row.quality_assurance_group_pct!, row.editorial_group_pct!].map((v) => `<td class="number">${percent(v)}</td>`).join('');
      expect(html).toContain(`<tr><th scope="row">${escape(row.agency!)}</th><td>${escape(row.groups!)}</td>${cells}</tr>`);
    }
  });

  it('holds the published income and expenditure lines and amounts', () => {
    for (const row of income) expect(html).toMatch(new RegExp(`<tr><th scope="row">${escape(row.source!).replace(/[()]/g, '\\$&')}</th><td class="number">${pounds(row.amount_gbp!)}</td><td class="number">\\d+\\.\\d\\d%</td></tr>`));
    for (const row of expenditure) expect(html).toMatch(new RegExp(`<tr><th scope="row">${escape(row.category!).replace(/[()/]/g, '\\$&')}</th><td class="number">${pounds(row.amount_gbp!)}</td><td class="number">\\d+\\.\\d\\d%</td></tr>`));
  });

  it('gives the 86% delivery and the carried-over actions', () => {
    expect(html).toContain('<tfoot><tr><th scope="row">Overall</th><td class="number">43</td><td class="number">50</td><td class="number">86%</td></tr></tfoot>');
    expect(html).toContain('<tr><th scope="row" class="reference">A-45</th><td>Introduce a tiered, fee-based training model</td><td class="number">75%</td><td class="reference">B-7</td>');
  });
});
