import type { Worksheet } from 'exceljs';
import { isNumeric, type CellType, type Report, type Table } from '../../common/reporting/table.js';

const numberFormats: Partial<Record<CellType, string>> = {
  integer: '0',
  pence: '"£"#,##0.00',
  percent: '0%',
  percentTenths: '0.0%',
  share: '0.00%',
  date: 'dd/mm/yyyy',
};

/** The value a spreadsheet cell holds: numbers as numbers (percentages as fractions), dates as dates. */
function typedValue(value: number | string | null, type: CellType): number | string | Date | null {
  if (value === null) return null;
  if (typeof value === 'string') return type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : value;
  switch (type) {
    case 'pence':
      return value / 100;
    case 'percent':
    case 'percentTenths':
      return value / 100;
    case 'share':
      return value / 10_000;
    default:
      return value;
  }
}

/** Excel's limit on sheet names, and the characters it refuses in them. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 28)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * Writes a report as an Excel workbook: one sheet per table, a bold frozen header row, and
 * typed cells (numbers, money, percentages and dates that sort and sum in Excel).
 */
export async function writeXlsx(report: Report, now: Date): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Partnership Tracker';
  workbook.created = now;
  workbook.modified = now;
  workbook.title = report.title;
  const used = new Set<string>();
  for (const table of report.tables) addSheet(workbook.addWorksheet(sheetName(table.title, used), { views: [{ state: 'frozen', ySplit: 1 }] }), table);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addSheet(sheet: Worksheet, table: Table): void {
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(10, Math.min(60, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  for (const row of rows) {
    const added = sheet.addRow(table.columns.map((c) => typedValue(row[c.key] ?? null, c.type)));
    table.columns.forEach((c, index) => {
      const cell = added.getCell(index + 1);
      const format = numberFormats[c.type];
      if (format && (typeof cell.value === 'number' || cell.value instanceof Date)) cell.numFmt = format;
      else if (typeof cell.value === 'string' && isNumeric(c.type)) cell.alignment = { horizontal: 'right' };
    });
    if (row === table.total) added.font = { bold: true };
  }
  // Widen text columns to their longest value so that the sheet reads without resizing.
  table.columns.forEach((c, index) => {
    const longest = Math.max(c.header.length, ...rows.map((r) => String(r[c.key] ?? '').length));
    sheet.getColumn(index + 1).width = Math.max(10, Math.min(60, longest + 2));
  });
}
