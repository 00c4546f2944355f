import { financialYear } from '../../base/dates.js';
import { formatDate } from '../../reporting/formatCell.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';

function blocks(context: ReportContext): ReportBlock[] | null {
  const { nextPlan } = context;
  const nextYear = financialYear(context.period.year.startYear + 1).label;
  if (!nextPlan || nextPlan.priorities.length === 0) return null;
  const described = nextPlan.priorities.some((p) => p.description !== null);
  return [
    { kind: 'paragraph', text: `${nextPlan.name} (${formatDate(nextPlan.start)} to ${formatDate(nextPlan.end)}) sets the partnership's priorities for ${nextYear}.` },
    {
      kind: 'table',
      table: {
        title: `Priorities for ${nextYear} (${nextPlan.name})`,
        columns: [
          { key: 'priority', header: 'Priority', type: 'text' },
          ...(described ? [{ key: 'description', header: 'What it covers', type: 'text' as const }] : []),
        ],
        rows: nextPlan.priorities.map((p) => ({ priority: p.title, description: p.description })),
      },
    },
  ];
}

/** The priorities for next year: the priorities of the plan in force when the next year starts. */
export const nextPrioritiesSection: DataSection = {
  kind: 'data',
  id: 'next-priorities',
  title: 'Priorities for the year ahead',
  build: blocks,
  noData: (context) => `No business plan with priorities covers the start of the year after ${context.period.year.label} (ptrack import plans).`,
};
