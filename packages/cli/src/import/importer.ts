import type { CommandInput, Database } from '@partnership-tracker/core';
import type { ColumnSpec, CsvRow } from '../csv/index.js';
import { splitList } from '../parse/index.js';
import { AgencyDirectory } from './directory.js';
import { RowReader, type RowProblem } from './rowReader.js';

/** What an import may do beyond the rows it reads. */
export interface ImportOptions {
  /** Add agencies that the file names but the register lacks, instead of refusing the row. */
  readonly createAgencies: boolean;
  /** The moment of the import, ISO 8601 UTC: meetings must have started before attendance is recorded. */
  readonly now: string;
  /** Refuse a file with columns the import does not read, instead of ignoring them with a warning. */
  readonly strict?: boolean;
  /** Set the progress and status of existing actions from the file, over what their owners recorded since. */
  readonly overwriteProgress?: boolean;
}

/** A command an import will send, with the line of the file it came from. */
export interface PlannedCommand {
  readonly command: CommandInput;
  readonly line: number;
}

/** Everything an import file asks for: commands to send when there are no problems, and what the summary should add. */
export interface ImportPlan {
  readonly commands: PlannedCommand[];
  readonly problems: RowProblem[];
  /** Sentences for the summary: what the import chose to leave alone, and why. */
  readonly notes?: string[];
}

/** One kind of record that `ptrack import` reads from CSV. */
export interface Importer {
  readonly entity: string;
  /** What one row describes, for help and docs ("one agency"). */
  readonly rowMeaning: string;
  readonly columns: readonly ColumnSpec[];
  plan(rows: readonly CsvRow[], db: Database, options: ImportOptions): ImportPlan;
}

/** Remembers which line first used each natural key, so a second use is reported as a duplicate. */
export class KeyTracker {
  private readonly lines = new Map<string, number>();

  /** Claims a key for this row; records a problem and returns false when an earlier row has it. */
  claim(reader: RowReader, column: string | null, key: string, what: string): boolean {
    const earlier = this.lines.get(key);
    if (earlier !== undefined) {
      reader.problem(column, `duplicate ${what}: line ${earlier} already has it`);
      return false;
    }
    this.lines.set(key, reader.line);
    return true;
  }
}

/**
 * Reads a file's rows, each through a RowReader that records its problems, with one KeyTracker
 * for the natural keys of the whole file, and returns the problems. `readRow` plans what a valid
 * row asks for.
 */
export function readRows(rows: readonly CsvRow[], readRow: (reader: RowReader, keys: KeyTracker, row: CsvRow) => void): RowProblem[] {
  const problems: RowProblem[] = [];
  const keys = new KeyTracker();
  for (const row of rows) readRow(new RowReader(row, problems), keys, row);
  return problems;
}

/**
 * Resolves agency names in a file to ids, adding unknown agencies (sector "other") when the
 * import allows it, so that every other importer treats agencies the same way.
 */
export class AgencyResolver {
  readonly directory: AgencyDirectory;

  constructor(
    db: Database,
    private readonly options: ImportOptions,
    private readonly commands: PlannedCommand[],
  ) {
    this.directory = new AgencyDirectory(db.agencies);
  }

  /** The id of the agency named in a cell, or undefined with a problem recorded. */
  resolve(reader: RowReader, column: string, name: string): string | undefined {
    const found = this.directory.find(name);
    if (found) return found.id;
    if (!this.options.createAgencies) {
      reader.problem(column, `unknown agency "${name}"; add it to the agencies first, or import with --create-agencies`);
      return undefined;
    }
    const agency = { id: this.directory.newId(name), name: name.trim(), sector: 'other' as const, kind: 'organisation' as const, statutoryRole: 'none' as const, quorumRole: null, parentId: null, aliases: [], predecessorIds: [] };
    this.directory.add(agency);
    this.commands.push({ command: { type: 'agency.upsert', agency }, line: reader.line });
    return agency.id;
  }

  /** The ids of the agencies named in a cell, separated by `;`, or undefined with a problem recorded. */
  resolveList(reader: RowReader, column: string, text: string): string[] | undefined {
    const ids: string[] = [];
    let found = true;
    for (const name of splitList(text)) {
      const id = this.resolve(reader, column, name);
      if (id === undefined) found = false;
      else if (ids.includes(id)) {
        reader.problem(column, `names ${this.directory.find(name)?.name ?? name} twice`);
        found = false;
      } else ids.push(id);
    }
    return found ? ids : undefined;
  }
}
