import { isAbsolute, resolve } from 'node:path';
import { fail, type Database, type Result, type Store } from '@partnership-tracker/core';
import type { Io } from './io.js';

/** The data file used when neither `--data` nor `PTRACK_DATA` names one. */
export const DEFAULT_DATA_FILE = 'partnership.json';

/** Which data file a command works on: `--data FILE`, else `PTRACK_DATA`, else `./partnership.json`. */
export function resolveDataPath(option: string | undefined, io: Pick<Io, 'env' | 'cwd'>): string {
  const chosen = option ?? (io.env.PTRACK_DATA || undefined) ?? DEFAULT_DATA_FILE;
  return isAbsolute(chosen) ? chosen : resolve(io.cwd, chosen);
}

// Loaded only by commands that touch the data file, so that --help and --version stay fast.
const fileStore = () => import('@partnership-tracker/core/node');

/** Opens the data file as a store; fails with a message naming the file when it is missing or invalid. */
export async function openDataFile(path: string): Promise<Result<Store>> {
  const opened = await (await fileStore()).openFileStore(path);
  if (opened.success || opened.error.code !== 'store.not_found') return opened;
  return fail(opened.error.code, `${opened.error.message} Create it with \`ptrack init\`, or name another data file with --data or PTRACK_DATA.`, opened.error.details);
}

/** Writes a new data file, refusing to replace an existing one unless `force` is set. */
export async function createDataFile(path: string, db: Database, force: boolean): Promise<Result<void>> {
  return (await fileStore()).createDataFile(path, db, { force });
}

/** Runs `work` with the data file open as a store, and always closes it. */
export async function withDataFile<T>(path: string, work: (store: Store) => Promise<Result<T>>): Promise<Result<T>> {
  const opened = await openDataFile(path);
  if (!opened.success) return opened;
  try {
    return await work(opened.data);
  } finally {
    await opened.data.close();
  }
}
