import { daysBetween, parsePeriod, periodDates, periodLabel, type DateRange, type Period, type YearStart } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import type { Agency } from '../agencies/agency.js';
import type { Database } from '../store/database.js';
import { responseId, type ReturnRequest, type ReturnResponse } from './returnRequest.js';

/**
 * Where an agency stands with one return, as the compliance table shows it: received by the due
 * date, received `days` calendar days after it, received in part (or sent back, until sent
 * again), not received though due, not due yet, or not asked.
 */
export type ComplianceStatus =
  | { readonly kind: 'on-time' }
  | { readonly kind: 'late'; readonly days: number }
  | { readonly kind: 'partial'; readonly missing: readonly string[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-due' }
  | { readonly kind: 'not-asked' };

/** How the table writes a status: `On time`, `Late 12 days`, `Partial`, `Missing`, `Not yet due`, `—`. */
export function complianceLabel(status: ComplianceStatus): string {
  switch (status.kind) {
    case 'on-time':
      return 'On time';
    case 'late':
      return `Late ${status.days} ${status.days === 1 ? 'day' : 'days'}`;
    case 'partial':
      return 'Partial';
    case 'missing':
      return 'Missing';
    case 'not-due':
      return 'Not yet due';
    case 'not-asked':
      return '—';
  }
}

/**
 * An agency's status for a return on the day `asOf`. Lateness is counted in calendar days from
 * the due date to the day the return (in whole) came; a return sent back is partial, what it
 * lacks being the business team's note.
 */
export function complianceStatus(request: ReturnRequest, response: ReturnResponse | undefined, agencyId: string, asOf: LocalDate): ComplianceStatus {
  if (!request.agencies.some((a) => a.agencyId === agencyId)) return { kind: 'not-asked' };
  if (response === undefined || response.state === 'not-received' || response.receivedOn === null || response.receivedOn > asOf) {
    return asOf > request.dueOn ? { kind: 'missing' } : { kind: 'not-due' };
  }
  if (response.review === 'sent-back') return { kind: 'partial', missing: response.reviewNote === null ? [] : [response.reviewNote] };
  if (response.state === 'partial') return { kind: 'partial', missing: response.missing };
  const days = daysBetween(request.dueOn, response.receivedOn);
  return days > 0 ? { kind: 'late', days } : { kind: 'on-time' };
}

/**
 * Whether a return is counted in a period: a quarter's return in its quarter and its year; a
 * year's return in that year, and in the quarter of the year in which it falls due.
 */
export function returnInPeriod(request: ReturnRequest, period: Period, yearStart?: YearStart): boolean {
  const own = parsePeriod(request.period);
  if (!own.success) return false;
  if (own.data.year.startYear !== period.year.startYear) return false;
  if (period.kind === 'year') return true;
  if (own.data.kind === 'quarter') return own.data.quarter === period.quarter;
  const { start, end } = periodDates(period, yearStart);
  return request.dueOn >= start && request.dueOn < end;
}

/** The returns counted in a period, in the order they fall due (then by title). */
export function returnsInPeriod(db: Database, period: Period): ReturnRequest[] {
  return db.returns.filter((r) => returnInPeriod(r, period, db.partnership.financialYearStart)).sort(byDue);
}

const byDue = (a: ReturnRequest, b: ReturnRequest): number => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.title.localeCompare(b.title));

/** How many of an agency's returns stand each way. */
export interface ComplianceCounts {
  readonly asked: number;
  readonly onTime: number;
  readonly late: number;
  readonly partial: number;
  readonly missing: number;
  readonly notDue: number;
}

/** One agency's line of the compliance table: its status for each return, by return id, and its counts. */
export interface ComplianceRow {
  readonly agency: Agency;
  readonly statuses: ReadonlyMap<string, ComplianceStatus>;
  readonly counts: ComplianceCounts;
}

/** The compliance table agency × return for a period, as on a day. */
export interface ComplianceTable {
  readonly period: string;
  readonly asOf: LocalDate;
  readonly returns: readonly ReturnRequest[];
  readonly rows: readonly ComplianceRow[];
  /** Every agency's counts added up. */
  readonly totals: ComplianceCounts;
}

/** How many of a set of statuses stand each way (not-asked ones are not counted). */
export function countStatuses(statuses: Iterable<ComplianceStatus>): ComplianceCounts {
  const counts = { asked: 0, onTime: 0, late: 0, partial: 0, missing: 0, notDue: 0 };
  for (const status of statuses) {
    if (status.kind === 'not-asked') continue;
    counts.asked++;
    if (status.kind === 'on-time') counts.onTime++;
    else if (status.kind === 'late') counts.late++;
    else if (status.kind === 'partial') counts.partial++;
    else if (status.kind === 'missing') counts.missing++;
    else counts.notDue++;
  }
  return counts;
}

/** The responses of a database by response id. */
function responsesById(db: Database): Map<string, ReturnResponse> {
  return new Map(db.returnResponses.map((r) => [r.id, r]));
}

/**
 * The compliance table for a quarter or a year on the day `asOf`: one line per agency asked for
 * any of the period's returns, in register order, with its status for each.
 */
export function complianceTable(db: Database, period: Period, asOf: LocalDate): ComplianceTable {
  return complianceOf(db, returnsInPeriod(db, period), periodLabel(period), asOf);
}

/**
 * The compliance table of the returns that fell due within days `range` (end exclusive), as on
 * `asOf`: what the quarterly digest shows, as at the quarter's last day, so that a return a
 * quarter's dataset owes after the quarter is counted in the quarter it fell due.
 */
export function returnsDueWithin(db: Database, range: DateRange, label: string, asOf: LocalDate): ComplianceTable {
  const returns = db.returns.filter((r) => r.dueOn >= range.start && r.dueOn < range.end).sort(byDue);
  return complianceOf(db, returns, label, asOf);
}

function complianceOf(db: Database, returns: readonly ReturnRequest[], label: string, asOf: LocalDate): ComplianceTable {
  const responses = responsesById(db);
  const asked = new Set(returns.flatMap((r) => r.agencies.map((a) => a.agencyId)));
  const rows = db.agencies
    .filter((agency) => asked.has(agency.id))
    .map((agency): ComplianceRow => {
      const statuses = new Map(returns.map((r) => [r.id, complianceStatus(r, responses.get(responseId(r.id, agency.id)), agency.id, asOf)] as const));
      return { agency, statuses, counts: countStatuses(statuses.values()) };
    });
  return { period: label, asOf, returns, rows, totals: countStatuses(rows.flatMap((row) => [...row.statuses.values()])) };
}

/** One return in an agency's own record. */
export interface AgencyReturnLine {
  readonly request: ReturnRequest;
  readonly response: ReturnResponse | undefined;
  readonly status: ComplianceStatus;
}

/** An agency's own record over time: every return it was asked for, in the order they fell due, and its counts by financial year. */
export interface AgencyReturnRecord {
  readonly agency: Agency;
  readonly asOf: LocalDate;
  readonly lines: readonly AgencyReturnLine[];
  readonly byYear: ReadonlyArray<{ readonly year: string; readonly counts: ComplianceCounts }>;
}

/** An agency's record of returns, all years or (with `period`) one quarter or year, on the day `asOf`. */
export function agencyReturnRecord(db: Database, agency: Agency, asOf: LocalDate, period?: Period): AgencyReturnRecord {
  const responses = responsesById(db);
  const requests = (period === undefined ? [...db.returns].sort(byDue) : returnsInPeriod(db, period)).filter((r) => r.agencies.some((a) => a.agencyId === agency.id));
  const lines = requests.map((request): AgencyReturnLine => {
    const response = responses.get(responseId(request.id, agency.id));
    return { request, response, status: complianceStatus(request, response, agency.id, asOf) };
  });
  const years = new Map<string, ComplianceStatus[]>();
  for (const line of lines) {
    const year = line.request.period.slice(0, 7);
    years.set(year, [...(years.get(year) ?? []), line.status]);
  }
  const byYear = [...years].sort(([a], [b]) => a.localeCompare(b)).map(([year, statuses]) => ({ year, counts: countStatuses(statuses) }));
  return { agency, asOf, lines, byYear };
}
