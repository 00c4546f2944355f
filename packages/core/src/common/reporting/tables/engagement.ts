import type { Period } from '../../base/dates.js';
import { engagementTable, type EngagementCell, type EngagementTable } from '../../engagement/engagement.js';
import type { Database } from '../../store/database.js';
import type { Cell, Report, Row, Table } from '../table.js';

/** What an engagement export shows: attendance %, seat coverage, or both tables. */
export type EngagementMeasure = 'engagement' | 'coverage' | 'both';

/** Which figure of a value cell a table shows. */
type CellFigure = 'percent' | 'seatCoverage';

/** A cell of the engagement table: the percentage, or the report's markers "—" (not a member) and "n/a" (no meeting held). */
export function engagementCellValue(cell: EngagementCell | undefined, figure: CellFigure = 'percent'): Cell {
  if (cell === undefined || cell.kind === 'non-member') return '—';
  if (cell.kind === 'no-meetings') return 'n/a';
  return cell[figure];
}

/** Core's engagement table as a table model: agency, groups, then one percentage column per subgroup (attendance %, or seat coverage). */
export function engagementTableModel(table: EngagementTable, title: string, figure: CellFigure = 'percent'): Table {
  // Guests hold no seats, so seat coverage has no row for them.
  const shown = figure === 'seatCoverage' ? table.rows.filter((row) => row.kind !== 'guest') : table.rows;
  const rows: Row[] = shown.map((row) => ({
    agency: row.label,
    groups: row.groups.join(', '),
    ...Object.fromEntries(table.columns.map((column) => [column.subgroupId, engagementCellValue(row.cells[column.subgroupId], figure)])),
  }));
  return {
    title,
    columns: [
      { key: 'agency', header: 'Agency', type: 'text' },
      { key: 'groups', header: 'Group participation', type: 'text' },
      ...table.columns.map((column) => ({ key: column.subgroupId, header: column.name, type: 'percent' as const })),
    ],
    rows,
  };
}

/** What the markers in an engagement table mean, as a note under it. */
export const ENGAGEMENT_KEY = '— = not a member; n/a = no meeting held; over 100% = more than one representative attended.';

/** What seat coverage means, as a note under its table. */
export const COVERAGE_KEY =
  'Seat coverage = seats filled ÷ seats expected at meetings held while a member (each agency is expected to send one representative unless the subgroup says more), so it never exceeds 100%.';

/**
 * The annual report's engagement table for a period: one row per agency (and role, and guests)
 * with the groups it belongs to and its attendance % at each subgroup; with `coverage`, the
 * share of its expected seats filled instead, and with `both`, the two tables.
 */
export function engagementReport(db: Database, period: Period, subgroupId?: string, measure: EngagementMeasure = 'engagement'): Report {
  const table = engagementTable(db, { period, ...(subgroupId === undefined ? {} : { subgroupIds: [subgroupId] }) });
  const engagement = `Engagement ${table.periodLabel}`;
  const coverage = `Seat coverage ${table.periodLabel}`;
  const meetingsHeld = `Meetings held: ${table.columns.map((c) => `${c.name} ${c.meetingsHeld}`).join(', ') || 'none'}.`;
  const withEngagement = measure !== 'coverage';
  const withCoverage = measure !== 'engagement';
  return {
    title: withEngagement ? engagement : coverage,
    tables: [...(withEngagement ? [engagementTableModel(table, engagement)] : []), ...(withCoverage ? [engagementTableModel(table, coverage, 'seatCoverage')] : [])],
    notes: [meetingsHeld, ...(withEngagement ? [ENGAGEMENT_KEY] : []), ...(withCoverage ? [COVERAGE_KEY] : [])],
  };
}
