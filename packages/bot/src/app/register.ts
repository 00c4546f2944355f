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
}

/**
 * The people of one agency (null: people with no agency) whom someone on the register could be
 * deputising for. A deputy counts for the agency of the person they stand in for, which is
 * usually not their own: the Health Improvement Lead of the council deputises for Public Health.
 */
export interface DeputyCandidates {
  readonly agency: Agency | null;
  readonly people: readonly Person[];
}

/** A block of the register: one member agency's people, or the people from elsewhere already recorded. */
export interface RegisterGroup {
  readonly agency: Agency | null;
  readonly rows: readonly RegisterRow[];
}

/**
 * The register of a meeting as the chair's card lists it: each member agency's active people
 * (agencies in name order, people in name order), then anyone already recorded who is not in
 * those, with what is recorded so far; the guests recorded; and everyone a line could name as
 * deputised for: every person of the partnership active on the meeting day, by agency, and
 * anyone a line already names, so that a recorded deputy is always one of the choices.
 */
export function registerOf(db: Database, meeting: Meeting): { groups: RegisterGroup[]; guests: string[]; deputyCandidates: DeputyCandidates[] } {
  const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId)!;
  const date = localDateOf(meeting.start, db.partnership.timeZone);
  const lines = db.attendance.filter((a) => a.meetingId === meeting.id);
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name, 'en-GB');
  const activePeople = db.people.filter((p) => isActiveOn(p, date));
  const rowFor = (person: Person): RegisterRow => {
    const line = lines.find((l) => l.personId === person.id);
    return { person, status: line?.status ?? null, deputisingForId: line?.deputisingForId ?? null };
  };

  const listed = new Set<string>();
  const groups: RegisterGroup[] = [];
  const agencies: Agency[] = db.agencies.filter((a) => isMemberOn(subgroup, a.id, date)).sort(byName);
  for (const agency of agencies) {
    const people = activePeople.filter((p) => agencyOn(p, date) === agency.id).sort(byName);
    if (people.length === 0) continue;
    for (const p of people) listed.add(p.id);
    groups.push({ agency, rows: people.map(rowFor) });
  }
  const others = lines
    .filter((l) => l.personId !== null && !listed.has(l.personId))
    .map((l) => db.people.find((p) => p.id === l.personId))
    .filter((p): p is Person => p !== undefined)
    .sort(byName);
  if (others.length > 0) groups.push({ agency: null, rows: others.map(rowFor) });
  const guests = lines.filter((l) => l.guestName !== null).map((l) => l.guestName!);
  return { groups, guests, deputyCandidates: deputyCandidatesOf(db, lines, date) };
}

/** Everyone a register line could name as deputised for, by agency as on the day (agencies in name order, no agency last). */
function deputyCandidatesOf(db: Database, lines: Database['attendance'], date: string): DeputyCandidates[] {
  const named = new Set(lines.map((l) => l.deputisingForId).filter((id): id is string => id !== null));
  const people = db.people.filter((p) => isActiveOn(p, date) || named.has(p.id));
  const byAgency = new Map<string | null, Person[]>();
  for (const person of people) {
    const agencyId = agencyOn(person, date);
    byAgency.set(agencyId, [...(byAgency.get(agencyId) ?? []), person]);
  }
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name, 'en-GB');
  const groups: DeputyCandidates[] = db.agencies
    .filter((a) => byAgency.has(a.id))
    .sort(byName)
    .map((agency) => ({ agency, people: byAgency.get(agency.id)!.sort(byName) }));
  const unaffiliated = [...byAgency.entries()].filter(([agencyId]) => agencyId === null || !db.agencies.some((a) => a.id === agencyId)).flatMap(([, list]) => list);
  if (unaffiliated.length > 0) groups.push({ agency: null, people: unaffiliated.sort(byName) });
  return groups;
}

const chosen = (raw: unknown): string | null => (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null);

/**
 * The "who deputised / for whom" pairs of a submitted register, by deputy. A pair with no one
 * deputised for names no deputy; a deputy named twice for different people is refused.
 */
function deputyPairsOf(data: Record<string, unknown>): Result<Map<string, string | null>> {
  const pairs = new Map<string, string | null>();
  for (let index = 0; ; index++) {
    const ids = registerInputIds.deputyPair(index);
    if (!(ids.who in data) && !(ids.forId in data)) return ok(pairs);
    const who = chosen(data[ids.who]);
    const forId = chosen(data[ids.forId]);
    if (who === null) {
      if (forId !== null) return fail('register.deputy_missing', `Deputies, line ${index + 1}: say who deputised, or clear "deputising for". Nothing was recorded.`);
      continue;
    }
    if (pairs.has(who) && pairs.get(who) !== forId) return fail('register.deputy_twice', `Deputies, line ${index + 1}: the same person is named as deputising twice. Nothing was recorded.`);
    pairs.set(who, forId === who ? null : forId);
  }
}

/**
 * Reads a submitted register card into register lines. People left at "—" are left off; guests
 * are one per line and present. Unknown statuses are refused, never guessed. Who a person
 * deputised for comes from the field beside them, or from a "who / for whom" pair.
 */
export function registerEntriesOf(data: Record<string, unknown>): Result<RegisterEntry[]> {
  const entries: RegisterEntry[] = [];
  const pairs = deputyPairsOf(data);
  if (!pairs.success) return pairs;
  const statusPrefix = registerInputIds.status('');
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith(statusPrefix)) continue;
    const personId = key.slice(statusPrefix.length);
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '' || value === NOT_ON_REGISTER) continue;
    const status = AttendanceStatus.safeParse(value);
    if (!status.success) return fail('register.bad_status', `"${value}" is not an attendance status; choose present, apologies or absent. Nothing was recorded.`);
    const deputy = pairs.data.has(personId) ? pairs.data.get(personId)! : chosen(data[registerInputIds.deputy(personId)]);
    const deputisingForId = deputy !== null && deputy !== personId ? deputy : null;
    entries.push({ personId, guestName: null, status: status.data, deputisingForId });
  }
  const marked = new Set(entries.map((e) => e.personId));
  for (const [who, forId] of pairs.data) {
    if (forId !== null && !marked.has(who)) {
      return fail('register.deputy_not_marked', `"${who}" is named as a deputy but is not marked present, apologies or absent: mark them, or clear that deputy. Nothing was recorded.`);
    }
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
