import { challengeCounts, challengeCountsSentence, challengeCountsTable, executiveImpact, executiveImpactTable } from '../../challenges/challengeTables.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';

function blocks(context: ReportContext): ReportBlock[] | null {
  const { db, period } = context;
  const label = period.year.label;
  const impact = executiveImpact(db, period);
  const counts = challengeCounts(db, period);
  if (impact.length === 0 && counts.total === 0) return null;
  return [
    { kind: 'paragraph', text: `${challengeCountsSentence(counts, label)}. The Executive specifically required action in relation to the following:` },
    { kind: 'table', table: executiveImpactTable(impact, label) },
    { kind: 'table', table: challengeCountsTable(counts, label), notes: [`Stages and outcomes are as they stood at the end of ${label}.`] },
  ];
}

/** The Impact of Executive Actions, from the challenge log: each closed challenge's evidence of impact, and the counts by stage and outcome. */
export const executiveActionsSection: DataSection = {
  kind: 'data',
  id: 'executive-actions',
  title: 'Impact of the Executive’s actions',
  build: blocks,
  noData: (context) => `No executive decisions or challenges are recorded for ${context.period.year.label} yet (ptrack import challenges).`,
};
