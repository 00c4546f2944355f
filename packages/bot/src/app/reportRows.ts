// The rows of the bot's report tables as text, the same on every channel: teams/ lays them out
// as Adaptive Card tables, slack/ as code blocks. What a row says is decided here once, so the
// two channels never show different figures or flag different cells.
import { cellsBelowThreshold, formatEngagementCell, formatPence, formatShare, type EngagementTable, type FundingSummary, type ShareTable } from '@partnership-tracker/core';
import type { ReportDetail } from './views.js';

/** How many rows of a list a `short` report shows. */
export const SHORT_LIST = 10;

/**
 * The engagement table's rows: one per agency (and role, and guests) with a cell per group, "—"
 * where it is not a member; a member agency's cell below `threshold` starts with `marker` (each
 * channel its own sign); a last row of meetings held against planned.
 */
export function engagementRows(engagement: EngagementTable, threshold: number | null, marker: string): string[][] {
  const rows = engagement.rows.map((row) => [
    row.label,
    ...engagement.columns.map((column) => {
      const cell = row.cells[column.subgroupId];
      if (!cell) return '—';
      const shown = formatEngagementCell(cell);
      return threshold !== null && row.agencyId !== null && cell.kind === 'value' && cell.percent < threshold ? `${marker} ${shown}` : shown;
    }),
  ]);
  rows.push(['Meetings held / planned', ...engagement.columns.map((c) => `${c.meetingsHeld} / ${c.meetingsPlanned}`)]);
  return rows;
}

/** A row per group: its name as `name` picks it, its member agencies, meetings held / planned, and how many members are below `threshold`. */
export function engagementByGroupRows(engagement: EngagementTable, threshold: number, name: (column: EngagementTable['columns'][number]) => string): string[][] {
  const below = cellsBelowThreshold(engagement, threshold);
  return engagement.columns.map((column) => {
    const members = engagement.rows.filter((row) => row.agencyId !== null && (row.cells[column.subgroupId]?.kind ?? 'non-member') !== 'non-member').length;
    return [name(column), String(members), `${column.meetingsHeld} / ${column.meetingsPlanned}`, String(below.filter((b) => b.column === column).length)];
  });
}

/** One table of a funding report: its title, column heads and rows, and the note under it when its shares are rounded each to the nearest. */
export interface FundingSection {
  readonly title: string;
  readonly head: readonly [string, string, string];
  readonly rows: readonly (readonly string[])[];
  readonly note: string | null;
  /** Whether it opens a part of the report (income, spending) rather than breaking one down. */
  readonly opensPart: boolean;
}

/**
 * The tables of a year's funding in the order every channel shows them: income, by statutory
 * partner, the three partners' split, spending. Below `full` detail a long income or spending
 * table shows its first ten lines and one adding up the rest (`rest` says where they all are).
 */
export function fundingSections(summary: FundingSummary, detail: ReportDetail, rest = ''): FundingSection[] {
  const section = (title: string, first: string, table: ShareTable, rows: string[][], opensPart: boolean): FundingSection => ({
    title,
    head: [first, 'Amount', 'Share'],
    rows,
    note: roundingNote(table),
    opensPart,
  });
  return [
    section('Income', 'Source', summary.income, shareRows(summary.income, detail, `sources${rest}`), true),
    section('By statutory partner', 'Partner', summary.byStatutoryPartner, shareRows(summary.byStatutoryPartner, 'full', ''), false),
    section("The three statutory partners' split", 'Partner', summary.statutoryPartnerSplit, shareRows(summary.statutoryPartnerSplit, 'full', ''), false),
    section('Spending', 'Category', summary.expenditure, shareRows(summary.expenditure, detail, `categories${rest}`), true),
  ];
}

/** The share lines a report at `detail` shows: all, or the first ten and one line adding up the rest, so the shares still sum to 100%. */
function shareRows(table: ShareTable, detail: ReportDetail, rest: string): string[][] {
  const { lines } = table;
  const row = (label: string, amountPence: number, share: number) => [label, formatPence(amountPence), formatShare(share)];
  if (detail === 'full' || lines.length <= SHORT_LIST) return lines.map((l) => row(l.label, l.amountPence, l.share));
  const others = lines.slice(SHORT_LIST);
  const sum = (pick: (l: (typeof lines)[number]) => number) => others.reduce((total, l) => total + pick(l), 0);
  return [...lines.slice(0, SHORT_LIST).map((l) => row(l.label, l.amountPence, l.share)), row(`${others.length} more ${rest}`, sum((l) => l.amountPence), sum((l) => l.share))];
}

/** Says under a table when its shares do not add up to 100.00%, and why. */
function roundingNote(table: ShareTable): string | null {
  if (table.rounding !== 'nearest') return null;
  return `Equal amounts show equal shares, so each share is rounded to the nearest 0.01% and they add up to ${formatShare(table.shareTotal)}.`;
}
