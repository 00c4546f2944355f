import { isAbsolute, resolve } from 'node:path';
import { fail, type Database, type Result, type Store } from '@partnership-tracker/core';
import type { Io } from './io.js';

/** The data file used when neither `--data` nor `PTRACK_DATA` names one. */
export const DEFAULT_DATA_FILE = 'partnership.json';

/** Where a command's partnership lives: a data file, or one partnership of a PostgreSQL database. */
export type DataAddress =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly partnership: string | undefined };

/** The global flags that address the data. */
export interface DataFlags {
  readonly data?: string;
  readonly partnership?: string;
}

// Loaded only by commands that touch the data, so that --help and --version stay fast.
const nodeStores = () => import('@partnership-tracker/core/node');

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Which data a command works on: `--data` (a file or a postgres:// URL), else `PTRACK_DATA`,
 * else `./partnership.json`; in a database, the partnership `--partnership`, else
 * `PTRACK_PARTNERSHIP`, else the database's only one.
 */
export function resolveDataAddress(flags: DataFlags, io: Pick<Io, 'env' | 'cwd'>): DataAddress {
  return addressOf(flags.data ?? (io.env.PTRACK_DATA || undefined) ?? DEFAULT_DATA_FILE, flags.partnership ?? (io.env.PTRACK_PARTNERSHIP || undefined), io);
}

/** A file path or database URL as an address (a relative path is taken from the working directory). */
export function addressOf(chosen: string, partnership: string | undefined, io: Pick<Io, 'cwd'>): DataAddress {
  if (POSTGRES_URL.test(chosen.trim())) return { kind: 'postgres', url: chosen.trim(), partnership };
  return { kind: 'file', path: isAbsolute(chosen) ? chosen : resolve(io.cwd, chosen) };
}

/** The address as people may see it: the file's path, or the partnership in the database (never a password). */
export async function describeAddress(address: DataAddress): Promise<string> {
  if (address.kind === 'file') return address.path;
  const where = (await nodeStores()).describeDatabaseUrl(address.url);
  return address.partnership === undefined ? where : `partnership "${address.partnership}" in ${where}`;
}

/** Opens the data as a store; fails with a message naming the file or database when it is missing or invalid. */
export async function openDataStore(address: DataAddress): Promise<Result<Store>> {
  const stores = await nodeStores();
  if (address.kind === 'postgres') {
    const opened = await stores.openPgStore(address.url, address.partnership);
    if (opened.success || opened.error.code !== 'store.not_found') return opened;
    return fail(opened.error.code, `${opened.error.message} Create it with \`ptrack init --data URL --partnership SLUG\`; \`ptrack partnerships\` lists those there are.`, opened.error.details);
  }
  const opened = await stores.openFileStore(address.path);
  if (opened.success || opened.error.code !== 'store.not_found') return opened;
  return fail(opened.error.code, `${opened.error.message} Create it with \`ptrack init\`, or name another data file with --data or PTRACK_DATA.`, opened.error.details);
}

/**
 * Creates a new partnership holding `db`: a data file (replaced only with `force`) or a
 * partnership of a database (never replaced). Gives where it went, for the message.
 */
export async function createPartnership(address: DataAddress, db: Database, force: boolean): Promise<Result<string>> {
  const stores = await nodeStores();
  if (address.kind === 'file') {
    const created = await stores.createDataFile(address.path, db, { force });
    if (!created.success) return created.error.code === 'store.exists' ? fail(created.error.code, `${created.error.message} Add --force to replace it (its data will be lost).`) : created;
    return { success: true, data: address.path };
  }
  if (address.partnership === undefined) return fail('usage.partnership_needed', 'Say which partnership to create in the database with --partnership SLUG (e.g. croydon-scp).');
  if (force) return fail('usage.force_in_database', '--force replaces a data file; a partnership in a database is never replaced. Choose another --partnership.');
  const connected = await stores.PgPartnerships.connect(address.url);
  if (!connected.success) return connected;
  try {
    const created = await connected.data.create(address.partnership, db);
    if (!created.success) return created;
    return { success: true, data: `partnership "${address.partnership}" in ${connected.data.address}` };
  } finally {
    await connected.data.close();
  }
}

/**
 * Runs `work` with the data open as a store (and where it is), and always closes it. Given the
 * Io of a command that writes, the store refuses a change dated by `PTRACK_NOW` before the last
 * recorded change or after the machine's clock (see `writeClockGuard`).
 */
export async function withDataStore<T>(address: DataAddress, work: (store: Store, address: DataAddress) => Promise<Result<T>>, io?: Pick<Io, 'env' | 'realNow'>): Promise<Result<T>> {
  const opened = await openDataStore(address);
  if (!opened.success) return opened;
  try {
    return await work(io?.env.PTRACK_NOW ? writeClockGuard(opened.data, io) : opened.data, address);
  } finally {
    await opened.data.close();
  }
}

/**
 * `PTRACK_NOW` is for reproducing reports. A change dated by it must still keep the history in
 * order: it is refused (a usage error) when it would come before the last recorded change, or
 * after the machine's clock (where every later change by the bot would seem to precede it).
 */
export function writeClockGuard(store: Store, io: Pick<Io, 'env' | 'realNow'>): Store {
  return {
    read: () => store.read(),
    readWithHistory: () => store.readWithHistory(),
    close: () => store.close(),
    async commit(commands, context) {
      const last = (await store.read()).audit.at(-1);
      const at = Date.parse(context.at);
      const now = io.env.PTRACK_NOW;
      if (last !== undefined && at < Date.parse(last.at)) {
        return fail('usage.clock_before_history', `PTRACK_NOW=${now} is before the last recorded change (${last.at}); a change cannot be dated before it. PTRACK_NOW is for reproducing reports: unset it to record changes at the time they are made. Nothing was written.`);
      }
      if (at > io.realNow().getTime() + 60_000) {
        return fail('usage.clock_in_future', `PTRACK_NOW=${now} is later than this machine's clock (${io.realNow().toISOString()}); a change cannot be dated in the future. Unset PTRACK_NOW to record changes at the time they are made. Nothing was written.`);
      }
      return store.commit(commands, context);
    },
  };
}
