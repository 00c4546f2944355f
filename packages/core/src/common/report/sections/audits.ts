import { financialYear } from '../../base/dates.js';
import { auditsPlannedIn, impactOfAudits, impactTable, plannedTable, programmeSentence, programmeSummary, programmeTable } from '../../audits/auditTables.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';

function blocks(context: ReportContext): ReportBlock[] | null {
  const { db, period } = context;
  const year = period.year.label;
  const summary = programmeSummary(db, period);
  const impacts = impactOfAudits(db, period);
  if (summary.planned === 0 && impacts.length === 0) return null;
  const out: ReportBlock[] = [{ kind: 'paragraph', text: `In ${year}: ${programmeSentence(summary)}.` }, { kind: 'table', table: programmeTable(summary, year) }];
  // The action plans as they stood at the year's end: a later update does not change what was printed.
  if (impacts.length > 0) out.push({ kind: 'table', table: impactTable(impacts, year), notes: ["Each action plan's progress is as it stood at the year's end."] });
  const next = financialYear(period.year.startYear + 1);
  const planned = auditsPlannedIn(db, { kind: 'year', year: next });
  if (planned.length > 0) out.push({ kind: 'table', table: plannedTable(db, planned, `Audits planned for ${next.label}`) });
  return out;
}

/** The Quality Assurance Group's year: planned against completed and the targets, the Impact of Audits, next year's programme. */
export const auditsSection: DataSection = {
  kind: 'data',
  id: 'audits',
  title: 'Impact of multi-agency audits',
  build: blocks,
  noData: (context) => `No audits are recorded for ${context.period.year.label} (ptrack import audits).`,
};
