import type { Attendance } from '../attendance/attendance.js';

/** Where each meeting's lines sit in a register list: meeting id → positions, in list order. */
export type RegisterIndex = ReadonlyMap<string, readonly number[]>;

// Keyed by the list itself: lists are never changed once part of a database, so an index stays
// true for as long as its list lives, and goes with it.
const indexes = new WeakMap<readonly Attendance[], RegisterIndex>();

/**
 * The positions of each meeting's lines in `register`. Built by one pass over the whole list the
 * first time (at 200,000 lines, reading every line is ~10 ms: the lines are scattered through a
 * large heap), then carried from list to list by `withMeetingLines`.
 */
export function registerIndex(register: readonly Attendance[]): RegisterIndex {
  const known = indexes.get(register);
  if (known !== undefined) return known;
  const built = new Map<string, number[]>();
  register.forEach((line, position) => {
    const positions = built.get(line.meetingId);
    if (positions === undefined) built.set(line.meetingId, [position]);
    else positions.push(position);
  });
  indexes.set(register, built);
  return built;
}

/**
 * Hands the index of `previous` on to `next`, a copy of it in which only `meetingId`'s lines
 * changed in place or were appended at the end, at `positions`: every other meeting's lines are
 * where they were. The index is updated in place and moves to `next` (copying it would cost
 * ~3 ms at 12,000 meetings); `previous`, almost never changed again once a newer list exists,
 * gets a fresh index if it is.
 */
export function withMeetingLines(previous: readonly Attendance[], next: readonly Attendance[], meetingId: string, positions: readonly number[]): void {
  const known = indexes.get(previous) as Map<string, readonly number[]> | undefined;
  if (known === undefined) return;
  indexes.delete(previous);
  known.set(meetingId, positions);
  indexes.set(next, known);
}

/**
 * Moves the index of `previous` to `next`, a fresh copy of it that is about to be changed in
 * place (lines replaced, or added at the end with `noteRegisterLine`) before anyone else sees it.
 */
export function carryRegisterIndex(previous: readonly Attendance[], next: readonly Attendance[]): void {
  const known = indexes.get(previous);
  if (known === undefined) return;
  indexes.delete(previous);
  indexes.set(next, known);
}

/** Records, in the index `list` carries (if any), a line added at its end for `meetingId`. */
export function noteRegisterLine(list: readonly Attendance[], meetingId: string, position: number): void {
  const known = indexes.get(list) as Map<string, readonly number[]> | undefined;
  known?.set(meetingId, [...(known.get(meetingId) ?? []), position]);
}
