import type { Result } from '@partnership-tracker/core';
import type { CsvRow } from '../csv/index.js';

/** Something wrong with one cell (or a whole row, when `column` is null) of an import file. */
export interface RowProblem {
  readonly line: number;
  readonly column: string | null;
  readonly message: string;
}

/** Renders a problem as `FILE:LINE: column "X": what is wrong`. */
export function formatProblem(file: string, problem: RowProblem): string {
  const where = problem.column === null ? '' : `column "${problem.column}": `;
  return `${file}:${problem.line}: ${where}${problem.message}`;
}

/**
 * Reads the cells of one row, collecting a problem for every cell that is missing or does not
 * parse, so that one pass over a file reports every bad row rather than only the first.
 */
export class RowReader {
  private problemCount = 0;

  constructor(
    readonly row: CsvRow,
    private readonly problems: RowProblem[],
  ) {}

  /** The row's line in the file. */
  get line(): number {
    return this.row.line;
  }

  /** Whether no problem has been found in this row so far. */
  get valid(): boolean {
    return this.problemCount === 0;
  }

  /** Records a problem with a cell (or with the row, when `column` is null). */
  problem(column: string | null, message: string): void {
    this.problemCount++;
    this.problems.push({ line: this.row.line, column, message });
  }

  /** The trimmed text of a cell that must not be blank. */
  required(column: string): string | undefined {
    const value = this.row.cells[column] ?? '';
    if (value === '') {
      this.problem(column, 'is blank; every row needs it');
      return undefined;
    }
    return value;
  }

  /** The trimmed text of a cell, or null when the cell is blank or its column is absent. */
  optional(column: string): string | null {
    const value = this.row.cells[column] ?? '';
    return value === '' ? null : value;
  }

  /** A cell read by a parser: undefined when it fails (a problem is recorded), null when blank and optional. */
  parsed<T>(column: string, parse: (text: string) => Result<T>, required: true): T | undefined;
  parsed<T>(column: string, parse: (text: string) => Result<T>, required?: false): T | null | undefined;
  parsed<T>(column: string, parse: (text: string) => Result<T>, required = false): T | null | undefined {
    const text = required ? this.required(column) : this.optional(column);
    if (text === undefined) return undefined;
    if (text === null) return null;
    const result = parse(text);
    if (result.success) return result.data;
    this.problem(column, result.error.message);
    return undefined;
  }

  /** A cell holding one of a fixed set of words, matched loosely (`Business team` = `business-team`). */
  choice<T extends string>(column: string, choices: readonly T[], synonyms: Readonly<Record<string, T>> = {}): T | null | undefined {
    return this.parsed(column, (text) => matchChoice(text, choices, synonyms));
  }

  /** A yes/no cell. */
  flag(column: string): boolean | null | undefined {
    return this.parsed(column, (text) => {
      const word = text.toLowerCase();
      if (['yes', 'y', 'true', '1'].includes(word)) return { success: true, data: true };
      if (['no', 'n', 'false', '0'].includes(word)) return { success: true, data: false };
      return { success: false, error: { code: 'input.bad_flag', message: `"${text}" is not yes or no` } };
    });
  }

  /** A whole number within bounds. */
  integer(column: string, min: number, max: number): number | null | undefined {
    return this.parsed(column, (text) => {
      const value = Number(text.replace(/%$/, ''));
      if (/^\d+%?$/.test(text) && value >= min && value <= max) return { success: true, data: value };
      return { success: false, error: { code: 'input.bad_number', message: `"${text}" is not a whole number from ${min} to ${max}` } };
    });
  }
}

/** Matches a word against allowed values ignoring case, spaces, hyphens and underscores. */
export function matchChoice<T extends string>(text: string, choices: readonly T[], synonyms: Readonly<Record<string, T>> = {}): Result<T> {
  const key = choiceKey(text);
  const found = choices.find((c) => choiceKey(c) === key) ?? Object.entries(synonyms).find(([word]) => choiceKey(word) === key)?.[1];
  if (found !== undefined) return { success: true, data: found };
  return { success: false, error: { code: 'input.bad_choice', message: `"${text}" is not one of ${choices.join(', ')}` } };
}

function choiceKey(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, '-');
}
