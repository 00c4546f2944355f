import type { Cell, CellValue } from 'exceljs';
import { fail, ok, type Result } from '@partnership-tracker/core';
import type { RawRecord } from './readCsv.js';

/** A worksheet's rows as text, the way an import reads a CSV file's, and the sheet they came from. */
export interface SheetRecords {
  readonly sheet: string;
  readonly records: RawRecord[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A number without the float noise Excel's binary doubles carry (0.1 + 0.2 is not 0.30000000000000004 here). */
function numberText(value: number): string {
  return String(Number(value.toPrecision(15)));
}

/**
 * A cell as the text a CSV export of it would hold, so every import reads both the same way:
 * dates as `YYYY-MM-DD`, times as `HH:mm`, percentages as `60%`, yes/no for TRUE/FALSE, a formula
 * as its result, rich text and links as their text.
 */
function cellText(value: CellValue, numberFormat: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return numberFormat?.includes('%') ? `${numberText(value * 100)}%` : numberText(value);
  if (value instanceof Date) {
    // Excel keeps a time of day alone as a fraction of 30 December 1899.
    const timeOnly = value.getUTCFullYear() < 1901;
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    return timeOnly ? time : `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null, numberFormat);
  if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? value.hyperlink);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * Reads a sheet of an Excel workbook (`.xlsx`): the first, or the one named (any case). Each row
 * keeps its row number, so problems name the sheet, row and column as a CSV's name its line.
 * Wholly blank rows are skipped, as blank lines are in CSV.
 */
export async function readXlsxRecords(bytes: Uint8Array, file: string, sheetName?: string): Promise<Result<SheetRecords>> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return fail('input.bad_xlsx', `${file} could not be read as an Excel workbook (${(error as Error).message}); save it again from Excel as .xlsx, or as "CSV UTF-8".`);
  }
  const names = workbook.worksheets.map((sheet) => sheet.name);
  const worksheet =
    sheetName === undefined ? workbook.worksheets[0] : workbook.worksheets.find((sheet) => sheet.name.trim().toLowerCase() === sheetName.trim().toLowerCase());
  if (!worksheet) {
    return sheetName === undefined
      ? fail('input.no_sheet', `${file} has no sheets.`)
      : fail('input.no_sheet', `${file} has no sheet "${sheetName}"; its sheets are: ${names.map((n) => `"${n}"`).join(', ')}.`);
  }
  const records: RawRecord[] = [];
  const width = worksheet.columnCount;
  worksheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column++) {
      const cell: Cell = row.getCell(column);
      cells.push(cellText(cell.value, cell.numFmt));
    }
    if (cells.some((text) => text.trim() !== '')) records.push({ line: number, cells });
  });
  return ok({ sheet: worksheet.name, records });
}
