import { fail, ok, parsePeriod, type Period, type Result } from '@partnership-tracker/core';

/** The formats of the annual report the bot links to: Word to edit, the web page to read and print. */
export const CHAT_REPORT_FORMATS = ['docx', 'html'] as const;
export type ChatReportFormat = (typeof CHAT_REPORT_FORMATS)[number];

/** A financial year, as the annual report covers one. */
export type ReportYear = Period & { kind: 'year' };

/** What to say when "report" is followed by something else. */
export const REPORT_EXAMPLE = 'report 2024/25';

/** Reads what follows "report" (or "annual report"): a financial year such as 2024/25. */
export function parseReportText(text: string): Result<ReportYear> {
  const period = parsePeriod(text.trim());
  if (text.trim() === '') return fail('report.year_required', `Which year? For example: ${REPORT_EXAMPLE}`);
  if (!period.success || period.data.kind !== 'year') return fail('report.bad_year', `The annual report is for a financial year, such as 2024/25. For example: ${REPORT_EXAMPLE}`);
  return ok(period.data as ReportYear);
}

/** The file's name, which is also its address: `annual-report-2024-25.docx`. */
export function reportFileName(year: ReportYear, format: ChatReportFormat): string {
  return `annual-report-${year.year.label.replace('/', '-')}.${format}`;
}

/** Reads a file name back into the year and format; anything else is not a file the bot serves. */
export function parseReportFileName(name: string): Result<{ year: ReportYear; format: ChatReportFormat }> {
  const match = /^annual-report-(\d{4})-(\d{2})\.(docx|html)$/.exec(name);
  const period = match ? parsePeriod(`${match[1]}/${match[2]}`) : undefined;
  if (!match || !period?.success || period.data.kind !== 'year') return fail('report.bad_address', `There is no file called ${name}.`);
  return ok({ year: period.data as ReportYear, format: match[3] as ChatReportFormat });
}
