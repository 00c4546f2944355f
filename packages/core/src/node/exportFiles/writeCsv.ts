import { stringify } from 'csv-stringify/sync';
import { plainCell, spreadsheetText } from '../../common/reporting/formatCell.js';
import type { Report, Table } from '../../common/reporting/table.js';

function tableRecords(table: Table): string[][] {
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  return [table.columns.map((c) => spreadsheetText(c.header)), ...rows.map((row) => table.columns.map((c) => plainCell(row[c.key] ?? null, c.type)))];
}

/**
 * Writes a report as CSV that Excel opens cleanly: a UTF-8 BOM (so "£" and "—" survive), CRLF
 * line ends and RFC 4180 quoting. A report of several tables puts each under its title, with
 * a blank line between them.
 */
export function writeCsv(report: Report): string {
  const records: string[][] = [];
  const single = report.tables.length === 1;
  report.tables.forEach((table, index) => {
    if (!single) {
      if (index > 0) records.push([]);
      records.push([spreadsheetText(table.title)]);
    }
    records.push(...tableRecords(table));
  });
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}
