import { describe, expect, it } from 'vitest';
import { examplePartnership } from '../../example/examplePartnership.js';
import { writeMarkdown } from '../render/markdown.js';
import { trainingReport } from './training.js';

const db = examplePartnership();

describe('trainingReport', () => {
  const report = trainingReport(db, '2024/25');

  it('prints the headline figures beside last year, with the change in percentage points', () => {
    const summary = report.tables[0]!;
    const row = (measure: string) => summary.rows.find((r) => r.measure === measure);
    expect(summary.columns.map((c) => c.header)).toEqual(['Measure', '2024/25', '2023/24', 'Change (percentage points)']);
    expect(row('In-person bookings')).toMatchObject({ value: 526 });
    expect(row('Courses')).toMatchObject({ value: 11 });
    expect(row('Attendance rate (%)')).toEqual({ measure: 'Attendance rate (%)', value: 59, previous: 72, change: -13 });
    expect(row('No-shows and cancellations (%)')).toEqual({ measure: 'No-shows and cancellations (%)', value: 35, previous: 28, change: 7 });
  });

  it('has the tables an annual report\'s training section needs, and says which sectors are under-represented', () => {
    expect(report.tables.map((t) => t.title)).toEqual([
      'Training 2024/25',
      'Bookings by quarter 2024/25',
      'Bookings by course 2024/25',
      'Reasons for cancelling 2024/25',
      'Uptake by agency 2024/25',
      'Uptake by sector 2024/25',
      'eLearning by role 2024/25',
      'eLearning by module 2024/25',
    ]);
    expect(report.tables[1]!.total).toMatchObject({ label: 'Total', bookings: 526, attended: 310, attendanceRate: 59, noShowAndCancellationRate: 35 });
    expect(report.notes).toContain('2023/24: the rates as published, from before the bookings were imported.');
    expect(report.notes).toContain('Under-represented in live sessions (under 2% of the bookings): Housing, Probation, Sports & Recreation.');
  });

  it('writes n/a, not a zero, for a year with no training', () => {
    const markdown = writeMarkdown(trainingReport(db, '2019/20'));
    expect(markdown).toContain('| Attendance rate (%) | n/a | n/a | n/a |');
  });
});
