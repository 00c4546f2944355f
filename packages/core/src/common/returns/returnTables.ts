import type { Period } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import type { Agency } from '../agencies/agency.js';
import type { Column, Report, Row, Table } from '../reporting/table.js';
import type { Database } from '../store/database.js';
import { agencyReturnRecord, complianceLabel, complianceTable, type AgencyReturnLine, type ComplianceCounts, type ComplianceStatus } from './compliance.js';
import { responseId, RETURN_KIND_LABELS, SELF_RATING_LABELS, type ReturnRequest } from './returnRequest.js';

/** The columns of a compliance count: asked, on time, late, partial, missing. */
export const countColumns: Column[] = [
  { key: 'asked', header: 'Asked', type: 'integer' },
  { key: 'onTime', header: 'On time', type: 'integer' },
  { key: 'late', header: 'Late', type: 'integer' },
  { key: 'partial', header: 'Partial', type: 'integer' },
  { key: 'missing', header: 'Missing', type: 'integer' },
];

/** A compliance count's cells, for `countColumns`. */
export const countCells = (counts: ComplianceCounts): Row => ({
  asked: counts.asked,
  onTime: counts.onTime,
  late: counts.late,
  partial: counts.partial,
  missing: counts.missing,
});

const daysLate = (status: ComplianceStatus): number | null => (status.kind === 'late' ? status.days : status.kind === 'on-time' ? 0 : null);

const detailColumns: Column[] = [
  { key: 'agency', header: 'Agency', type: 'text' },
  { key: 'return', header: 'Return', type: 'text' },
  { key: 'kind', header: 'Kind', type: 'text' },
  { key: 'period', header: 'Period', type: 'text' },
  { key: 'due', header: 'Due', type: 'date' },
  { key: 'received', header: 'Received', type: 'date' },
  { key: 'status', header: 'Status', type: 'text' },
  { key: 'daysLate', header: 'Days late', type: 'integer' },
  { key: 'missing', header: 'Missing', type: 'text' },
  { key: 'review', header: 'Review', type: 'text' },
  { key: 'link', header: 'Link', type: 'text' },
];

function detailRow(agency: Agency, line: AgencyReturnLine): Row {
  const { request, response, status } = line;
  const received = response?.state === 'not-received' ? null : (response?.receivedOn ?? null);
  const review = response === undefined || response.state === 'not-received' ? null : response.review === 'sent-back' ? `Sent back: ${response.reviewNote}` : response.review === 'accepted' ? 'Accepted' : 'Awaiting review';
  return {
    agency: agency.name,
    return: request.title,
    kind: RETURN_KIND_LABELS[request.kind],
    period: request.period,
    due: request.dueOn,
    received,
    status: complianceLabel(status),
    daysLate: daysLate(status),
    missing: status.kind === 'partial' ? status.missing.join('; ') : null,
    review,
    link: response?.link ?? null,
  };
}

/**
 * An assurance self-assessment's ratings, agency × standard (Met, Partly met, Not met; blank
 * where not rated), with the actions each agency committed to, counted from the actions linked
 * to its response.
 */
export function selfRatingsTable(db: Database, request: ReturnRequest): Table {
  const standards = [...request.standards].sort((a, b) => a.number - b.number);
  const agencies = db.agencies.filter((agency) => request.agencies.some((a) => a.agencyId === agency.id));
  return {
    title: `Self-ratings: ${request.title}`,
    columns: [
      { key: 'agency', header: 'Agency', type: 'text' },
      ...standards.map((standard): Column => ({ key: `standard:${standard.number}`, header: `${standard.number}. ${standard.text}`, type: 'text' })),
      { key: 'actions', header: 'Actions committed', type: 'integer' },
    ],
    rows: agencies.map((agency) => {
      const response = db.returnResponses.find((r) => r.id === responseId(request.id, agency.id));
      const ratings = new Map((response?.ratings ?? []).map((r) => [r.standard, SELF_RATING_LABELS[r.rating]] as const));
      return {
        agency: agency.name,
        ...Object.fromEntries(standards.map((standard) => [`standard:${standard.number}`, ratings.get(standard.number) ?? null])),
        actions: db.actions.filter((a) => a.source.kind === 'self-assessment' && a.source.recordId === responseId(request.id, agency.id)).length,
      };
    }),
  };
}

const NOTES = [
  'Late counts calendar days from the due date to the day the return came in whole. — = not asked.',
  'A return sent back by the business team counts as partial until the agency sends it again.',
];

/**
 * The compliance table agency × return for a quarter or a year, as on `asOf`, and every
 * response in detail: what `ptrack export compliance` writes in every format.
 */
export function complianceReport(db: Database, period: Period, asOf: LocalDate): Report {
  const table = complianceTable(db, period, asOf);
  const grid: Table = {
    title: `Returns ${table.period}`,
    columns: [
      { key: 'agency', header: 'Agency', type: 'text' },
      ...table.returns.map((r): Column => ({ key: `return:${r.id}`, header: r.title, type: 'text' })),
      ...countColumns,
    ],
    rows: table.rows.map((row) => ({
      agency: row.agency.name,
      ...Object.fromEntries(table.returns.map((r) => [`return:${r.id}`, complianceLabel(row.statuses.get(r.id)!)])),
      ...countCells(row.counts),
    })),
    total: { agency: 'All agencies', ...Object.fromEntries(table.returns.map((r) => [`return:${r.id}`, null])), ...countCells(table.totals) },
  };
  const details: Table = {
    title: `Returns ${table.period} in detail`,
    columns: detailColumns,
    rows: table.returns.flatMap((request) =>
      table.rows
        .filter((row) => row.statuses.get(request.id)!.kind !== 'not-asked')
        .map((row) => detailRow(row.agency, { request, response: db.returnResponses.find((r) => r.returnId === request.id && r.agencyId === row.agency.id), status: row.statuses.get(request.id)! })),
    ),
  };
  const ratings = table.returns.filter((r) => r.standards.length > 0).map((r) => selfRatingsTable(db, r));
  return { title: `Returns compliance ${table.period} (as on ${asOf})`, tables: [grid, details, ...ratings], notes: NOTES };
}

/** An agency's own record of returns over time (or in one period), with its counts by year. */
export function agencyReturnsReport(db: Database, agency: Agency, asOf: LocalDate, period?: Period): Report {
  const record = agencyReturnRecord(db, agency, asOf, period);
  return {
    title: `${agency.name}: returns (as on ${asOf})`,
    tables: [
      {
        title: 'By financial year',
        columns: [{ key: 'year', header: 'Year', type: 'text' }, ...countColumns],
        rows: record.byYear.map(({ year, counts }) => ({ year, ...countCells(counts) })),
      },
      { title: 'Every return', columns: detailColumns.filter((c) => c.key !== 'agency'), rows: record.lines.map((line) => detailRow(agency, line)) },
    ],
    notes: NOTES,
  };
}
