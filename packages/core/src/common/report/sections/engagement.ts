import { engagementByAgency } from '../../engagement/engagement.js';
import { engagementReport } from '../../reporting/tables/engagement.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';
import { chartOf } from './charts.js';

function blocks(context: ReportContext): ReportBlock[] | null {
  const { db, period } = context;
  if (!db.subgroups.some((s) => s.kind === 'subgroup' && s.members.length > 0)) return null;
  // ptrack export engagement --measure both: the published table, then seat coverage beside it.
  const report = engagementReport(db, period, undefined, 'both');
  const [engagement, coverage] = report.tables;
  const [meetingsHeld, engagementKey, coverageKey] = report.notes ?? [];
  // The chart covers the table's subgroups, so that its bars agree with the table beside it.
  const subgroupIds = engagement ? engagement.columns.slice(2).map((c) => c.key) : [];
  const byAgency = engagementByAgency(db, { period, subgroupIds }).filter((a) => a.meetingsHeld > 0);
  const out: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: `Each agency's attendance at the meetings of the groups it sat on in ${period.year.label}, as a percentage of the meetings held while it was a member, and the share of the seats it was expected to fill that it filled.`,
    },
  ];
  if (engagement) out.push({ kind: 'table', table: engagement, notes: [meetingsHeld, engagementKey].filter((n): n is string => n !== undefined) });
  if (byAgency.length > 0) out.push({ kind: 'chart', chart: chartOf(`Attendance by agency across its groups, ${period.year.label}`, byAgency.map((a) => ({ label: a.label, value: a.percent }))) });
  if (coverage) out.push({ kind: 'table', table: coverage, notes: coverageKey === undefined ? [] : [coverageKey] });
  return out;
}

/** Partner engagement: agency × subgroup attendance, with seat coverage. */
export const engagementSection: DataSection = {
  kind: 'data',
  id: 'engagement',
  title: 'Partner engagement',
  build: blocks,
  noData: () => 'No subgroup has member agencies yet (ptrack import subgroups, members).',
};
