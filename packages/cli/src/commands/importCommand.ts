import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applyCommands, fail, ok, type Result } from '@partnership-tracker/core';
import { decodeCsvFile } from '../csv/index.js';
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
}

/** `ptrack import ENTITY FILE.csv`: checks every row, then writes all of them or none. */
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
  const decoded = decodeCsvFile(bytes, file);
  if (!decoded.success) return decoded;
  const text = decoded.data;
  const at = nowText(io);
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const db = await store.read();
    const context = { actor: CLI_ACTOR, at };
    const prepared = prepareImport(importer, text, file, db, { createAgencies: flags.createAgencies === true, now: at }, context);
    if (!prepared.success) return prepared;
    const { commands, rows } = prepared.data;
    const rowWord = `${rows} ${rows === 1 ? 'row' : 'rows'}`;
    if (flags.dryRun) {
      const trial = applyCommands(db, commands, context);
      if (!trial.success) return trial;
      io.stdout(`${file}: ${rowWord} checked; the import would have ${describeChanges(trial.data.audit)}. Nothing was written (--dry-run).\n`);
      return ok(undefined);
    }
    const committed = await store.commit(commands, context);
    if (!committed.success) return committed;
    io.stdout(`${file}: ${rowWord}; ${describeChanges(committed.data.audit)}.\n`);
    return ok(undefined);
  });
}
