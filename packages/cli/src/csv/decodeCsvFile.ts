import { fail, ok, type Result } from '@partnership-tracker/core';

/**
 * Turns a file's bytes into CSV text, refusing the two files people most often pick by mistake:
 * an Excel workbook, and a CSV saved in Windows' own encoding (where "£" is not UTF-8).
 */
export function decodeCsvFile(bytes: Uint8Array, file: string): Result<string> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return fail('input.not_csv', `${file} is an Excel workbook, not CSV: in Excel choose File > Save As > "CSV UTF-8 (Comma delimited)".`);
  }
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('input.not_utf8', `${file} is not UTF-8 text (perhaps saved as "CSV (Comma delimited)", which Windows encodes its own way): in Excel choose "CSV UTF-8 (Comma delimited)".`);
  }
}
