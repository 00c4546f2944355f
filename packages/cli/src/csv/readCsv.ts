import { parse } from 'csv-parse/sync';
import { fail, ok, type Result } from '@partnership-tracker/core';

/** A column an import understands: its canonical name and whether every row must fill it. */
export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  /** What goes in the column, as docs/cli.md explains it. */
  readonly description: string;
}

/** One data row of an import file, with its cells keyed by canonical column name. */
export interface CsvRow {
  /** The line of the file (or the row of the sheet) on which the row starts; the header is line 1 of a CSV. */
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** The cells of a file as read, before the header is matched: each record with its line. */
export interface RawRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A file's rows keyed by column, and the headers it had that the import does not read. */
export interface ImportTable {
  readonly rows: CsvRow[];
  readonly ignored: string[];
}

/** How strictly headers are read: with `strict`, a column the import does not read is an error. */
export interface HeaderOptions {
  readonly strict?: boolean;
}

/**
 * Other names spreadsheets give our columns, as people write them. A synonym counts only for an
 * import that reads the column and has no column of that name itself. docs/cli.md lists them.
 */
export const HEADER_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  financial_year: ['year', 'FY', 'fin year'],
  agency: ['organisation', 'organization', 'agency name', 'partner'],
  lead_agency: ['lead organisation', 'lead organization', 'lead'],
  name: ['full name', 'agency'],
  email: ['email address', 'e-mail', 'e-mail address'],
  subgroup: ['group', 'board', 'sub-group', 'subgroup name'],
  short_name: ['short', 'abbreviation', 'acronym'],
  description: ['notes', 'note', 'comment', 'comments'],
  category: ['spending category', 'expenditure category', 'item'],
  amount: ['amount gbp', 'value', 'total'],
  ref: ['reference', 'action ref', 'action reference', 'action id'],
  title: ['action', 'description of action'],
  owner: ['owner email', 'action owner'],
  due: ['due date', 'deadline', 'target date'],
  progress: ['% complete', 'percent complete', 'progress %'],
  role_titles: ['job title', 'job titles', 'role title'],
  date: ['meeting date'],
  start: ['start time', 'start date'],
  end: ['end time', 'end date'],
  joined: ['date joined', 'joined on', 'start date', 'member since'],
  left: ['date left', 'left on', 'end date', 'until'],
  person: ['attendee', 'attendee email'],
  said: ['what we said', 'commitment'],
  delivered: ['what we delivered'],
  actions: ['delivered by', 'action refs'],
};

/**
 * Matches headers the way people write them: `Financial Year`, `financial_year`,
 * `FINANCIAL-YEAR`, `Amount (£)` all come to the same key.
 */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/£/g, '')
    .replace(/%/g, ' percent ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Each header key this import understands, for its canonical column: the name itself, then its synonyms. */
function headerKeys(columns: readonly ColumnSpec[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const column of columns) keys.set(headerKey(column.name), column.name);
  for (const column of columns) {
    for (const synonym of HEADER_SYNONYMS[column.name] ?? []) {
      const key = headerKey(synonym);
      if (!keys.has(key)) keys.set(key, column.name);
    }
  }
  return keys;
}

/**
 * Reads CSV text (UTF-8 with or without a BOM, RFC 4180 quoting) into its records with their
 * lines. Blank lines are skipped.
 */
export function readCsvRecords(text: string, file: string): Result<RawRecord[]> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const detail = error as { message?: string; lines?: number };
    const message = (detail.message ?? String(error)).replace(/ at line \d+.*$/, '');
    return fail('import.bad_csv', `${file}:${detail.lines ?? 1}: not valid CSV: ${message}`);
  }
  return ok(
    records.map(({ record, info }) => {
      // csv-parse counts lines up to the end of the record; a quoted cell may span several.
      const inner = record.reduce((count, value) => count + (value.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - inner, cells: record };
    }),
  );
}

/**
 * Turns records (the first is the header) into rows keyed by the import's columns. Headers are
 * matched loosely and by their synonyms; a repeated or missing required column is an error; a
 * column the import does not read is ignored and named in `ignored` (an error with `strict`), so
 * a spreadsheet's own extra columns do not stop an import and a typo is still seen.
 */
export function tableOf(records: readonly RawRecord[], file: string, columns: readonly ColumnSpec[], options: HeaderOptions = {}): Result<ImportTable> {
  const [header, ...body] = records;
  if (!header) return fail('import.empty_file', `${file}: the file is empty; the first line must name the columns`);
  const at = `${file}:${header.line}`;
  const known = headerKeys(columns);
  const positions: (string | undefined)[] = [];
  const problems: string[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const title of header.cells) {
    const name = known.get(headerKey(title));
    if (title.trim() !== '' && name === undefined) ignored.push(title.trim());
    else if (name !== undefined && seen.has(name)) problems.push(`${at}: column "${name}" appears twice${headerKey(title) === headerKey(name) ? '' : ` (as "${title.trim()}")`}`);
    const usable = name !== undefined && !seen.has(name);
    if (usable) seen.add(name);
    positions.push(usable ? name : undefined);
  }
  if (options.strict) {
    for (const title of ignored) problems.push(`${at}: column "${title}" is not one this import reads (expected: ${columns.map((c) => c.name).join(', ')})`);
  }
  for (const column of columns) {
    if (column.required && !seen.has(column.name)) problems.push(`${at}: column "${column.name}" is missing`);
  }
  if (problems.length > 0) return fail('import.bad_header', problems.join('\n'), { problems });
  const rows = body.map(({ line, cells: values }) => {
    const cells: Record<string, string> = {};
    values.forEach((value, index) => {
      const name = positions[index];
      if (name !== undefined) cells[name] = value.trim();
    });
    return { line, cells };
  });
  return ok({ rows, ignored });
}

/** Reads CSV text into rows keyed by the import's columns (see `tableOf`). */
export function readCsv(text: string, file: string, columns: readonly ColumnSpec[], options: HeaderOptions = {}): Result<ImportTable> {
  const records = readCsvRecords(text, file);
  return records.success ? tableOf(records.data, file, columns, options) : records;
}
