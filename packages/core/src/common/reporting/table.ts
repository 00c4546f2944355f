/** How a column's values are typed, so that every writer shows and stores them the same way. */
export type CellType =
  | 'text'
  | 'integer'
  /** Integer pence, shown as pounds. */
  | 'pence'
  /** A whole percentage (133 is 133%). */
  | 'percent'
  /** A percentage to one decimal place (12.5 is 12.5%), as changes between years are shown. */
  | 'percentTenths'
  /** Hundredths of a per cent (7408 is 74.08%), as funding shares are kept. */
  | 'share'
  /** A calendar date, `YYYY-MM-DD`. */
  | 'date'
  /** A reference such as `A-16`: text that is kept whole on one line where it is shown. */
  | 'reference';

const numericTypes: ReadonlySet<CellType> = new Set(['integer', 'pence', 'percent', 'percentTenths', 'share']);

/** Whether a column holds numbers, which every writer aligns to the right. */
export function isNumeric(type: CellType): boolean {
  return numericTypes.has(type);
}

/** One column of a table. */
export interface Column {
  readonly key: string;
  readonly header: string;
  readonly type: CellType;
}

/**
 * A cell: a number of the column's type, a string (a date, text, or a marker such as "—" for
 * "not a member" in a numeric column), or null for blank.
 */
export type Cell = number | string | null;

/** One row of a table, keyed by column key. */
export type Row = Readonly<Record<string, Cell>>;

/** A table as every export writes it: csv, xlsx, md, html and json all start from this. */
export interface Table {
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** A closing row (totals), written after the rows and marked as such where the format can. */
  readonly total?: Row;
}

/** One or more tables with a title: what an export command produces. */
export interface Report {
  readonly title: string;
  readonly tables: readonly Table[];
  /** Sentences printed under the tables (e.g. "— = not a member"). */
  readonly notes?: readonly string[];
}
