import { formatDate } from '../../reporting/formatCell.js';
import type { AnnualReport, ReportBlock } from '../annualReport.js';

/** How every format marks a placeholder, so a reader (and a search) finds what is still missing. */
export const PLACEHOLDER_LABEL: Readonly<Record<Extract<ReportBlock, { kind: 'placeholder' }>['reason'], string>> = {
  'to-write': 'Still to be written',
  'no-data': 'No data yet',
};

/** What the report says about itself: where its figures come from, and what is still missing. */
export function aboutThisReport(report: AnnualReport): { paragraphs: string[]; missing: string[] } {
  const fromData = report.sections.filter((s) => s.state === 'data').length;
  const paragraphs = [
    `This report was prepared on ${formatDate(report.preparedOn)} from the partnership's records in Partnership Tracker. ` +
      `Its figures are as at ${formatDate(report.asAt)}; ${fromData} of its ${report.sections.length} sections are built from the data.`,
  ];
  const missing = [
    ...report.missingNarratives.map((s) => `${s.title}: still to be written (${s.id}.md).`),
    ...report.sectionsWithoutData.map((s) => `${s.title}: no data recorded yet.`),
  ];
  if (missing.length > 0) paragraphs.push(`Still missing from this draft (${missing.length}):`);
  else paragraphs.push('Every section is complete.');
  return { paragraphs, missing };
}
