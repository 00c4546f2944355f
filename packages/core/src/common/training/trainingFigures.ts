import { SECTOR_LABELS, type Agency, type Sector } from '../agencies/agency.js';
import { financialYear, financialYearOfDate, parseFinancialYear, quarterOfDate, type YearStart } from '../base/dates.js';
import { nameKey } from '../base/names.js';
import { roundHalfUp } from '../base/rounding.js';
import type { Database } from '../store/database.js';
import type { TrainingBooking } from './training.js';

/**
 * Sectors with less than this share of a year's live-session bookings (in per cent) are
 * under-represented: the report's "Housing, Probation, and Sports & Recreation were
 * underrepresented in live sessions".
 */
export const UNDER_REPRESENTED_BELOW_PERCENT = 2;

/** A year's booking counts, and the rates an annual report prints from them. */
export interface BookingCounts {
  readonly bookings: number;
  readonly attended: number;
  readonly noShows: number;
  readonly cancelledByAttendee: number;
  readonly cancelledByTrainer: number;
  /** attended ÷ bookings, a whole percentage (null with no bookings). */
  readonly attendanceRate: number | null;
  /** (no-shows + the attendees' own cancellations) ÷ bookings, a whole percentage. */
  readonly noShowAndCancellationRate: number | null;
}

/** One row of uptake: an agency (or organisation, or sector) with its bookings and eLearning. */
export interface UptakeRow extends BookingCounts {
  readonly label: string;
  /** Share of the year's bookings, a whole percentage. */
  readonly shareOfBookings: number | null;
  readonly elearningCompletions: number;
}

/** eLearning results of one role (or module) in a year, as the report's table prints them. */
export interface ElearningRow {
  readonly label: string;
  readonly completions: number;
  /** Share of all completions, a whole percentage. */
  readonly shareOfCompletions: number | null;
  /** Passed ÷ completions, in per cent to one decimal place (99.1). */
  readonly passRate: number | null;
  /** Passed at the first attempt ÷ completions, a whole percentage. */
  readonly firstTimePassRate: number | null;
  /** Attempts ÷ completions, to two decimal places (1.02). */
  readonly averageAttempts: number | null;
}

/** Last year's rates, from its bookings or (kept in an earlier system) its published baseline. */
export interface PreviousYear {
  readonly label: string;
  readonly source: 'bookings' | 'published';
  readonly attendanceRate: number | null;
  readonly noShowAndCancellationRate: number | null;
}

/** Everything an annual report says about a year's training. */
export interface TrainingFigures extends BookingCounts {
  readonly year: string;
  /** In-person courses with at least one booking in the year. */
  readonly courses: number;
  readonly sessions: number;
  /** Sessions the trainer called off (every booking on them cancelled by the trainer). */
  readonly sessionsCancelledByTrainer: number;
  readonly previous: PreviousYear | null;
  /** This year's rate less last year's, in percentage points (59% after 72% is −13), from the rates as printed. */
  readonly attendanceChangePoints: number | null;
  readonly noShowAndCancellationChangePoints: number | null;
  /** The attendees' cancellation reasons, most given first. */
  readonly reasons: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
  readonly byQuarter: ReadonlyArray<BookingCounts & { readonly label: string }>;
  readonly byCourse: ReadonlyArray<BookingCounts & { readonly label: string }>;
  readonly byAgency: readonly UptakeRow[];
  readonly bySector: readonly UptakeRow[];
  /** Sectors with under `UNDER_REPRESENTED_BELOW_PERCENT`% of the live bookings, that train or sit in the register. */
  readonly underRepresentedSectors: readonly string[];
  readonly elearning: {
    readonly completions: number;
    readonly passed: number;
    readonly passRate: number | null;
    readonly byRole: readonly ElearningRow[];
    readonly byModule: readonly ElearningRow[];
  };
}


/** A register sector as a training table names it. */
export function sectorLabel(sector: Sector): string {
  return SECTOR_LABELS[sector];
}

const percentOf = (count: number, of: number): number | null => (of === 0 ? null : roundHalfUp(count, of));

/** Counts a set of bookings and works out its rates. */
export function countBookings(bookings: readonly TrainingBooking[]): BookingCounts {
  let attended = 0;
  let noShows = 0;
  let cancelledByAttendee = 0;
  let cancelledByTrainer = 0;
  for (const booking of bookings) {
    if (booking.outcome === 'attended') attended++;
    else if (booking.outcome === 'no-show') noShows++;
    else if (booking.outcome === 'cancelled-by-attendee') cancelledByAttendee++;
    else cancelledByTrainer++;
  }
  const total = bookings.length;
  return {
    bookings: total,
    attended,
    noShows,
    cancelledByAttendee,
    cancelledByTrainer,
    attendanceRate: percentOf(attended, total),
    noShowAndCancellationRate: percentOf(noShows + cancelledByAttendee, total),
  };
}

