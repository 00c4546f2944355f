import { fail, ok, type Result } from '../base/result.js';
import { CURRENT_SCHEMA_VERSION } from './database.js';

/** Turns a parsed data file of version N into version N + 1. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * The migrations from each older schema version, keyed by the version they upgrade from.
 * Version 1 is the first published schema, so there is nothing to migrate yet.
 */
export const migrations: Readonly<Record<number, Migration>> = {};

/** Brings a data file up to the current schema version, or says why it cannot. */
export function migrate(
  data: unknown,
  steps: Readonly<Record<number, Migration>> = migrations,
  target: number = CURRENT_SCHEMA_VERSION,
): Result<{ data: Record<string, unknown>; from: number }> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('store.not_an_object', 'the file does not hold a JSON object');
  }
  let current = data as Record<string, unknown>;
  const from = current.version;
  if (typeof from !== 'number' || !Number.isInteger(from)) {
    return fail('store.no_version', 'version: missing or not a whole number');
  }
  if (from > target) {
    return fail('store.newer_version', `version: ${from} is newer than this program understands (${target}); upgrade Partnership Tracker`);
  }
  for (let version = from; version < target; version++) {
    const step = steps[version];
    if (!step) return fail('store.no_migration', `version: no migration from ${version} to ${version + 1}`);
    current = { ...step(current), version: version + 1 };
  }
  return ok({ data: current, from });
}
