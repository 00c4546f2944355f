import { parse } from 'csv-parse/sync';
import { fail, ok, type Result } from '@partnership-tracker/core';

/** A column an import understands: its canonical name and whether every row must fill it. */
export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  /** What goes in the column, as docs/cli.md explains it. */
  readonly description: string;
}

/** One data row of a CSV file, with its cells keyed by canonical column name. */
export interface CsvRow {
  /** The line of the file on which the row starts (the header is line 1). */
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** Matches headers the way people write them: `Financial Year`, `financial_year`, `FINANCIAL-YEAR`. */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

/**
 * Reads CSV text (UTF-8 with or without a BOM, RFC 4180 quoting) into rows keyed by the
 * columns given, refusing unknown or missing columns so that a typo in a header is not
 * silently ignored. Blank lines are skipped.
 */
export function readCsv(text: string, file: string, columns: readonly ColumnSpec[]): Result<CsvRow[]> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const detail = error as { message?: string; lines?: number };
    const message = (detail.message ?? String(error)).replace(/ at line \d+.*$/, '');
    return fail('import.bad_csv', `${file}:${detail.lines ?? 1}: not valid CSV: ${message}`);
  }
  const [header, ...body] = records;
  if (!header) return fail('import.empty_file', `${file}: the file is empty; the first line must name the columns`);

  const known = new Map(columns.map((c) => [headerKey(c.name), c.name] as const));
  const positions: (string | undefined)[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const title of header.record) {
    const name = known.get(headerKey(title));
    const blank = title.trim() === '';
    if (!blank && name === undefined) {
      problems.push(`${file}:1: column "${title.trim()}" is not one this import reads (expected: ${columns.map((c) => c.name).join(', ')})`);
    } else if (name !== undefined && seen.has(name)) {
      problems.push(`${file}:1: column "${name}" appears twice`);
    }
    const usable = name !== undefined && !seen.has(name);
    if (usable) seen.add(name);
    positions.push(usable ? name : undefined);
  }
  for (const column of columns) {
    if (column.required && !seen.has(column.name)) problems.push(`${file}:1: column "${column.name}" is missing`);
  }
  if (problems.length > 0) return fail('import.bad_header', problems.join('\n'), { problems });

  return ok(
    body.map(({ record, info }) => {
      const cells: Record<string, string> = {};
      record.forEach((value, index) => {
        const name = positions[index];
        if (name !== undefined) cells[name] = value.trim();
      });
      // csv-parse counts lines up to the end of the record; a quoted cell may span several.
      const inner = record.reduce((count, value) => count + (value.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - inner, cells };
    }),
  );
}
