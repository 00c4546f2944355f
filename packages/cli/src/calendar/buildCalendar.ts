import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { agencyOn, isMemberOn, localDateOf, slugify, type Database, type Meeting, type Person } from '@partnership-tracker/core';
import { calendarDay, vtimezone, zonedTime } from './zonedTime.js';

/** Which events a calendar holds. */
export interface CalendarSelection {
  /** Only this subgroup's meetings. */
  readonly subgroupId?: string;
  /** Only meetings this person is expected at (their agency is a member, or they chair), plus their actions' due dates. */
  readonly person?: Person;
  /** The DTSTAMP of every event: when the calendar was made. */
  readonly now: Date;
}

/** Whether a person is expected at a meeting: they chair the subgroup or their agency that day was a member. */
export function expectedAt(db: Database, person: Person, meeting: Meeting): boolean {
  const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId);
  if (!subgroup) return false;
  if (subgroup.chairId === person.id || subgroup.deputyChairId === person.id) return true;
  const day = localDateOf(meeting.start, db.partnership.timeZone);
  const agencyId = agencyOn(person, day);
  return agencyId !== null && isMemberOn(subgroup, agencyId, day);
}

/**
 * Builds an iCalendar file of meetings (and, for a person, their actions' due dates). Each
 * event's UID is derived from the meeting id, so importing a newer file into Outlook or Google
 * updates the events instead of duplicating them; cancelled meetings are marked CANCELLED.
 */
export function buildCalendar(db: Database, selection: CalendarSelection): string {
  const timeZone = db.partnership.timeZone;
  const london = vtimezone(timeZone);
  const domain = `${slugify(db.partnership.name)}.partnership-tracker`;
  const calendar = new ICalCalendar({
    name: `${db.partnership.name}${selection.person ? ` — ${selection.person.name}` : ''}`,
    prodId: { company: 'Partnership Tracker', product: 'ptrack', language: 'EN' },
  });
  // A calendar-wide zone would make ical-generator write DTSTAMP in local time, which RFC 5545
  // forbids; giving the zone to each event instead still emits its VTIMEZONE through the generator.
  // Zones without a VTIMEZONE here are written in UTC, which every calendar reads correctly.
  if (london) calendar.timezone({ name: null, generator: vtimezone });
  const when = (instant: string) => (london ? zonedTime(new Date(instant), timeZone) : new Date(instant));

  const meetings = db.meetings
    .filter((m) => selection.subgroupId === undefined || m.subgroupId === selection.subgroupId)
    .filter((m) => selection.person === undefined || expectedAt(db, selection.person, m))
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  for (const meeting of meetings) {
    const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId);
    const description = [subgroup?.name, meeting.link ? `Join: ${meeting.link}` : null].filter(Boolean).join('\n');
    calendar.createEvent({
      id: `meeting-${meeting.id}@${domain}`,
      stamp: selection.now,
      timezone: london ? timeZone : null,
      start: when(meeting.start),
      end: when(meeting.end),
      summary: meeting.title ?? subgroup?.name ?? meeting.subgroupId,
      location: meeting.location ?? meeting.link ?? null,
      url: meeting.link,
      description,
      status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }

  if (selection.person) {
    const actions = db.actions
      .filter((a) => a.ownerId === selection.person!.id && a.status !== 'complete' && a.status !== 'withdrawn')
      .sort((a, b) => a.due.localeCompare(b.due) || a.ref.localeCompare(b.ref));
    for (const action of actions) {
      calendar.createEvent({
        id: `action-${action.ref}@${domain}`,
        stamp: selection.now,
        allDay: true,
        start: calendarDay(action.due),
        summary: `Due: ${action.ref} ${action.title}`,
        description: `${action.ref} is ${action.progress}% done (${action.status}).`,
        status: ICalEventStatus.CONFIRMED,
      });
    }
  }
  return calendar.toString();
}
