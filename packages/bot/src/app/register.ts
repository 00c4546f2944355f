import {
  agencyCountedFor,
  agencyOn,
  AttendanceStatus,
  fail,
  isActiveOn,
  isMemberOn,
  localDateOf,
  ok,
  type Agency,
  type Database,
  type Meeting,
  type Person,
  type RegisterEntry,
  type Result,
} from '@partnership-tracker/core';
import { NOT_ON_REGISTER, registerInputIds } from './forms.js';
import type { MeetingEngagementLine } from './views.js';

/** One person's line on the register, with what is recorded for them so far. */
export interface RegisterRow {
  readonly person: Person;
  readonly status: AttendanceStatus | null;
  readonly deputisingForId: string | null;
  /** Colleagues this person could be deputising for (same agency). */
  readonly colleagues: readonly Person[];
}

/** A block of the register: one member agency's people, or the people from elsewhere already recorded. */
export interface RegisterGroup {
  readonly agency: Agency | null;
  readonly rows: readonly RegisterRow[];
}

/**
 * The register of a meeting as the chair's card lists it: each member agency's active people
 * (agencies in name order, people in name order), then anyone already recorded who is not in
 * those, with what is recorded so far; and the guests recorded.
 */
export function registerOf(db: Database, meeting: Meeting): { groups: RegisterGroup[]; guests: string[] } {
  const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId)!;
  const date = localDateOf(meeting.start, db.partnership.timeZone);
  const lines = db.attendance.filter((a) => a.meetingId === meeting.id);
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name, 'en-GB');
  const activePeople = db.people.filter((p) => isActiveOn(p, date));
  const rowFor = (person: Person, colleagues: readonly Person[]) => {
    const line = lines.find((l) => l.personId === person.id);
    return { person, status: line?.status ?? null, deputisingForId: line?.deputisingForId ?? null, colleagues: colleagues.filter((c) => c.id !== person.id) };
  };

  const listed = new Set<string>();
  const groups: RegisterGroup[] = [];
  const agencies: Agency[] = db.agencies.filter((a) => isMemberOn(subgroup, a.id, date)).sort(byName);
  for (const agency of agencies) {
    const people = activePeople.filter((p) => agencyOn(p, date) === agency.id).sort(byName);
    if (people.length === 0) continue;
    for (const p of people) listed.add(p.id);
    groups.push({ agency, rows: people.map((p) => rowFor(p, people)) });
  }
  const others = lines
    .filter((l) => l.personId !== null && !listed.has(l.personId))
    .map((l) => db.people.find((p) => p.id === l.personId))
    .filter((p): p is Person => p !== undefined)
    .sort(byName);
  if (others.length > 0) groups.push({ agency: null, rows: others.map((p) => rowFor(p, [])) });
  const guests = lines.filter((l) => l.guestName !== null).map((l) => l.guestName!);
  return { groups, guests };
}

/**
 * Reads a submitted register card into register lines. People left at "—" are left off; guests
 * are one per line and present. Unknown statuses are refused, never guessed.
 */
export function registerEntriesOf(data: Record<string, unknown>): Result<RegisterEntry[]> {
  const entries: RegisterEntry[] = [];
  const statusPrefix = registerInputIds.status('');
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith(statusPrefix)) continue;
    const personId = key.slice(statusPrefix.length);
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '' || value === NOT_ON_REGISTER) continue;
    const status = AttendanceStatus.safeParse(value);
    if (!status.success) return fail('register.bad_status', `"${value}" is not an attendance status; choose present, apologies or absent. Nothing was recorded.`);
    const deputy = data[registerInputIds.deputy(personId)];
    const deputisingForId = typeof deputy === 'string' && deputy.trim() !== '' && deputy.trim() !== personId ? deputy.trim() : null;
    entries.push({ personId, guestName: null, status: status.data, deputisingForId });
  }
  const guests = data[registerInputIds.guests];
  if (typeof guests === 'string') {
    const seen = new Set<string>();
    for (const line of guests.split(/\r?\n/)) {
      const name = line.trim().replace(/\s+/g, ' ');
      if (name === '' || seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      entries.push({ personId: null, guestName: name, status: 'present', deputisingForId: null });
    }
  }
  if (entries.length === 0) return fail('register.empty', 'The register is empty: mark at least one person present, apologies or absent. Nothing was recorded.');
  return ok(entries);
}

/** Each member agency's engagement at one meeting, plus the guests, as the chair sees it after recording. */
export function meetingEngagement(db: Database, meeting: Meeting): { lines: MeetingEngagementLine[]; guests: number } {
  const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId)!;
  const date = localDateOf(meeting.start, db.partnership.timeZone);
  const register = db.attendance.filter((a) => a.meetingId === meeting.id);
  const lines = db.agencies
    .filter((a) => isMemberOn(subgroup, a.id, date))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((agency) => {
      const counted = register.filter((l) => agencyCountedFor(l) === agency.id);
      const present = counted.filter((l) => l.status === 'present').length;
      const apologies = counted.filter((l) => l.status === 'apologies').length;
      return { agency: agency.name, present, apologies, percent: present * 100 };
    });
  return { lines, guests: register.filter((l) => l.guestName !== null && l.status === 'present').length };
}
