import { ok, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import type { Io } from '../io.js';
import { carryOver } from '../records/index.js';
import { nowText } from './output.js';

/** The flags of `ptrack plan carry-over`. */
export interface CarryOverFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly from: string;
  readonly to: string;
  readonly dryRun?: boolean;
  readonly as?: string;
}

/** `ptrack plan carry-over --from PLAN --to PLAN`: the unfinished actions of one plan, linked into the next. */
export async function planCarryOverCommand(flags: CarryOverFlags, io: Io): Promise<Result<void>> {
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const done = await carryOver(store, { from: flags.from, to: flags.to, dryRun: flags.dryRun === true, ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io));
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}
