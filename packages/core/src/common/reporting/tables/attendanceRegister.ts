import { isInRange, localDateOf, localTimeOf, periodDates, periodLabel, type Period } from '../../base/dates.js';
import type { Database } from '../../store/database.js';
import type { Report, Row } from '../table.js';

/** Which register lines to export. */
export interface RegisterFilter {
  readonly period?: Period;
  readonly subgroupId?: string;
}

/** The attendance register: one row per person (or guest) per meeting, in meeting order. */
export function attendanceRegister(db: Database, filter: RegisterFilter = {}): Report {
  const timeZone = db.partnership.timeZone;
  const range = filter.period ? periodDates(filter.period, db.partnership.financialYearStart) : undefined;
  const meetings = new Map(
    db.meetings
      .filter((m) => filter.subgroupId === undefined || m.subgroupId === filter.subgroupId)
      .filter((m) => range === undefined || isInRange(localDateOf(m.start, timeZone), range))
      .map((m) => [m.id, m] as const),
  );
  const people = new Map(db.people.map((p) => [p.id, p] as const));
  const agencies = new Map(db.agencies.map((a) => [a.id, a] as const));
  const subgroups = new Map(db.subgroups.map((s) => [s.id, s] as const));
  const rows = db.attendance
    .filter((line) => meetings.has(line.meetingId))
    .map((line) => {
      const meeting = meetings.get(line.meetingId)!;
      const person = line.personId ? people.get(line.personId) : undefined;
      const deputising = line.deputisingForId ? people.get(line.deputisingForId) : undefined;
      const agencyId = line.agencyId;
      return {
        sort: `${meeting.start}|${meeting.id}|${agencyId === null ? '~' : (agencies.get(agencyId)?.name ?? '')}|${person?.name ?? line.guestName ?? ''}`,
        row: {
          meeting: meeting.title ?? subgroups.get(meeting.subgroupId)?.name ?? meeting.subgroupId,
          subgroup: subgroups.get(meeting.subgroupId)?.shortName ?? meeting.subgroupId,
          date: localDateOf(meeting.start, timeZone),
          time: localTimeOf(meeting.start, timeZone),
          agency: agencyId === null ? 'Guest' : (agencies.get(agencyId)?.name ?? agencyId),
          person: person?.name ?? line.guestName ?? '',
          email: person?.email ?? null,
          status: line.status,
          deputisingFor: deputising?.name ?? null,
        } satisfies Row,
      };
    })
    .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
    .map((r) => r.row);
  const title = `Attendance register${filter.period ? ` ${periodLabel(filter.period)}` : ''}`;
  return {
    title,
    tables: [
      {
        title,
        columns: [
          { key: 'meeting', header: 'Meeting', type: 'text' },
          { key: 'subgroup', header: 'Group', type: 'text' },
          { key: 'date', header: 'Date', type: 'date' },
          { key: 'time', header: 'Time', type: 'text' },
          { key: 'agency', header: 'Agency', type: 'text' },
          { key: 'person', header: 'Person', type: 'text' },
          { key: 'email', header: 'Email', type: 'text' },
          { key: 'status', header: 'Status', type: 'text' },
          { key: 'deputisingFor', header: 'Deputising for', type: 'text' },
        ],
        rows,
      },
    ],
  };
}
