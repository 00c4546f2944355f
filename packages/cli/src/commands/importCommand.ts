import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applyCommands, fail, ok, type Result } from '@partnership-tracker/core';
import { readImportFile } from '../csv/index.js';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import { describeChanges, importerFor, prepareImport } from '../import/index.js';
import type { Io } from '../io.js';
import { CLI_ACTOR } from '../records/index.js';
import { nowText } from './output.js';

/** The flags of `ptrack import`. */
export interface ImportFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly createAgencies?: boolean;
  readonly dryRun?: boolean;
  /** Refuse columns the import does not read, instead of ignoring them with a warning. */
  readonly strict?: boolean;
  /** The sheet of an .xlsx workbook (the first by default). */
  readonly sheet?: string;
  /** Set existing actions' progress and status from the file, over what their owners recorded. */
  readonly overwriteProgress?: boolean;
}

/** `ptrack import ENTITY FILE`: reads a CSV file or a workbook's sheet, checks every row, then writes all of them or none. */
export async function importCommand(entity: string, file: string, flags: ImportFlags, io: Io): Promise<Result<void>> {
  const importer = importerFor(entity);
  if (!importer) return fail('usage.unknown_entity', `Cannot import "${entity}".`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('input.unreadable_file', code === 'ENOENT' ? `${file}: no such file` : `${file}: ${(error as Error).message}`);
  }
  const source = await readImportFile(bytes, file, flags.sheet === undefined ? {} : { sheet: flags.sheet });
  if (!source.success) return source;
  const label = source.data.label;
  const at = nowText(io);
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const db = await store.read();
    const context = { actor: CLI_ACTOR, at };
    const options = { createAgencies: flags.createAgencies === true, now: at, strict: flags.strict === true, overwriteProgress: flags.overwriteProgress === true };
    const prepared = prepareImport(importer, source.data, db, options, context);
    if (!prepared.success) return prepared;
    const { commands, rows, warnings, notes } = prepared.data;
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    const rowWord = `${rows} ${rows === 1 ? 'row' : 'rows'}`;
    const summary = (sentence: string) => io.stdout([sentence, ...notes].join('\n') + '\n');
    if (flags.dryRun) {
      const trial = applyCommands(db, commands, context);
      if (!trial.success) return trial;
      summary(`${label}: ${rowWord} checked; the import would have ${describeChanges(trial.data.audit)}. Nothing was written (--dry-run).`);
      return ok(undefined);
    }
    const committed = await store.commit(commands, context);
    if (!committed.success) return committed;
    summary(`${label}: ${rowWord}; ${describeChanges(committed.data.audit)}.`);
    return ok(undefined);
  }, io);
}
