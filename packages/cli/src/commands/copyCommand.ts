import { fail, ok, type Result } from '@partnership-tracker/core';
import { addressOf, createPartnership, describeAddress, withDataStore } from '../dataStore.js';
import type { Io } from '../io.js';

/** The flags of `ptrack copy`. */
export interface CopyFlags {
  readonly from: string;
  readonly to: string;
  /** The partnership's id on the side (or sides) that is a database. */
  readonly partnership?: string;
}

/** The data as JSON with keys in one order, so that two stores' copies compare equal when they hold the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * `ptrack copy`: copies a partnership whole, history and all, from a data file or database to
 * another (never over an existing one), then reads the copy back and checks it holds exactly
 * what the original does, so that every export of the two is the same.
 */
export async function copyCommand(flags: CopyFlags, io: Io): Promise<Result<void>> {
  const partnership = flags.partnership ?? (io.env.PTRACK_PARTNERSHIP || undefined);
  const from = addressOf(flags.from, partnership, io);
  const to = addressOf(flags.to, partnership, io);
  if (from.kind === 'file' && to.kind === 'file' && from.path === to.path) return fail('usage.copy_onto_itself', '--from and --to name the same data file.');
  const source = await withDataStore(from, (store) => store.readWithHistory());
  if (!source.success) return source;
  const db = source.data;
  const created = await createPartnership(to, db, false);
  if (!created.success) return created;
  const copy = await withDataStore(to, (store) => store.readWithHistory());
  if (!copy.success) return copy;
  if (canonical(copy.data) !== canonical(db)) {
    return fail('store.copy_differs', `The copy at ${created.data} does not read back the same as ${await describeAddress(from)}; do not use it. Please report this.`);
  }
  io.stdout(`Copied ${db.partnership.name} (revision ${db.revision}, ${db.audit.length} audit entries) from ${await describeAddress(from)} to ${created.data}; the copy reads back the same.\n`);
  return ok(undefined);
}
