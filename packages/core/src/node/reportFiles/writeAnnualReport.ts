import { renderReportHtml, renderReportMarkdown, type AnnualReport } from '../../common/report/index.js';
import { writeReportDocx } from './writeReportDocx.js';

/** The formats of the annual report: Word to edit and publish, a printable page, Markdown to paste. */
export const REPORT_FORMATS = ['docx', 'html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Writes the annual report in a format: bytes for docx, text for html and md. */
export async function writeAnnualReport(report: AnnualReport, format: ReportFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'docx':
      return writeReportDocx(report);
    case 'html':
      return renderReportHtml(report);
    case 'md':
      return renderReportMarkdown(report);
  }
}
