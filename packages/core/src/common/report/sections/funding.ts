import { formatPence, formatShare, fundingSummary } from '../../funding/fundingTables.js';
import { fundingReport } from '../../reporting/tables/funding.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';
import { shareChart } from './charts.js';

function hasFunding(context: ReportContext, year: string): boolean {
  return context.db.contributions.some((c) => c.financialYear === year) || context.db.expenditure.some((e) => e.financialYear === year);
}

function blocks(context: ReportContext): ReportBlock[] | null {
  const year = context.period.year.label;
  if (!hasFunding(context, year)) return null;
  const previous = hasFunding(context, context.previousYear) ? context.previousYear : undefined;
  // The tables are ptrack export funding's, so the report prints the very figures the export does.
  const report = fundingReport(context.db, year, previous);
  const summary = fundingSummary(context.db, year, previous === undefined ? {} : { compareWith: previous });
  const partners = summary.byStatutoryPartner.lines.filter((line) => line.amountPence > 0);
  const sentences = [
    `In ${year} the partnership's income was ${formatPence(summary.income.totalPence)} and its expenditure ${formatPence(summary.expenditure.totalPence)}, a balance of ${formatPence(summary.balancePence)}.`,
    ...(partners.length > 0 ? [`By statutory partner: ${partners.map((line) => `${line.label} ${formatShare(line.share)}`).join(', ')}.`] : []),
  ];
  if (summary.comparison) {
    const { incomeTotal, expenditureTotal } = summary.comparison;
    const change = (pence: number) => (pence === 0 ? 'no change' : `${pence > 0 ? 'up' : 'down'} ${formatPence(Math.abs(pence))}`);
    sentences.push(`Against ${summary.comparison.year}: income ${change(incomeTotal.changePence)}, expenditure ${change(expenditureTotal.changePence)}.`);
  }
  const notes = report.notes ?? [];
  const out: ReportBlock[] = [{ kind: 'paragraph', text: sentences.join(' ') }];
  report.tables.forEach((table, index) => {
    out.push({ kind: 'table', table, ...(index === report.tables.length - 1 && notes.length > 0 ? { notes } : {}) });
    if (index === 0 && summary.income.lines.length > 0) out.push({ kind: 'chart', chart: shareChart(`Income ${year} by source (share of the total)`, summary.income) });
  });
  return out;
}

/** Income and expenditure: shares, the statutory partners' split and the change from the year before. */
export const fundingSection: DataSection = {
  kind: 'data',
  id: 'funding',
  title: 'Income and expenditure',
  build: blocks,
  noData: (context) => `No income or expenditure is recorded for ${context.period.year.label} (ptrack import contributions, expenditure).`,
};
