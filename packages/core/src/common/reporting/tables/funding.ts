import { expenditureTable, formatShare, fundingSummary, incomeTable, type LineChange, type ShareTable } from '../../funding/fundingTables.js';
import type { Database } from '../../store/database.js';
import type { Column, Report, Table } from '../table.js';

function shareTable(title: string, labelHeader: string, table: ShareTable): Table {
  return {
    title,
    columns: [
      { key: 'label', header: labelHeader, type: 'text' },
      { key: 'amount', header: 'Amount', type: 'pence' },
      { key: 'share', header: 'Share', type: 'share' },
    ],
    rows: table.lines.map((line) => ({ label: line.label, amount: line.amountPence, share: line.share })),
    // The closing row says how the shares were rounded in every format, CSV and xlsx included.
    total: { label: table.rounding === 'nearest' ? 'Total (shares each rounded to the nearest 0.01%)' : 'Total', amount: table.totalPence, share: table.lines.length > 0 ? table.shareTotal : null },
  };
}

/**
 * What a reader is told when a table's shares do not add up to exactly 100.00%: equal amounts
 * are shown with equal shares, which no exact split allowed, so each share is rounded on its own.
 */
function roundingNotes(tables: ReadonlyArray<readonly [title: string, table: ShareTable]>): string[] {
  return tables
    .filter(([, table]) => table.rounding === 'nearest')
    .map(([title, table]) => `${title}: equal amounts are shown with equal shares, so each share is rounded to the nearest 0.01% and they add up to ${formatShare(table.shareTotal)}.`);
}

function withNotes(report: Report, notes: readonly string[]): Report {
  return notes.length > 0 ? { ...report, notes } : report;
}

/** The income table of a financial year: each source's amount and share (shares sum to exactly 100.00%). */
export function incomeReport(db: Database, year: string): Report {
  const title = `Income ${year}`;
  const table = incomeTable(db, year);
  return withNotes({ title, tables: [shareTable(title, 'Source', table)] }, roundingNotes([[title, table]]));
}

/** The expenditure table of a financial year: each category's amount and share. */
export function expenditureReport(db: Database, year: string): Report {
  const title = `Expenditure ${year}`;
  const table = expenditureTable(db, year);
  return withNotes({ title, tables: [shareTable(title, 'Category', table)] }, roundingNotes([[title, table]]));
}

function changeTable(title: string, year: string, previous: string, lines: readonly LineChange[], total: LineChange): Table {
  const columns: Column[] = [
    { key: 'label', header: 'Line', type: 'text' },
    { key: 'amount', header: year, type: 'pence' },
    { key: 'previous', header: previous, type: 'pence' },
    { key: 'change', header: 'Change', type: 'pence' },
    { key: 'changePercent', header: 'Change %', type: 'percentTenths' },
  ];
  const row = (line: LineChange) => ({ label: line.label, amount: line.amountPence, previous: line.previousPence, change: line.changePence, changePercent: line.changePercent ?? 'n/a' });
  return { title, columns, rows: lines.map(row), total: { ...row(total), label: 'Total' } };
}

/**
 * The funding summary of a year: income and expenditure with shares, the balance, received
 * against pledged, rollups by statutory partner (and the three partners' split) and by sector,
 * and with `compareWith` the change on every line since that year.
 */
export function fundingReport(db: Database, year: string, compareWith?: string): Report {
  const summary = fundingSummary(db, year, compareWith === undefined ? {} : { compareWith });
  const tables: Table[] = [
    shareTable(`Income ${year}`, 'Source', summary.income),
    shareTable(`Expenditure ${year}`, 'Category', summary.expenditure),
    {
      title: `Balance ${year}`,
      columns: [
        { key: 'label', header: 'Measure', type: 'text' },
        { key: 'amount', header: 'Amount', type: 'pence' },
      ],
      rows: [
        { label: 'Income', amount: summary.income.totalPence },
        { label: 'Expenditure', amount: summary.expenditure.totalPence },
        { label: 'Income received', amount: summary.receivedPence },
        { label: 'Income pledged, not yet received', amount: summary.pledgedPence },
      ],
      total: { label: 'Balance (income − expenditure)', amount: summary.balancePence },
    },
    shareTable(`Income by statutory partner ${year}`, 'Partner', summary.byStatutoryPartner),
    shareTable(`The three statutory partners' split ${year}`, 'Partner', summary.statutoryPartnerSplit),
    shareTable(`Income by sector ${year}`, 'Sector', summary.bySector),
  ];
  if (summary.comparison) {
    const { comparison } = summary;
    tables.push(changeTable(`Income ${year} against ${comparison.year}`, year, comparison.year, comparison.income, comparison.incomeTotal));
    tables.push(changeTable(`Expenditure ${year} against ${comparison.year}`, year, comparison.year, comparison.expenditure, comparison.expenditureTotal));
  }
  const notes = roundingNotes([
    [`Income ${year}`, summary.income],
    [`Expenditure ${year}`, summary.expenditure],
    [`Income by statutory partner ${year}`, summary.byStatutoryPartner],
    [`The three statutory partners' split ${year}`, summary.statutoryPartnerSplit],
    [`Income by sector ${year}`, summary.bySector],
  ]);
  return withNotes({ title: `Funding ${year}`, tables }, notes);
}
