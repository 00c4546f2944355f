import { fail, localDateOf, ok, type AttendanceStatus, type RegisterEntry, type Result, type Store } from '@partnership-tracker/core';
import { findPersonByEmail } from '../import/index.js';
import { actorFor } from './actor.js';

/** A meeting's register as typed on the command line: email addresses by status. */
export interface RegisterRequest {
  readonly meetingId: string;
  readonly present: readonly string[];
  readonly apologies: readonly string[];
  readonly absent: readonly string[];
  /** The email of the person recording it; core checks they chair the subgroup or are the business team. */
  readonly asEmail?: string;
}

/** Records who came to a meeting, checked by core's permission rules; returns a sentence saying what was recorded. */
export async function recordAttendance(store: Store, request: RegisterRequest, at: string): Promise<Result<string>> {
  const db = await store.read();
  const actor = actorFor(db, request.asEmail);
  if (!actor.success) return actor;
  const meeting = db.meetings.find((m) => m.id === request.meetingId);
  if (!meeting) return fail('meeting.not_found', `There is no meeting ${request.meetingId}. Meeting ids look like quality-assurance-group-2025-01-21 (subgroup and date).`);

  const entries: RegisterEntry[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, AttendanceStatus>();
  const lists: [AttendanceStatus, readonly string[]][] = [['present', request.present], ['apologies', request.apologies], ['absent', request.absent]];
  for (const [status, emails] of lists) {
    for (const email of emails) {
      const person = findPersonByEmail(db, email);
      if (!person) {
        unknown.push(email);
        continue;
      }
      const earlier = seen.get(person.id);
      if (earlier !== undefined) return fail('attendance.duplicate_line', `${email} is listed twice (${earlier} and ${status}).`);
      seen.set(person.id, status);
      entries.push({ personId: person.id, guestName: null, status, deputisingForId: null });
    }
  }
  if (unknown.length > 0) return fail('attendance.unknown_person', `No person has the email address ${unknown.map((e) => `"${e}"`).join(', ')}; import them with \`ptrack import people\` first.`);
  if (entries.length === 0) return fail('usage.empty_register', 'Give at least one of --present, --apologies and --absent.');

  const committed = await store.commit([{ type: 'attendance.record', meetingId: meeting.id, entries }], { actor: actor.data, at });
  if (!committed.success) return committed;
  const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId);
  const counts = lists.map(([status]) => `${entries.filter((e) => e.status === status).length} ${status}`).join(', ');
  const what = `${subgroup?.name ?? meeting.subgroupId} on ${localDateOf(meeting.start, db.partnership.timeZone)}`;
  return ok(committed.data.audit.length === 0 ? `The register of ${what} already says this; nothing changed.` : `Recorded the register of ${what}: ${counts}.`);
}
