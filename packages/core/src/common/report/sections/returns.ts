import { complianceStatus, complianceTable, countStatuses } from '../../returns/compliance.js';
import { responseId } from '../../returns/returnRequest.js';
import type { Table } from '../../reporting/table.js';
import { countCells, countColumns } from '../../returns/returnTables.js';
import { formatDate } from '../../reporting/formatCell.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';

function blocks(context: ReportContext): ReportBlock[] | null {
  const { db, period } = context;
  const year = period.year.label;
  // A year's last returns fall due after it (the fourth quarter's dataset, the report's own
  // contributions), so they are counted as they stand on the day the report is prepared.
  const asAt = context.preparedOn;
  const table = complianceTable(db, period, asAt);
  if (table.returns.length === 0) return null;
  const { totals } = table;
  const when = formatDate(asAt);
  const sentence =
    `In ${year} the partnership asked its agencies for ${table.returns.length} ${table.returns.length === 1 ? 'return' : 'returns'}, ${totals.asked} in all. ` +
    `At ${when}: ${totals.onTime} on time, ${totals.late} late, ${totals.partial} partial and ${totals.missing} missing${totals.notDue > 0 ? `, ${totals.notDue} not yet due` : ''}.`;
  const responses = new Map(db.returnResponses.map((r) => [r.id, r] as const));
  const byReturn: Table = {
    title: `Returns asked for ${year}, at ${when}`,
    columns: [{ key: 'return', header: 'Return', type: 'text' }, { key: 'due', header: 'Due', type: 'date' }, ...countColumns],
    rows: table.returns.map((request) => ({
      return: request.title,
      due: request.dueOn,
      ...countCells(countStatuses(request.agencies.map((ask) => complianceStatus(request, responses.get(responseId(request.id, ask.agencyId)), ask.agencyId, asAt)))),
    })),
    total: { return: 'All returns', due: null, ...countCells(totals) },
  };
  const byAgency: Table = {
    title: `Each agency's returns ${year}, at ${when}`,
    columns: [{ key: 'agency', header: 'Agency', type: 'text' }, ...countColumns],
    rows: table.rows.map((row) => ({
      agency: row.agency.name,
      ...countCells(row.counts),
    })),
  };
  return [
    { kind: 'paragraph', text: sentence },
    { kind: 'table', table: byReturn },
    {
      kind: 'table',
      table: byAgency,
      notes: [
        `Counted on ${when}, the day this report was prepared: the year's last returns fall due after it ends.`,
        'Late counts calendar days from the due date to the day the return came in whole; a return sent back counts as partial until it is sent again.',
        'ptrack export compliance has each agency against each return.',
      ],
    },
  ];
}

/** Agencies' returns: what the partnership asked for in the year, and how each agency answered, on the day the report is prepared. */
export const returnsSection: DataSection = {
  kind: 'data',
  id: 'returns',
  title: "Agencies' returns",
  build: blocks,
  noData: (context) => `No returns were asked of agencies for ${context.period.year.label} (ptrack import returns, return-responses).`,
};
