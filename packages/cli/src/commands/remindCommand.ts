import { fail, localDateOf, ok, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import type { Io } from '../io.js';
import { parseLocalDate } from '../parse/index.js';
import { describeReminders, remindersOn } from '../remind/index.js';

/** The flags of `ptrack remind`. */
export interface RemindFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly dryRun?: boolean;
  readonly on?: string;
}

/** `ptrack remind --dry-run [--on DATE]`: lists the reminders that would go out that day and to whom. */
export async function remindCommand(flags: RemindFlags, io: Io): Promise<Result<void>> {
  if (!flags.dryRun) return fail('usage.dry_run_only', 'ptrack only lists reminders; the Teams bot sends them. Add --dry-run.');
  const day = flags.on === undefined ? undefined : parseLocalDate(flags.on);
  if (day && !day.success) return fail('usage.bad_date', `--on: ${day.error.message}`);
  return withDataStore(resolveDataAddress(flags, io), async (store) => {
    const db = await store.read();
    const on = day?.success ? day.data : localDateOf(io.now(), db.partnership.timeZone);
    io.stdout(describeReminders(db, on, remindersOn(db, on)));
    return ok(undefined);
  });
}