/** Groups values by a label compared as people mean it, keeping the first spelling seen. */
function groupBy<T>(items: readonly T[], labelOf: (item: T) => string): Array<{ label: string; items: T[] }> {
  const groups = new Map<string, { label: string; items: T[] }>();
  for (const item of items) {
    const label = labelOf(item);
    const key = nameKey(label);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { label, items: [] }));
    group.items.push(item);
  }
  return [...groups.values()];
}

type Placed = { readonly agencyId: string | null; readonly organisation: string | null; readonly sector: string | null };

/** Who a booking or a result counts for: its agency in the register, else the organisation recorded. */
function agencyLabel(agencies: ReadonlyMap<string, Agency>, record: Placed): string {
  if (record.agencyId !== null) return agencies.get(record.agencyId)?.name ?? record.agencyId;
  return record.organisation ?? 'Not recorded';
}

/** The sector a booking or a result counts for: as the learning system recorded it, else the agency's. */
function sectorOf(agencies: ReadonlyMap<string, Agency>, record: Placed): string {
  if (record.sector !== null) return record.sector;
  const agency = record.agencyId === null ? undefined : agencies.get(record.agencyId);
  return agency === undefined ? 'Not recorded' : sectorLabel(agency.sector);
}

/** The financial year labels a database holds training for: any booking, eLearning result or baseline. */
export function trainingYears(db: Database): string[] {
  const yearStart = db.partnership.financialYearStart;
  const years = new Set<string>([
    ...db.trainingBookings.map((b) => financialYearOfDate(b.sessionDate, yearStart).label),
    ...db.elearningResults.map((r) => r.financialYear),
    ...db.trainingBaselines.map((b) => b.financialYear),
  ]);
  return [...years].sort();
}

function bookingsOfYear(db: Database, year: string, yearStart: YearStart): TrainingBooking[] {
  return db.trainingBookings.filter((b) => financialYearOfDate(b.sessionDate, yearStart).label === year);
}

function previousYear(db: Database, year: string): PreviousYear | null {
  const parsed = parseFinancialYear(year);
  if (!parsed.success) return null;
  const label = financialYear(parsed.data.startYear - 1).label;
  const bookings = bookingsOfYear(db, label, db.partnership.financialYearStart);
  if (bookings.length > 0) {
    const counts = countBookings(bookings);
    return { label, source: 'bookings', attendanceRate: counts.attendanceRate, noShowAndCancellationRate: counts.noShowAndCancellationRate };
  }
  const baseline = db.trainingBaselines.find((b) => b.financialYear === label);
  if (baseline === undefined) return null;
  return { label, source: 'published', attendanceRate: baseline.attendanceRate, noShowAndCancellationRate: baseline.noShowAndCancellationRate };
}

const change = (now: number | null, before: number | null | undefined): number | null => (now === null || before === null || before === undefined ? null : now - before);

function elearningRows<T extends { completions: number; passed: number; passedFirstTime: number; attempts: number }>(groups: Array<{ label: string; items: T[] }>, total: number): ElearningRow[] {
  return groups
    .map(({ label, items }) => {
      const sum = (pick: (r: T) => number) => items.reduce((n, r) => n + pick(r), 0);
      const completions = sum((r) => r.completions);
      const passed = sum((r) => r.passed);
      return {
        label,
        completions,
        shareOfCompletions: percentOf(completions, total),
        passRate: completions === 0 ? null : roundHalfUp(passed, completions, 1000) / 10,
        firstTimePassRate: percentOf(sum((r) => r.passedFirstTime), completions),
        averageAttempts: completions === 0 ? null : roundHalfUp(sum((r) => r.attempts), completions) / 100,
      };
    })
    .sort((a, b) => b.completions - a.completions || a.label.localeCompare(b.label));
}

/**
 * A year's training figures as annual reports print them: bookings, courses, attendance and
 * no-show-and-cancellation rates with their change from last year in percentage points, the
 * attendees' reasons for cancelling, uptake by agency and sector, the sectors under-represented
 * in live sessions, and eLearning completions and pass rates by role and module.
 */
