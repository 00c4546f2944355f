import { checkExportSelection, ExportTable, fail, ok, parsePeriod, periodLabel, type Period, type Result } from '@partnership-tracker/core';

/** The file formats the bot's download links offer: what the business team opens in Excel. */
export const CHAT_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ChatExportFormat = (typeof CHAT_EXPORT_FORMATS)[number];

/** One file the business team asked for in chat: a table, its period (if any) and a format. */
export interface ExportRequest {
  readonly table: ExportTable;
  readonly period?: Period;
  readonly format: ChatExportFormat;
}

/** What to say when "export" is followed by something else. */
export const EXPORT_EXAMPLE = 'export engagement 2024/25 xlsx';
const TABLES = ExportTable.options.join(', ').replace(/, (\w+)$/, ' or $1');

/** How people name the formats: "xlsx" and "excel" are the workbook; "csv" the text file. */
function formatOf(word: string): ChatExportFormat | undefined {
  const lower = word.toLowerCase();
  if (lower === 'csv') return 'csv';
  if (lower === 'xlsx' || lower === 'excel') return 'xlsx';
  return undefined;
}

/**
 * Reads what follows "export": a table, then a year or quarter, then the format (CSV unless
 * `xlsx` or `excel` is said), e.g. "engagement 2024/25 xlsx". The table's rule (core's, the same
 * as `ptrack export`'s) says whether it needs a year and whether a quarter will do.
 */
export function parseExportText(text: string): Result<ExportRequest> {
  const words = text.trim() === '' ? [] : text.trim().split(/\s+/);
  const tableWord = words.shift()?.toLowerCase() ?? '';
  const table = ExportTable.safeParse(tableWord);
  if (!table.success) {
    const said = tableWord === '' ? 'Which table?' : `I can't export "${tableWord}".`;
    return fail('export.unknown_table', `${said} I can export ${TABLES}; for example: ${EXPORT_EXAMPLE}`);
  }
  // "… xlsx", "… as xlsx", "… in excel"
  const format = formatOf(words.at(-1) ?? '');
  if (format !== undefined) words.pop();
  if (format !== undefined && /^(?:as|in)$/i.test(words.at(-1) ?? '')) words.pop();
  let period: Period | undefined;
  if (words.length > 0) {
    const parsed = parsePeriod(words.join(' '));
    if (!parsed.success) return fail('export.bad_period', `${parsed.error.message}. For example: export ${table.data} 2024/25`);
    period = parsed.data;
  }
  const checked = checkExportSelection(table.data, period ? { period } : {});
  if (!checked.success) return fail(checked.error.code, `${checked.error.message} For example: export ${table.data} 2024/25`);
  return ok({ table: table.data, ...(period ? { period } : {}), format: format ?? 'csv' });
}

/** A period as it appears in a file name: `2024/25` ↔ `2024-25`, `2024/25 Q3` ↔ `2024-25-Q3`. */
function periodSlug(period: Period): string {
  return periodLabel(period).replace('/', '-').replace(' ', '-');
}

/** The file's name, which is also its address: `engagement-2024-25.xlsx`, or `actions.csv` for all of them. */
export function exportFileName(request: ExportRequest): string {
  return `${request.table}${request.period ? `-${periodSlug(request.period)}` : ''}.${request.format}`;
}

/** Reads a file name back into what was asked for; anything else is not a file the bot serves. */
export function parseExportFileName(name: string): Result<ExportRequest> {
  const match = /^([a-z]+)(?:-(\d{4})-(\d{2})(?:-(Q[1-4]))?)?\.(csv|xlsx)$/.exec(name);
  const table = ExportTable.safeParse(match?.[1]);
  if (!match || !table.success) return fail('export.bad_address', `There is no file called ${name}.`);
  let period: Period | undefined;
  if (match[2] !== undefined) {
    const parsed = parsePeriod(`${match[2]}/${match[3]}${match[4] ? ` ${match[4]}` : ''}`);
    if (!parsed.success) return fail('export.bad_address', `There is no file called ${name}.`);
    period = parsed.data;
  }
  const request: ExportRequest = { table: table.data, ...(period ? { period } : {}), format: match[5] as ChatExportFormat };
  const checked = checkExportSelection(request.table, period ? { period } : {});
  return checked.success ? ok(request) : fail('export.bad_address', `There is no file called ${name}.`);
}

/** What to say to the bot to ask for the same file again, e.g. when its link has expired. */
export function exportCommandText(request: ExportRequest): string {
  return `export ${request.table}${request.period ? ` ${periodLabel(request.period)}` : ''}${request.format === 'csv' ? '' : ` ${request.format}`}`;
}
