import { fail, ok, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import { findPersonByEmail, findSubgroup } from '../import/index.js';
import type { Io } from '../io.js';
import { emit } from './output.js';

/** The flags of `ptrack calendar`. */
export interface CalendarFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly subgroup?: string;
  readonly person?: string;
  readonly out?: string;
}

/** `ptrack calendar`: writes an iCalendar file of meetings (and a person's due dates). */
export async function calendarCommand(flags: CalendarFlags, io: Io): Promise<Result<void>> {
  return withDataStore(resolveDataAddress(flags, io), async (store, address) => {
    const db = await store.read();
    const subgroup = flags.subgroup === undefined ? undefined : findSubgroup(db, flags.subgroup);
    if (flags.subgroup !== undefined && !subgroup) return fail('input.unknown_subgroup', `--subgroup ${flags.subgroup}: there is no such subgroup (there are: ${db.subgroups.map((s) => s.shortName).join(', ')}).`);
    const person = flags.person === undefined ? undefined : findPersonByEmail(db, flags.person);
    if (flags.person !== undefined && !person) return fail('input.unknown_person', `--person ${flags.person}: no person has that email address.`);
    const { buildCalendar } = await import('../calendar/index.js');
    const ics = buildCalendar(db, { ...(subgroup ? { subgroupId: subgroup.id } : {}), ...(person ? { person } : {}), now: io.now() });
    const written = await emit(io, ics, flags.out, address);
    return written.success ? ok(undefined) : written;
  });
}
