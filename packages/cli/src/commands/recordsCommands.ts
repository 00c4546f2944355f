import { ok, type ActionStatus, type Result } from '@partnership-tracker/core';
import { resolveDataPath, withDataFile } from '../dataFile.js';
import type { Io } from '../io.js';
import { parseEmailList } from '../parse/index.js';
import { recordAttendance, updateAction } from '../records/index.js';
import { nowText } from './output.js';

/** The flags of `ptrack attendance record`. */
export interface AttendanceFlags {
  readonly data?: string;
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
  return withDataFile(resolveDataPath(flags.data, io), async (store) => {
    const done = await recordAttendance(store, { meetingId: flags.meeting, ...lists, ...(flags.as === undefined ? {} : { asEmail: flags.as }) }, nowText(io));
    if (!done.success) return done;
    io.stdout(`${done.data}\n`);
    return ok(undefined);
  });
}

/** The flags of `ptrack action update`. */
export interface ActionFlags {
  readonly data?: string;
  readonly progress?: number;
  readonly status?: ActionStatus;
  readonly note?: string;
  readonly as?: string;
}

/** `ptrack action update REF`: adds an update to an action's history. */
export async function actionUpdateCommand(ref: string, flags: ActionFlags, io: Io): Promise<Result<void>> {
  return withDataFile(resolveDataPath(flags.data, io), async (store) => {
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
  });
}
