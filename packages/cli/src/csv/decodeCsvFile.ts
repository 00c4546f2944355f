import { fail, ok, type Result } from '@partnership-tracker/core';
import { readCsvRecords, type RawRecord } from './readCsv.js';
import { readXlsxRecords } from './readXlsx.js';

/** An import file's records, and how its problems name it: `people.csv`, or `people.xlsx [Staff]` for a sheet. */
export interface ImportSource {
  readonly label: string;
  readonly records: RawRecord[];
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const isOldExcel = (bytes: Uint8Array) => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/**
 * Turns a file's bytes into CSV text, refusing a CSV saved in Windows' own encoding (where "£" is
 * not UTF-8), the file people most often pick by mistake.
 */
export function decodeCsvFile(bytes: Uint8Array, file: string): Result<string> {
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('input.not_utf8', `${file} is not UTF-8 text (perhaps saved as "CSV (Comma delimited)", which Windows encodes its own way): in Excel choose "CSV UTF-8 (Comma delimited)", or import the .xlsx workbook itself.`);
  }
}

/**
 * Reads an import file as the business team keeps it: an Excel workbook (`.xlsx`, its first sheet
 * or the one `sheet` names) or a UTF-8 CSV file. Which it is comes from its bytes, not its name.
 */
export async function readImportFile(bytes: Uint8Array, file: string, options: { sheet?: string } = {}): Promise<Result<ImportSource>> {
  if (isZip(bytes)) {
    const sheet = await readXlsxRecords(bytes, file, options.sheet);
    return sheet.success ? ok({ label: `${file} [${sheet.data.sheet}]`, records: sheet.data.records }) : sheet;
  }
  if (isOldExcel(bytes)) return fail('input.old_excel', `${file} is an old-style Excel workbook (.xls): in Excel save it as "Excel Workbook (.xlsx)" or "CSV UTF-8", then import that.`);
  if (options.sheet !== undefined) return fail('usage.sheet_not_workbook', `--sheet ${options.sheet}: ${file} is a CSV file, which has no sheets; --sheet is for .xlsx workbooks.`);
  const text = decodeCsvFile(bytes, file);
  if (!text.success) return text;
  const records = readCsvRecords(text.data, file);
  return records.success ? ok({ label: file, records: records.data }) : records;
}
