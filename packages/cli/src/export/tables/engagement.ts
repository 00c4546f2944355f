import { engagementTable, type Database, type EngagementCell, type EngagementTable, type Period } from '@partnership-tracker/core';
import type { Cell, Report, Row, Table } from '../table.js';

/** A cell of the engagement table: the percentage, or the report's markers "—" (not a member) and "n/a" (no meeting held). */
export function engagementCellValue(cell: EngagementCell | undefined): Cell {
  if (cell === undefined || cell.kind === 'non-member') return '—';
  if (cell.kind === 'no-meetings') return 'n/a';
  return cell.percent;
}

/** Core's engagement table as a table model: agency, groups, then one percentage column per subgroup. */
export function engagementTableModel(table: EngagementTable, title: string): Table {
  const rows: Row[] = table.rows.map((row) => ({
    agency: row.label,
    groups: row.groups.join(', '),
    ...Object.fromEntries(table.columns.map((column) => [column.subgroupId, engagementCellValue(row.cells[column.subgroupId])])),
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

/**
 * The annual report's engagement table for a period: one row per agency (and role, and guests)
 * with the groups it belongs to and its attendance % at each subgroup.
 */
export function engagementReport(db: Database, period: Period, subgroupId?: string): Report {
  const table = engagementTable(db, { period, ...(subgroupId === undefined ? {} : { subgroupIds: [subgroupId] }) });
  const title = `Engagement ${table.periodLabel}`;
  return {
    title,
    tables: [engagementTableModel(table, title)],
    notes: [`Meetings held: ${table.columns.map((c) => `${c.name} ${c.meetingsHeld}`).join(', ') || 'none'}.`, ENGAGEMENT_KEY],
  };
}
