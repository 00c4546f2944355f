import { trainingReport } from '../../reporting/tables/training.js';
import { trainingFigures } from '../../training/trainingFigures.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';
import { chartOf } from './charts.js';

const count = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const points = (change: number) => `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change)} points`;

function rateSentence(name: string, rate: number | null, previous: number | null | undefined, change: number | null, previousLabel: string | undefined): string | null {
  if (rate === null) return null;
  if (previous === null || previous === undefined || change === null || previousLabel === undefined) return `${name} was ${rate}%.`;
  return `${name} was ${rate}% against ${previous}% in ${previousLabel} (${points(change)}).`;
}

function blocks(context: ReportContext): ReportBlock[] | null {
  const year = context.period.year.label;
  const figures = trainingFigures(context.db, year);
  if (figures.bookings === 0 && figures.elearning.completions === 0) return null;
  // The tables are ptrack export training's, so the report prints the very figures the export does.
  const report = trainingReport(context.db, year);
  const byTitle = new Map(report.tables.map((table) => [table.title, table] as const));
  const chosen = [`Training ${year}`, `Reasons for cancelling ${year}`, `Uptake by sector ${year}`, `eLearning by role ${year}`].flatMap((title) => {
    const table = byTitle.get(title);
    return table === undefined || table.rows.length === 0 ? [] : [table];
  });
  const previous = figures.previous;
  const sentences = [
    `In ${year} there were ${count(figures.bookings)} bookings on ${figures.courses} ${figures.courses === 1 ? 'course' : 'courses'} (${figures.sessions} sessions), and ${count(figures.elearning.completions)} eLearning completions.`,
    rateSentence('Attendance', figures.attendanceRate, previous?.attendanceRate, figures.attendanceChangePoints, previous?.label),
    rateSentence('The no-show and cancellation rate', figures.noShowAndCancellationRate, previous?.noShowAndCancellationRate, figures.noShowAndCancellationChangePoints, previous?.label),
  ].filter((sentence): sentence is string => sentence !== null);
  const out: ReportBlock[] = [{ kind: 'paragraph', text: sentences.join(' ') }];
  chosen.forEach((table, index) => out.push({ kind: 'table', table, ...(index === chosen.length - 1 && report.notes ? { notes: report.notes } : {}) }));
  const sectors = figures.bySector.filter((row) => row.bookings > 0);
  if (sectors.length > 0) out.push({ kind: 'chart', chart: chartOf(`Live-session bookings ${year} by sector (% of bookings)`, sectors.map((row) => ({ label: row.label, value: row.shareOfBookings }))) });
  return out;
}

/** Training and learning: bookings, attendance and cancellation against last year, reasons, uptake, eLearning. */
export const trainingSection: DataSection = {
  kind: 'data',
  id: 'training',
  title: 'Training and learning',
  build: blocks,
  noData: (context) => `No training is recorded for ${context.period.year.label} (ptrack import training-bookings, elearning).`,
};
