import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../base/dates.js';
import { unwrap } from '../../base/result.js';
import { examplePartnership } from '../../example/examplePartnership.js';
import { COVERAGE_KEY, engagementCellValue, engagementReport, ENGAGEMENT_KEY } from './engagement.js';

const db = examplePartnership();
const q3 = unwrap(parsePeriod('2024/25 Q3'));

describe('engagementReport', () => {
  it('shows a percentage per subgroup, "—" where the agency is not a member and "n/a" where nothing was held', () => {
    const table = engagementReport(db, q3).tables[0]!;
    expect(table.columns.map((c) => [c.header, c.type])).toEqual([
      ['Agency', 'text'],
      ['Group participation', 'text'],
      ['Review Group', 'percent'],
      ['Quality Assurance Group', 'percent'],
      ['Editorial Group', 'percent'],
    ]);
    const colleges = table.rows.find((r) => r.agency === 'Colleges')!;
    expect([colleges['review-group'], colleges['quality-assurance-group']]).toEqual(['—', 100]);
    const council = table.rows.find((r) => r.agency === "Croydon Council: Children's Social Care")!;
    expect([council['quality-assurance-group'], council['editorial-group']]).toEqual([200, 'n/a']);
  });

  it('notes how many meetings each subgroup held and what the markers mean', () => {
    expect(engagementReport(db, q3).notes).toEqual(['Meetings held: Review Group 1, Quality Assurance Group 1, Editorial Group 0.', ENGAGEMENT_KEY]);
  });

  it('has one percentage column when asked for one subgroup', () => {
    const report = engagementReport(db, q3, 'quality-assurance-group');
    expect(report.title).toBe('Engagement 2024/25 Q3');
    expect(report.tables[0]!.columns.map((c) => c.header)).toEqual(['Agency', 'Group participation', 'Quality Assurance Group']);
  });
});

describe('seat coverage beside engagement (issue 17)', () => {
  it('is its own table with --measure coverage: the share of expected seats filled, never over 100%', () => {
    const report = engagementReport(db, q3, undefined, 'coverage');
    expect(report.title).toBe('Seat coverage 2024/25 Q3');
    const table = report.tables[0]!;
    const council = table.rows.find((r) => r.agency === "Croydon Council: Children's Social Care")!;
    // Two attended where one seat was expected: 200% engagement, but the seat is simply filled.
    expect([council['quality-assurance-group'], council['editorial-group']]).toEqual([100, 'n/a']);
    expect(table.rows.find((r) => r.agency === 'Colleges')!['review-group']).toBe('—');
    expect(report.notes).toContain(COVERAGE_KEY);
  });

  it('follows the engagement table with both', () => {
    const report = engagementReport(db, q3, undefined, 'both');
    expect(report.tables.map((t) => t.title)).toEqual(['Engagement 2024/25 Q3', 'Seat coverage 2024/25 Q3']);
    expect(report.notes).toEqual(['Meetings held: Review Group 1, Quality Assurance Group 1, Editorial Group 0.', ENGAGEMENT_KEY, COVERAGE_KEY]);
  });
});

describe('engagementCellValue', () => {
  it.each([
    ['a missing cell', undefined, '—'],
    ['a non-member', { kind: 'non-member' } as const, '—'],
    ['a group that held nothing', { kind: 'no-meetings' } as const, 'n/a'],
    ['an attendance', { kind: 'value', percent: 133, attendances: 4, meetingsHeld: 3, seatCoverage: 100 } as const, 133],
  ])('shows %s as %j', (_name, cell, value) => {
    expect(engagementCellValue(cell)).toBe(value);
  });
});
