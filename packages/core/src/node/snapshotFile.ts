import { fail, ok, type Result } from '../common/base/result.js';
import { parseWith } from '../common/base/validation.js';
import { Database } from '../common/store/database.js';
import { migrate, migrations as defaultMigrations, type Migration } from '../common/store/migrations.js';
import { findJsonSyntaxProblem } from './jsonLocation.js';

/** The JSON text of a database as written to disk: 2-space indentation and a final newline, for diffs. */
export function serializeDatabase(db: Database): string {
  return `${JSON.stringify(db, null, 2)}\n`;
}

/** A data file's JSON as it stands, before migration and validation. */
export type DataFileJson = Record<string, unknown>;

/**
 * Reads a data file's text as JSON, or says what is wrong and where: the file name, then the line
 * and column of bad JSON.
 */
export function readDataJson(text: string, fileName: string): Result<DataFileJson> {
  // Editors on Windows may add a byte-order mark; JSON.parse rejects it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const problem = findJsonSyntaxProblem(body);
    if (problem === undefined) {
      return fail('store.corrupt', `${fileName}: not valid JSON: ${(error as Error).message}`, { file: fileName });
    }
    return fail('store.corrupt', `${fileName}: not valid JSON at line ${problem.line} column ${problem.column}: ${problem.reason}`, {
      file: fileName,
      line: problem.line,
      column: problem.column,
    });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('store.not_an_object', `${fileName}: the file does not hold a JSON object`, { file: fileName });
  }
  return ok(json as DataFileJson);
}

/** Migrates a data file's JSON to the current schema version and validates it, naming the failing place. */
export function toDatabase(
  json: DataFileJson,
  fileName: string,
  steps: Readonly<Record<number, Migration>> = defaultMigrations,
): Result<{ db: Database; migratedFrom: number }> {
  const migrated = migrate(json, steps);
  if (!migrated.success) return fail(migrated.error.code, `${fileName}: ${migrated.error.message}`, { file: fileName });
  const valid = parseWith(Database, migrated.data.data, 'store.invalid');
  if (!valid.success) return fail('store.invalid', `${fileName}: ${valid.error.message}`, { file: fileName, ...valid.error.details });
  return ok({ db: valid.data, migratedFrom: migrated.data.from });
}

/**
 * Reads a data file's text into a valid, current-version database, or says what is wrong and
 * where: the file name, then the line and column of bad JSON or the path of an invalid record.
 */
export function parseDataFile(
  text: string,
  fileName: string,
  steps: Readonly<Record<number, Migration>> = defaultMigrations,
): Result<{ db: Database; migratedFrom: number }> {
  const json = readDataJson(text, fileName);
  if (!json.success) return json;
  return toDatabase(json.data, fileName, steps);
}
