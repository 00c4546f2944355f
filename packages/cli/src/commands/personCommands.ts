import { ok, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore, type DataFlags } from '../dataStore.js';
import type { Io } from '../io.js';
import { parseLocalDate } from '../parse/index.js';
import { changeEmail, movePerson, personLeaves } from '../records/index.js';
import { nowText } from './output.js';

/** Reads an optional date flag, naming the flag when it is not a date. */
function dateFlag(name: string, value: string | undefined): Result<string | undefined> {
  if (value === undefined) return ok(undefined);
  const parsed = parseLocalDate(value);
  return parsed.success ? parsed : { success: false, error: { code: 'usage.bad_date', message: `--${name}: ${parsed.error.message}` } };
}

/** Runs a change on the data file and prints the sentence it returns. */
async function change(flags: DataFlags, io: Io, work: Parameters<typeof withDataStore<string>>[1]): Promise<Result<void>> {
  return withDataStore(resolveDataAddress(flags, io), async (store, address) => {
    const done = await work(store, address);
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}

/** The flags of `ptrack person move`. */
export interface MoveFlags {
  readonly data?: string;
  readonly partnership?: string;
  /** The agency's name; false for `--no-agency`. */
  readonly agency?: string | false;
  readonly from?: string;
  readonly as?: string;
}

/** `ptrack person move EMAIL`: the person is with another agency from a date. */
export async function personMoveCommand(email: string, flags: MoveFlags, io: Io): Promise<Result<void>> {
  if (flags.agency === undefined) return { success: false, error: { code: 'usage.move', message: 'Give the new agency with --agency NAME, or --no-agency.' } };
  const from = dateFlag('from', flags.from);
  if (!from.success) return from;
  return change(flags, io, (store) =>
    movePerson(store, { email, agency: flags.agency === false ? null : flags.agency!, ...(from.data === undefined ? {} : { from: from.data }), ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io)),
  );
}

/** The flags of `ptrack person leave`. */
export interface LeaveFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly on?: string;
  readonly as?: string;
}

/** `ptrack person leave EMAIL`: the person is inactive from a date, their history kept. */
export async function personLeaveCommand(email: string, flags: LeaveFlags, io: Io): Promise<Result<void>> {
  const on = dateFlag('on', flags.on);
  if (!on.success) return on;
  return change(flags, io, (store) => personLeaves(store, { email, ...(on.data === undefined ? {} : { on: on.data }), ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io)));
}

/** `ptrack person email EMAIL NEW-EMAIL`: the person's address changes (an import never changes one). */
export async function personEmailCommand(email: string, newEmail: string, flags: { data?: string; as?: string }, io: Io): Promise<Result<void>> {
  return change(flags, io, (store) => changeEmail(store, { email, newEmail, ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io)));
}
