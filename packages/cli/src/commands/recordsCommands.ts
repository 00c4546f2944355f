import { ok, type ActionStatus, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import type { Io } from '../io.js';
import { parseEmailList, parseLocalDate } from '../parse/index.js';
import { chaseReturn, recordAttendance, snoozeAction, snoozeReturn, updateAction, withdrawAction } from '../records/index.js';
import { nowText } from './output.js';

/** The flags of `ptrack attendance record`. */
export interface AttendanceFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly meeting: string;
  readonly present?: string;
  readonly apologies?: string;
  readonly absent?: string;
  readonly as?: string;
}

/** `ptrack attendance record`: records a meeting's register. */
export async function attendanceRecordCommand(flags: AttendanceFlags, io: Io): Promise<Result<void>> {
  const lists: Record<'present' | 'apologies' | 'absent', string[]> = { present: [], apologies: [], absent: [] };
  for (const key of ['present', 'apologies', 'absent'] as const) {
    const parsed = parseEmailList(flags[key] ?? '');
    if (!parsed.success) return { success: false, error: { code: 'usage.bad_email', message: `--${key}: ${parsed.error.message}` } };
    lists[key] = parsed.data;
  }
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const done = await recordAttendance(store, { meetingId: flags.meeting, ...lists, ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io));
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}

/** The flags of `ptrack action update`. */
export interface ActionFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly progress?: number;
  readonly status?: ActionStatus;
  readonly note?: string;
  readonly as?: string;
}

/** `ptrack action update REF`: adds an update to an action's history. */
export async function actionUpdateCommand(ref: string, flags: ActionFlags, io: Io): Promise<Result<void>> {
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const done = await updateAction(
      store,
      {
        ref,
        ...(flags.progress === undefined ? {} : { progress: flags.progress }),
        ...(flags.status === undefined ? {} : { status: flags.status }),
        ...(flags.note === undefined ? {} : { note: flags.note }),
        ...(flags.as === undefined ? {} : { asEmail: flags.as }),
      },
      nowText(io),
    );
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}

/** The flags of `ptrack action snooze`. */
export interface SnoozeFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly until?: string;
  readonly off?: boolean;
  readonly as?: string;
}

/** The day --until names (null with --off), or why the flags are not one of the two. */
function snoozeUntil(flags: { readonly until?: string; readonly off?: boolean }): Result<string | null> {
  if ((flags.until === undefined) === (flags.off !== true)) {
    return { success: false, error: { code: 'usage.snooze', message: 'Give either --until DATE or --off.' } };
  }
  if (flags.until === undefined) return ok(null);
  const parsed = parseLocalDate(flags.until);
  return parsed.success ? ok(parsed.data) : { success: false, error: { code: 'usage.bad_date', message: `--until: ${parsed.error.message}` } };
}

/** `ptrack action snooze REF`: no reminders for the action until a date, or back on with --off. */
export async function actionSnoozeCommand(ref: string, flags: SnoozeFlags, io: Io): Promise<Result<void>> {
  const until = snoozeUntil(flags);
  if (!until.success) return until;
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const done = await snoozeAction(store, { ref, until: until.data, ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io));
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}

/** The flags of `ptrack action withdraw`. */
export interface WithdrawFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly reason?: string;
  readonly propose?: boolean;
  readonly as?: string;
}

/** `ptrack action withdraw REF --reason TEXT`: withdraws an action, or with --propose proposes it. */
export async function actionWithdrawCommand(ref: string, flags: WithdrawFlags, io: Io): Promise<Result<void>> {
  const reason = flags.reason?.trim() ?? '';
  if (reason === '') return { success: false, error: { code: 'usage.reason', message: 'Give the reason with --reason: it goes into the action\'s history.' } };
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const done = await withdrawAction(store, { ref, reason, propose: flags.propose === true, ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io));
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}

/** The flags of `ptrack returns chase` and `ptrack returns snooze`. */
export interface ReturnFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly return: string;
  readonly agency: string;
  readonly until?: string;
  readonly off?: boolean;
  readonly as?: string;
}

/** `ptrack returns chase --agency X --return Y`: the business team chases a contact by hand. */
export async function returnsChaseCommand(flags: ReturnFlags, io: Io): Promise<Result<void>> {
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const done = await chaseReturn(store, { returnName: flags.return, agencyName: flags.agency, ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io));
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}

/** `ptrack returns snooze --agency X --return Y --until DATE|--off`: no chases to the contact until a date. */
export async function returnsSnoozeCommand(flags: ReturnFlags, io: Io): Promise<Result<void>> {
  const until = snoozeUntil(flags);
  if (!until.success) return until;
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const done = await snoozeReturn(store, { returnName: flags.return, agencyName: flags.agency, until: until.data, ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io));
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  }, io);
}
