import { writeHtml } from '../../common/reporting/render/html.js';
import { writeJson } from '../../common/reporting/render/json.js';
import { writeMarkdown } from '../../common/reporting/render/markdown.js';
import type { Report } from '../../common/reporting/table.js';
import { writeCsv } from './writeCsv.js';
import { writeXlsx } from './writeXlsx.js';

/** The formats every export can be written in. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'md', 'html', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes a report in a format: text for csv, md, html and json, bytes for xlsx. */
export async function writeReport(report: Report, format: ExportFormat, now: Date): Promise<string | Uint8Array> {
  switch (format) {
    case 'csv':
      return writeCsv(report);
    case 'md':
      return writeMarkdown(report);
    case 'html':
      return writeHtml(report);
    case 'json':
      return writeJson(report);
    case 'xlsx':
      return writeXlsx(report, now);
  }
}
