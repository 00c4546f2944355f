import type { Database } from '../../store/database.js';
import { trainingFigures, UNDER_REPRESENTED_BELOW_PERCENT, type BookingCounts, type ElearningRow, type TrainingFigures, type UptakeRow } from '../../training/trainingFigures.js';
import type { Column, Report, Row, Table } from '../table.js';

const countColumns: Column[] = [
  { key: 'bookings', header: 'Bookings', type: 'integer' },
  { key: 'attended', header: 'Attended', type: 'integer' },
  { key: 'noShows', header: 'No-shows', type: 'integer' },
  { key: 'cancelledByAttendee', header: 'Cancelled by attendee', type: 'integer' },
  { key: 'cancelledByTrainer', header: 'Cancelled by trainer', type: 'integer' },
  { key: 'attendanceRate', header: 'Attendance rate', type: 'percent' },
  { key: 'noShowAndCancellationRate', header: 'No-shows and cancellations', type: 'percent' },
];

const countCells = (counts: BookingCounts): Row => ({
  bookings: counts.bookings,
  attended: counts.attended,
  noShows: counts.noShows,
  cancelledByAttendee: counts.cancelledByAttendee,
  cancelledByTrainer: counts.cancelledByTrainer,
  attendanceRate: counts.attendanceRate ?? 'n/a',
  noShowAndCancellationRate: counts.noShowAndCancellationRate ?? 'n/a',
});

/** A change in percentage points, a number so spreadsheets can use it; n/a without last year. */
const points = (value: number | null): number | string => value ?? 'n/a';

/** The headline figures, with last year beside them and the change in percentage points. */
function summaryTable(figures: TrainingFigures): Table {
  const previous = figures.previous;
  const last = previous?.label ?? 'Last year';
  const rate = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : value);
  return {
    title: `Training ${figures.year}`,
    columns: [
      { key: 'measure', header: 'Measure', type: 'text' },
      { key: 'value', header: figures.year, type: 'integer' },
      { key: 'previous', header: last, type: 'integer' },
      { key: 'change', header: 'Change (percentage points)', type: 'integer' },
    ],
    rows: [
      { measure: 'In-person bookings', value: figures.bookings, previous: null, change: null },
      { measure: 'Courses', value: figures.courses, previous: null, change: null },
      { measure: 'Sessions', value: figures.sessions, previous: null, change: null },
      { measure: 'Sessions cancelled by the trainer', value: figures.sessionsCancelledByTrainer, previous: null, change: null },
      { measure: 'Attendance rate (%)', value: rate(figures.attendanceRate), previous: rate(previous?.attendanceRate), change: points(figures.attendanceChangePoints) },
      {
        measure: 'No-shows and cancellations (%)',
        value: rate(figures.noShowAndCancellationRate),
        previous: rate(previous?.noShowAndCancellationRate),
        change: points(figures.noShowAndCancellationChangePoints),
      },
      { measure: 'eLearning completions', value: figures.elearning.completions, previous: null, change: null },
      { measure: 'eLearning pass rate (%)', value: figures.elearning.passRate === null ? 'n/a' : Math.round(figures.elearning.passRate), previous: null, change: null },
    ],
  };
}

function uptakeTable(title: string, header: string, rows: readonly UptakeRow[]): Table {
  return {
    title,
    columns: [
      { key: 'label', header, type: 'text' },
      ...countColumns.slice(0, 2),
      { key: 'attendanceRate', header: 'Attendance rate', type: 'percent' },
      { key: 'share', header: 'Share of bookings', type: 'percent' },
      { key: 'elearning', header: 'eLearning completions', type: 'integer' },
    ],
    rows: rows.map((row) => ({
      label: row.label,
      bookings: row.bookings,
      attended: row.attended,
      attendanceRate: row.attendanceRate ?? 'n/a',
      share: row.shareOfBookings ?? 'n/a',
      elearning: row.elearningCompletions,
    })),
  };
}

function elearningTable(title: string, header: string, rows: readonly ElearningRow[]): Table {
  const na = (value: number | null) => value ?? 'n/a';
  return {
    title,
    columns: [
      { key: 'label', header, type: 'text' },
      { key: 'completions', header: 'Completions', type: 'integer' },
      { key: 'share', header: '% of total completions', type: 'percent' },
      { key: 'passRate', header: 'Pass rate', type: 'percentTenths' },
      { key: 'firstTime', header: 'First-time pass rate', type: 'percent' },
      { key: 'attempts', header: 'Average attempts', type: 'text' },
    ],
    rows: rows.map((row) => ({
      label: row.label,
      completions: row.completions,
      share: na(row.shareOfCompletions),
      passRate: na(row.passRate),
      firstTime: na(row.firstTimePassRate),
      attempts: row.averageAttempts === null ? 'n/a' : row.averageAttempts.toFixed(2),
    })),
  };
}

/** The notes under the training tables: what the rates mean, and where last year's came from. */
function trainingNotes(figures: TrainingFigures): string[] {
  const notes = [
    'Attendance rate = attended ÷ bookings; no-shows and cancellations = (no-shows + bookings the attendee cancelled) ÷ bookings. Bookings on sessions the trainer cancelled count in neither.',
    'Changes from last year are percentage points between the rates as printed (59% after 72% is −13).',
  ];
  if (figures.previous?.source === 'published') notes.push(`${figures.previous.label}: the rates as published, from before the bookings were imported.`);
  notes.push(
    figures.underRepresentedSectors.length === 0
      ? `No sector had under ${UNDER_REPRESENTED_BELOW_PERCENT}% of the bookings.`
      : `Under-represented in live sessions (under ${UNDER_REPRESENTED_BELOW_PERCENT}% of the bookings): ${figures.underRepresentedSectors.join(', ')}.`,
  );
  return notes;
}

/**
 * The training section of an annual report for a financial year: the headline figures with the
 * change from last year, bookings by quarter and course, the attendees' cancellation reasons,
 * uptake by agency and sector, and eLearning by role and module.
 */
export function trainingReport(db: Database, year: string): Report {
  const figures = trainingFigures(db, year);
  const label = (header: string): Column => ({ key: 'label', header, type: 'text' });
  return {
    title: `Training ${year}`,
    tables: [
      summaryTable(figures),
      { title: `Bookings by quarter ${year}`, columns: [label('Quarter'), ...countColumns], rows: figures.byQuarter.map((q) => ({ label: q.label, ...countCells(q) })), total: { label: 'Total', ...countCells(figures) } },
      { title: `Bookings by course ${year}`, columns: [label('Course'), ...countColumns], rows: figures.byCourse.map((c) => ({ label: c.label, ...countCells(c) })) },
      {
        title: `Reasons for cancelling ${year}`,
        columns: [label('Reason'), { key: 'count', header: 'Cancellations', type: 'integer' }],
        rows: figures.reasons.map((r) => ({ label: r.reason, count: r.count })),
      },
      uptakeTable(`Uptake by agency ${year}`, 'Agency or organisation', figures.byAgency),
      uptakeTable(`Uptake by sector ${year}`, 'Sector', figures.bySector),
      elearningTable(`eLearning by role ${year}`, 'Role', figures.elearning.byRole),
      elearningTable(`eLearning by module ${year}`, 'Module', figures.elearning.byModule),
    ],
    notes: trainingNotes(figures),
  };
}
