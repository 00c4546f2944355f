import { fail, ok, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore, type DataFlags } from '../dataStore.js';
import type { Io } from '../io.js';
import { parseLocalDate, parseYearLabel } from '../parse/index.js';
import { correctMembership, endMembership, erasePerson, removeIncome, removeMeeting, removeSpending } from '../records/index.js';
import { nowText } from './output.js';

/** Runs a change on the data and prints the sentence it returns. */
async function change(flags: DataFlags, io: Io, work: Parameters<typeof withDataStore<string>>[1]): Promise<Result<void>> {
  return withDataStore(resolveDataAddress(flags, io), async (store, address) => {
    const done = await work(store, address);
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}

/** Reads a date flag, naming the flag when it is not a date. */
function dateFlag(name: string, value: string): Result<string> {
  const parsed = parseLocalDate(value);
  return parsed.success ? parsed : fail('usage.bad_date', `--${name}: ${parsed.error.message}`);
}

const as = (flags: { as?: string }) => (flags.as === undefined ? {} : { asEmail: flags.as });

/** The flags of `ptrack income remove` and `ptrack spending remove`. */
export interface FundingRemoveFlags extends DataFlags {
  readonly year?: string;
  readonly as?: string;
}

/** `ptrack income|spending remove LINE --year Y`: removes a line entered by mistake. */
export async function fundingRemoveCommand(kind: 'income' | 'spending', line: string, flags: FundingRemoveFlags, io: Io): Promise<Result<void>> {
  if (flags.year === undefined) return fail('usage.year_required', `${kind} remove needs --year, e.g. --year 2024/25`);
  const year = parseYearLabel(flags.year);
  if (!year.success) return fail('usage.bad_year', `--year: ${year.error.message}`);
  const request = { year: year.data, line, ...as(flags) };
  return change(flags, io, (store) => (kind === 'income' ? removeIncome(store, request, nowText(io)) : removeSpending(store, request, nowText(io))));
}

/** `ptrack meeting remove ID`: removes a meeting entered by mistake (with --with-register, its register too). */
export async function meetingRemoveCommand(meetingId: string, flags: DataFlags & { withRegister?: boolean; as?: string }, io: Io): Promise<Result<void>> {
  return change(flags, io, (store) => removeMeeting(store, { meetingId, withRegister: flags.withRegister ?? false, ...as(flags) }, nowText(io)));
}

/** The flags of `ptrack membership …`. */
export interface MembershipFlags extends DataFlags {
  readonly subgroup: string;
  readonly agency: string;
  readonly on?: string;
  readonly was?: string;
  readonly joined?: string;
  readonly left?: string;
  readonly stillMember?: boolean;
  readonly as?: string;
}

/** `ptrack membership end|correct|remove`: ends, corrects or removes an agency's membership of a subgroup. */
export async function membershipCommand(what: 'end' | 'correct' | 'remove', flags: MembershipFlags, io: Io): Promise<Result<void>> {
  const dates: Record<string, string | undefined> = {};
  for (const name of ['on', 'was', 'joined', 'left'] as const) {
    const value = flags[name];
    if (value === undefined) continue;
    const parsed = dateFlag(name, value);
    if (!parsed.success) return parsed;
    dates[name] = parsed.data;
  }
  const member = { subgroup: flags.subgroup, agency: flags.agency, ...as(flags) };
  const was = dates.was === undefined ? {} : { was: dates.was };
  if (what === 'end') {
    if (dates.on === undefined) return fail('usage.on_required', 'membership end needs --on, the last day of membership, e.g. --on 31/03/2026');
    return change(flags, io, (store) => endMembership(store, { ...member, left: dates.on! }, nowText(io)));
  }
  if (what === 'remove') return change(flags, io, (store) => correctMembership(store, { ...member, ...was, remove: true }, nowText(io)));
  if (flags.stillMember && dates.left !== undefined) return fail('usage.left', 'Give --left DATE or --still-member, not both.');
  if (dates.joined === undefined && dates.left === undefined && !flags.stillMember) {
    return fail('usage.nothing_to_correct', 'Say what to correct: --joined DATE, --left DATE or --still-member.');
  }
  const left = flags.stillMember ? { left: null } : dates.left === undefined ? {} : { left: dates.left };
  return change(flags, io, (store) => correctMembership(store, { ...member, ...was, ...(dates.joined === undefined ? {} : { joined: dates.joined }), ...left }, nowText(io)));
}

/** `ptrack person erase EMAIL`: a GDPR erasure, the business team's alone. */
export async function personEraseCommand(email: string, flags: DataFlags & { as?: string }, io: Io): Promise<Result<void>> {
  return change(flags, io, (store) => erasePerson(store, { email, ...as(flags) }, nowText(io)));
}