export function trainingFigures(db: Database, year: string, options: { underRepresentedBelow?: number } = {}): TrainingFigures {
  const yearStart = db.partnership.financialYearStart;
  const agencies = new Map(db.agencies.map((a) => [a.id, a]));
  const courses = new Map(db.trainingCourses.map((c) => [c.id, c]));
  const bookings = bookingsOfYear(db, year, yearStart);
  const results = db.elearningResults.filter((r) => r.financialYear === year);
  const counts = countBookings(bookings);
  const previous = previousYear(db, year);

  const sessions = groupBy(bookings, (b) => `${b.courseId} ${b.sessionId}`);
  const reasons = groupBy(
    bookings.filter((b) => b.outcome === 'cancelled-by-attendee'),
    (b) => b.reason ?? 'No reason given',
  )
    .map(({ label, items }) => ({ reason: label, count: items.length }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));

  const uptake = (groups: Array<{ label: string; items: TrainingBooking[] }>, completionsOf: (label: string) => number): UptakeRow[] =>
    groups
      .map(({ label, items }) => ({ label, ...countBookings(items), shareOfBookings: percentOf(items.length, bookings.length), elearningCompletions: completionsOf(label) }))
      .sort((a, b) => b.bookings - a.bookings || b.elearningCompletions - a.elearningCompletions || a.label.localeCompare(b.label));

  // Organisations and sectors that only did eLearning still get a row, with no bookings.
  const withElearningOnly = (bookingGroups: Array<{ label: string; items: TrainingBooking[] }>, labelOf: (r: Placed) => string) => {
    const known = new Set(bookingGroups.map((g) => nameKey(g.label)));
    const extra = groupBy(results, labelOf).filter((g) => !known.has(nameKey(g.label)));
    return [...bookingGroups, ...extra.map((g) => ({ label: g.label, items: [] as TrainingBooking[] }))];
  };
  const completionsBy = (labelOf: (r: Placed) => string) => {
    const totals = new Map<string, number>();
    for (const result of results) totals.set(nameKey(labelOf(result)), (totals.get(nameKey(labelOf(result))) ?? 0) + result.completions);
    return (label: string) => totals.get(nameKey(label)) ?? 0;
  };
  const byAgencyLabel = (r: Placed) => agencyLabel(agencies, r);
  const bySectorLabel = (r: Placed) => sectorOf(agencies, r);
  const byAgency = uptake(withElearningOnly(groupBy(bookings, byAgencyLabel), byAgencyLabel), completionsBy(byAgencyLabel));
  // A sector in the register that nobody trained from is the most under-represented of all.
  const registerSectors = db.agencies.filter((a) => a.kind === 'organisation').map((a) => ({ agencyId: a.id, organisation: null, sector: null }));
  const sectorGroups = withElearningOnly(groupBy(bookings, bySectorLabel), bySectorLabel);
  const knownSectors = new Set(sectorGroups.map((g) => nameKey(g.label)));
  for (const { label } of groupBy(registerSectors, bySectorLabel)) {
    if (!knownSectors.has(nameKey(label))) sectorGroups.push({ label, items: [] });
  }
  const bySector = uptake(sectorGroups, completionsBy(bySectorLabel));
  const threshold = options.underRepresentedBelow ?? UNDER_REPRESENTED_BELOW_PERCENT;
  const underRepresentedSectors =
    bookings.length === 0
      ? []
      : bySector
          .filter((row) => row.label !== 'Not recorded' && row.bookings * 100 < threshold * bookings.length)
          .map((row) => row.label)
          .sort((a, b) => a.localeCompare(b));

  const completions = results.reduce((n, r) => n + r.completions, 0);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const inPersonCourses = new Set(bookings.map((b) => b.courseId).filter((id) => courses.get(id)?.delivery !== 'elearning'));
  const quarterLabel = (b: TrainingBooking) => `Q${quarterOfDate(b.sessionDate, yearStart).quarter}`;

  return {
    year,
    ...counts,
    courses: inPersonCourses.size,
    sessions: sessions.length,
    sessionsCancelledByTrainer: sessions.filter((s) => s.items.every((b) => b.outcome === 'cancelled-by-trainer')).length,
    previous,
    attendanceChangePoints: change(counts.attendanceRate, previous?.attendanceRate),
    noShowAndCancellationChangePoints: change(counts.noShowAndCancellationRate, previous?.noShowAndCancellationRate),
    reasons,
    byQuarter: groupBy(bookings, quarterLabel)
      .map(({ label, items }) => ({ label, ...countBookings(items) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    byCourse: groupBy(bookings, (b) => courses.get(b.courseId)?.title ?? b.courseId)
      .map(({ label, items }) => ({ label, ...countBookings(items) }))
      .sort((a, b) => b.attended - a.attended || b.bookings - a.bookings || a.label.localeCompare(b.label)),
    byAgency,
    bySector,
    underRepresentedSectors,
    elearning: {
      completions,
      passed,
      passRate: completions === 0 ? null : roundHalfUp(passed, completions, 1000) / 10,
      byRole: elearningRows(groupBy(results, (r) => r.role), completions),
      byModule: elearningRows(groupBy(results, (r) => courses.get(r.courseId)?.title ?? r.courseId), completions),
    },
  };
}
