import type { Report } from './table.js';

/** Writes a report as JSON: the raw typed values (pence, whole per cents, hundredths of a per cent) with the column types that say so. */
export function writeJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
